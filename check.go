package voicesched

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

// checker collects problems, each with its JSON path. It is the one path
// of validation: Load, PutCustomer, PutEndpoint and Patch refuse a write
// whose checks found an error; ValidateTree, ValidateCustomer,
// ValidatePatch and ValidateSchedule return what the checks found; the
// command line calls those. A check is a method that looks at one record
// (or one list) at a path and adds what it finds; it never stops at the
// first problem. A new check is one more method, called where the record
// is checked (customerFields for a customer's own members, tree for a
// whole directory, patchFields for a patch).
type checker struct {
	problems Problems
}

func (c *checker) errorf(path, code, format string, args ...any) {
	c.problems = append(c.problems, Problem{Path: path, Code: code, Severity: SeverityError, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) warnf(path, code, format string, args ...any) {
	c.problems = append(c.problems, Problem{Path: path, Code: code, Severity: SeverityWarning, Message: fmt.Sprintf(format, args...)})
}

// addAll adds problems whose paths are relative to prefix.
func (c *checker) addAll(prefix string, ps Problems) {
	c.problems = append(c.problems, ps.WithPrefix(prefix)...)
}

// failed reports whether an error was found.
func (c *checker) failed() bool { return c.problems.HasErrors() }

// errorsSince reports whether an error was found after the first n problems.
func (c *checker) errorsSince(n int) bool { return c.problems[n:].HasErrors() }

// options reports an option the engine could not apply: every write is
// refused while it stands.
func (c *checker) options(cfg *config) {
	if cfg.err != nil {
		c.errorf("(options)", CodeUnknownZone, "%v; the engine refuses every write until it is fixed", cfg.err)
	}
}

// id checks an id that must be stored and saved again (see idProblem).
func (c *checker) id(path, id string, optional bool) {
	if code, message := idProblem(id, optional); code != "" {
		c.errorf(path, code, "%s", message)
	}
}

// idProblem judges an id: not empty (spaces only count as empty), at most
// MaxIDBytes, valid UTF-8 (JSON would turn two different invalid ids into
// the same text). optional allows "" (no parent). code is "" for a good id.
func idProblem(id string, optional bool) (code, message string) {
	switch {
	case optional && id == "":
	case !optional && strings.TrimSpace(id) == "":
		return CodeEmptyID, "the id is empty"
	case len(id) > MaxIDBytes:
		return CodeInvalidID, fmt.Sprintf("the id is longer than %d bytes", MaxIDBytes)
	case !utf8.ValidString(id):
		return CodeInvalidID, "the id is not valid UTF-8"
	}
	return "", ""
}

// name checks a customer's name.
func (c *checker) name(path, name string) {
	if strings.TrimSpace(name) == "" {
		c.errorf(path, CodeEmptyName, "the name cannot be empty")
	}
}

// selfParent checks that a customer does not name itself as its parent.
func (c *checker) selfParent(path, id, parentID string) bool {
	if id != "" && parentID == id {
		c.errorf(path, CodeParentLoop, "a customer cannot be its own parent")
		return false
	}
	return true
}

// tags checks a list of tags: each has an id and one of the tag colours.
func (c *checker) tags(path string, tags []Tag) {
	for i, tag := range tags {
		at := fmt.Sprintf("%s[%d]", path, i)
		if !tag.Color.Valid() {
			c.errorf(at+".color", CodeEnumOutOfRange, "color %d is not one of %s", int(tag.Color), tagColourNames)
		}
		c.id(at+".id", tag.ID, false)
	}
}

var tagColourNames = func() string {
	var names []string
	for colour := TagColors(0); colour.Valid(); colour++ {
		names = append(names, colour.String())
	}
	return strings.Join(names, ", ")
}()

// customerFields checks the members a customer must get right on its own,
// wherever it is stored: its name and its tags (its id and parent are the
// tree's business, the size of its data is records').
func (c *checker) customerFields(path string, cust *CustomerInfo) {
	c.name(model.JoinPath(path, "name"), cust.Name)
	c.tags(model.JoinPath(path, "tags"), cust.Tags)
}

// records runs data on a customer's data and on the flowParams of every
// rule of a schedule: both are trees of Values that a Go caller could build
// shared or cyclic. It must run before anything is copied.
func (c *checker) records(path string, data Struct, sched *Schedule) {
	c.data(model.JoinPath(path, "data"), data)
	c.problems = append(c.problems, data.OneOfProblems(model.JoinPath(path, "data"))...)
	if sched == nil {
		return
	}
	for i := range sched.Rules {
		c.data(model.JoinPath(path, fmt.Sprintf("schedule.rules[%d].flowParams", i)), sched.Rules[i].FlowParams)
	}
}

// treeSizes runs records on every customer and endpoint of a tree that
// holds a value to check (most hold none: their paths, a million of them in
// a large tree, are not worth making).
func (c *checker) treeSizes(tree Tree) {
	for i, cust := range tree.Customers {
		if cust != nil && holdsValues(cust.Data, cust.Schedule) {
			c.records(fmt.Sprintf("customers[%d]", i), cust.Data, cust.Schedule)
		}
	}
	for i, ep := range tree.Endpoints {
		if ep != nil && holdsValues(nil, ep.Schedule) {
			c.records(fmt.Sprintf("endpoints[%d]", i), nil, ep.Schedule)
		}
	}
}

// holdsValues reports whether records has anything to look at: data or a
// rule's flow parameters.
func holdsValues(data Struct, sched *Schedule) bool {
	if len(data) > 0 {
		return true
	}
	if sched != nil {
		for i := range sched.Rules {
			if len(sched.Rules[i].FlowParams) > 0 {
				return true
			}
		}
	}
	return false
}

// data walks a tree of Values iteratively and reports (once) what is too
// deep, too large, or not a tree: a value reachable twice (shared, or a
// cycle), which only Go callers can build and which would make copying it
// exponential or endless.
func (c *checker) data(path string, data Struct) {
	type item struct {
		s     Struct
		depth int
	}
	if data == nil {
		return
	}
	seen := map[*Value]bool{}
	values, bytes := 0, 0
	stack := []item{{data, 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth > MaxDataDepth {
			c.errorf(path, CodeDataTooLarge, "the value is nested deeper than %d levels", MaxDataDepth)
			return
		}
		for k, v := range it.s {
			values++
			bytes += len(k)
			if values > MaxDataValues {
				c.errorf(path, CodeDataTooLarge, "the value holds more than %d values", MaxDataValues)
				return
			}
			if v == nil {
				continue
			}
			if seen[v] {
				c.errorf(path, CodeDataNotATree, "a value appears twice (shared or containing itself); it must be a tree")
				return
			}
			seen[v] = true
			if v.StringValue != nil {
				bytes += len(*v.StringValue)
			}
			if bytes > MaxDataStringBytes {
				c.errorf(path, CodeDataTooLarge, "the value's text is longer than %d bytes", MaxDataStringBytes)
				return
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
}

// treeShape is what structure learns about a list of records, customers
// first and then endpoints: the index of every id and every record's
// parent (-1 for a root).
type treeShape struct {
	index   idIndex
	parents []int32
}

// treeRecords names the records of a tree by one index, customers first
// and then endpoints; paths are formatted only for a problem.
type treeRecords struct {
	customers []*CustomerInfo
	endpoints []*Endpoint
}

func (r treeRecords) len() int              { return len(r.customers) + len(r.endpoints) }
func (r treeRecords) isCustomer(k int) bool { return k < len(r.customers) }

func (r treeRecords) isNil(k int) bool {
	if r.isCustomer(k) {
		return r.customers[k] == nil
	}
	return r.endpoints[k-len(r.customers)] == nil
}

func (r treeRecords) id(k int) string {
	if r.isCustomer(k) {
		return r.customers[k].ID
	}
	return r.endpoints[k-len(r.customers)].ID
}

func (r treeRecords) parentID(k int) string {
	if r.isCustomer(k) {
		return r.customers[k].ParentCustomerID
	}
	return r.endpoints[k-len(r.customers)].CustomerID
}

func (r treeRecords) schedule(k int) *Schedule {
	if r.isCustomer(k) {
		return r.customers[k].Schedule
	}
	return r.endpoints[k-len(r.customers)].Schedule
}

// path is "customers[2]" or "endpoints[0]".
func (r treeRecords) path(k int) string {
	if r.isCustomer(k) {
		return fmt.Sprintf("customers[%d]", k)
	}
	return fmt.Sprintf("endpoints[%d]", k-len(r.customers))
}

// parentPath is the path of the member naming record k's parent.
func (r treeRecords) parentPath(k int) string {
	if r.isCustomer(k) {
		return r.path(k) + ".parentCustomerId"
	}
	return r.path(k) + ".customerId"
}

// structure checks the shape of a directory: every record present with an
// id used once, every parent an existing customer, every endpoint under
// one, no loop, no chain deeper than MaxDepth. The shape it returns is
// usable only when no error was added.
func (c *checker) structure(customers []*CustomerInfo, endpoints []*Endpoint) treeShape {
	records := treeRecords{customers, endpoints}
	total := records.len()
	shape := treeShape{index: newIDIndex(total), parents: make([]int32, total)}
	for k := range total {
		shape.parents[k] = -1
		if records.isNil(k) {
			what := "customer"
			if !records.isCustomer(k) {
				what = "endpoint"
			}
			c.errorf(records.path(k), CodeNull, "the %s is null", what)
			shape.index.skip()
			continue
		}
		id := records.id(k)
		if code, message := idProblem(id, false); code != "" {
			c.errorf(records.path(k)+".id", code, "%s", message)
			shape.index.skip()
			continue
		}
		if first, dup := shape.index.insert(id); dup {
			c.errorf(records.path(k)+".id", CodeDuplicateID, "id %q is already used by %s", id, records.path(int(first)))
			shape.index.skip()
		}
	}
	// Parents.
	for k := range total {
		if records.isNil(k) {
			continue
		}
		parentID := records.parentID(k)
		p, found := int32(-1), false
		if parentID != "" {
			p, found = shape.index.lookup(parentID)
		}
		if c.parentCustomer(records.parentPath(k), parentID, !records.isCustomer(k), found, found && records.isCustomer(int(p))) && found {
			shape.parents[k] = p
		}
	}
	// Loops and depth: every record must reach a root within MaxDepth steps.
	var loops []bool // computed when some chain is too long
	for k := range total {
		depth, at := 1, int32(k)
		for shape.parents[at] >= 0 && depth <= MaxDepth {
			at = shape.parents[at]
			depth++
		}
		if depth <= MaxDepth {
			continue
		}
		if loops == nil {
			loops = reachesLoop(shape.parents)
		}
		switch {
		case !loops[k]:
			c.errorf(records.parentPath(k), CodeTooDeep, "the parent chain of %q is deeper than %d levels", records.id(k), MaxDepth)
		case records.isCustomer(k):
			// An endpoint under a loop is not at fault; its customer is.
			c.errorf(records.parentPath(k), CodeParentLoop, "the parent chain of %q loops back on itself", records.id(k))
		}
	}
	return shape
}

// parentCustomer checks the parent id of a record (an endpoint's
// customerId must be given): found says whether the id names a record of
// the tree, isCustomer whether that record is a customer. It reports
// whether the parent is acceptable (none, or an existing customer).
func (c *checker) parentCustomer(path, parentID string, endpoint, found, isCustomer bool) bool {
	switch {
	case parentID == "":
		if endpoint {
			c.errorf(path, CodeParentNotFound, "an endpoint needs the customer it belongs to")
			return false
		}
	case !found:
		c.errorf(path, CodeParentNotFound, "customer %q does not exist", parentID)
		return false
	case !isCustomer:
		c.errorf(path, CodeParentNotFound, "%q is an endpoint, not a customer", parentID)
		return false
	}
	return true
}

// reachesLoop reports for every record whether walking up its parents
// comes back to a record seen (it is on a loop or below one), in time
// linear in the number of records.
func reachesLoop(parents []int32) []bool {
	const (
		unknown = iota
		visiting
		clear
		looping
	)
	state := make([]uint8, len(parents))
	var path []int32
	for k := range parents {
		path = path[:0]
		at := int32(k)
		for at >= 0 && state[at] == unknown {
			state[at] = visiting
			path = append(path, at)
			at = parents[at]
		}
		result := uint8(clear)
		if at >= 0 && (state[at] == visiting || state[at] == looping) {
			result = looping
		}
		for _, p := range path {
			state[p] = result
		}
	}
	out := make([]bool, len(parents))
	for k, s := range state {
		out[k] = s == looping
	}
	return out
}

// directoryTags checks a tree's own tags and the customers' tags against
// them: a tag listed twice, a customer tag the tree does not list
// (warnings: the tree loads, but a patch could not keep that tag).
func (c *checker) directoryTags(tree Tree) {
	c.tags("tags", tree.Tags)
	known := map[string]bool{}
	for i, tag := range tree.Tags {
		if known[tag.ID] && tag.ID != "" {
			c.warnf(fmt.Sprintf("tags[%d].id", i), CodeDuplicateID, "tag %q is listed twice; the later one is kept", tag.ID)
		}
		known[tag.ID] = true
	}
	if len(tree.Tags) == 0 {
		return
	}
	for i, cust := range tree.Customers {
		if cust == nil {
			continue
		}
		for j, tag := range cust.Tags {
			if tag.ID != "" && !known[tag.ID] {
				c.warnf(fmt.Sprintf("customers[%d].tags[%d].id", i, j), CodeUnknownTag,
					"tag %q is not in the tree's tags; a patch that sets tagIds could not keep it", tag.ID)
			}
		}
	}
}

// patchFields checks what a patch must get right whatever it is applied
// to: names, ids, the number of tag ids, and the size of its data and
// schedule. It reports whether its data and its schedule may be copied
// (they are absent or within limits); the other checks of a patch run
// either way, so a refused patch lists every problem at once.
func (c *checker) patchFields(p PatchCustomer) (dataOK, scheduleOK bool) {
	if p.Name.HasValue() {
		c.name("name", p.Name.Value)
	}
	if p.ParentCustomerID.HasValue() {
		c.id("parentCustomerId", p.ParentCustomerID.Value, true)
	}
	if p.TagIDs.HasValue() && len(p.TagIDs.Value) > MaxTagIDs {
		c.errorf("tagIds", CodeTooManyTags, "a customer may have at most %d tags, the patch names %d", MaxTagIDs, len(p.TagIDs.Value))
	}
	before := len(c.problems)
	if p.Data.HasValue() {
		c.data("data", p.Data.Value)
	}
	dataOK = !c.errorsSince(before)
	if dataOK && p.Data.HasValue() {
		c.problems = append(c.problems, p.Data.Value.OneOfProblems("data")...)
	}
	before = len(c.problems)
	if p.Schedule.HasValue() {
		c.scheduleSize(p.Schedule.Value)
	}
	return dataOK, !c.errorsSince(before)
}

// scheduleSize checks, before a patch's schedule is copied, its number of
// rules and its flow parameters.
func (c *checker) scheduleSize(sched *Schedule) {
	if sched == nil {
		return
	}
	if n := len(sched.Rules); n > schedule.MaxRules {
		c.errorf("schedule.rules", CodeTooManyRules, "a schedule may have at most %d rules, this one has %d", schedule.MaxRules, n)
		return
	}
	c.records("", nil, sched)
}

// patchTarget checks that a patch names the customer it changes.
func (c *checker) patchTarget(p PatchCustomer) bool {
	if strings.TrimSpace(p.CustomerID) == "" {
		c.errorf("customerId", CodeEmptyID, "the patch does not say which customer it changes")
		return false
	}
	return true
}

// refusal returns the checker's problems as a *StructureError, or nil when
// no error was found.
func (c *checker) refusal() error {
	if !c.failed() {
		return nil
	}
	return &StructureError{Problems: c.problems}
}
