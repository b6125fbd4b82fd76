package voicesched

import (
	"fmt"
	"unicode/utf8"
)

// Limits on what a write may store (see SECURITY.md). They keep one
// tenant's record from costing every other tenant time or memory: customer
// data feeds every condition evaluation, and the write lock is shared.
const (
	// MaxDataDepth is how deeply customer data may nest (structValue and
	// listValue levels); conditions see at most this many levels anyway.
	MaxDataDepth = 64
	// MaxDataValues is how many values customer data may hold in all.
	MaxDataValues = 10000
	// MaxDataStringBytes is the total size of the strings in customer data
	// (keys included): a condition that concatenates data strings
	// allocates in proportion to it on every evaluation.
	MaxDataStringBytes = 64 << 10
	// MaxTagIDs is how many tag ids one patch may name.
	MaxTagIDs = 1000
	// MaxIDBytes is the longest id accepted (customers, endpoints, parents).
	MaxIDBytes = 256
)

// checkRecords runs checkData on a customer's data and on the flowParams
// of every rule of a schedule: both are trees of Values that a Go caller
// could build shared or cyclic. Called before anything is copied.
func checkRecords(path string, data Struct, sched *Schedule) *Problem {
	if p := checkData(joinPath(path, "data"), data); p != nil {
		return p
	}
	if sched == nil {
		return nil
	}
	for i := range sched.Rules {
		if p := checkData(joinPath(path, fmt.Sprintf("schedule.rules[%d].flowParams", i)), sched.Rules[i].FlowParams); p != nil {
			return p
		}
	}
	return nil
}

func joinPath(base, member string) string {
	if base == "" {
		return member
	}
	return base + "." + member
}

// checkData walks customer data iteratively and refuses what is too deep,
// too large, or not a tree: a value reachable twice (shared, or a cycle),
// which only Go callers can build and which would make copying it
// exponential or endless.
func checkData(path string, data Struct) *Problem {
	type item struct {
		s     Struct
		depth int
	}
	fail := func(format string, args ...any) *Problem {
		return &Problem{Path: path, Code: CodeDataTooLarge, Severity: SeverityError, Message: fmt.Sprintf(format, args...)}
	}
	if data == nil {
		return nil
	}
	seen := map[*Value]bool{}
	values, bytes := 0, 0
	stack := []item{{data, 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth > MaxDataDepth {
			return fail("the value is nested deeper than %d levels", MaxDataDepth)
		}
		for k, v := range it.s {
			values++
			bytes += len(k)
			if values > MaxDataValues {
				return fail("the value holds more than %d values", MaxDataValues)
			}
			if v == nil {
				continue
			}
			if seen[v] {
				return &Problem{Path: path, Code: CodeDataNotATree, Severity: SeverityError,
					Message: "a value appears twice (shared or containing itself); it must be a tree"}
			}
			seen[v] = true
			if v.StringValue != nil {
				bytes += len(*v.StringValue)
			}
			if bytes > MaxDataStringBytes {
				return fail("the value's text is longer than %d bytes", MaxDataStringBytes)
			}
			if v.StructValue != nil {
				stack = append(stack, item{v.StructValue, it.depth + 1})
			}
			for _, s := range v.ListValue {
				if s != nil {
					stack = append(stack, item{s, it.depth + 1})
				}
			}
		}
	}
	return nil
}

// checkID refuses ids that cannot be stored and saved again: empty, too
// long, or not valid UTF-8 (JSON would turn two different invalid ids into
// the same text).
func checkID(path, id string, allowEmpty bool) *StructureError {
	switch {
	case id == "" && allowEmpty:
		return nil
	case id == "":
		return &StructureError{Path: path, Code: CodeEmptyID, Message: "the id is empty"}
	case len(id) > MaxIDBytes:
		return &StructureError{Path: path, Code: CodeInvalidID, Message: fmt.Sprintf("the id is longer than %d bytes", MaxIDBytes)}
	case !utf8.ValidString(id):
		return &StructureError{Path: path, Code: CodeInvalidID, Message: "the id is not valid UTF-8"}
	}
	return nil
}
