package model

import (
	"fmt"
	"slices"
	"strings"
)

// Value is the Evo Voice one-of value: exactly one member is meant to be set,
// but the API does not enforce it and neither does decoding (validation
// warns, see OneOfProblems). Plain returns the value as a Go value for
// conditions. An empty structValue {} or listValue [] is a member that is
// set: it is kept and written back as {} or [] (only a nil one is left out).
type Value struct {
	BoolValue   *bool    `json:"boolValue,omitempty"`
	StringValue *string  `json:"stringValue,omitempty"`
	NumberValue *float64 `json:"numberValue,omitempty"`
	ListValue   []Struct `json:"listValue,omitzero"`
	StructValue Struct   `json:"structValue,omitzero"`
}

// Members returns the JSON names of the members v sets, in the order Plain
// picks them: the first one wins.
func (v *Value) Members() []string {
	if v == nil {
		return nil
	}
	var out []string
	for _, member := range []struct {
		name string
		set  bool
	}{
		{"boolValue", v.BoolValue != nil}, {"stringValue", v.StringValue != nil}, {"numberValue", v.NumberValue != nil},
		{"structValue", v.StructValue != nil}, {"listValue", v.ListValue != nil},
	} {
		if member.set {
			out = append(out, member.name)
		}
	}
	return out
}

// maxOneOfProblems bounds what OneOfProblems reports of one Struct.
const maxOneOfProblems = 20

// OneOfProblems reports, as warnings with their paths under path (for
// example "data.office.structValue.city"), the Values in s, at any depth,
// that set more than one member, and which one conditions read. At most 20
// are reported. Each Value is looked at once, so a shared or cyclic tree
// built in Go costs no more than its distinct values.
func (s Struct) OneOfProblems(path string) Problems {
	if len(s) == 0 {
		return nil
	}
	var out Problems
	s.oneOf(path, &out, map[*Value]bool{}, 0)
	return out
}

func (s Struct) oneOf(path string, out *Problems, seen map[*Value]bool, depth int) {
	if depth > maxPlainDepth {
		return
	}
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if len(*out) >= maxOneOfProblems {
			return
		}
		v := s[k]
		if v == nil || seen[v] {
			continue
		}
		seen[v] = true
		at := memberPath(path, k)
		if members := v.Members(); len(members) > 1 {
			*out = append(*out, Problem{Path: at, Code: CodeSeveralValueMembers, Severity: SeverityWarning,
				Message: fmt.Sprintf("this value sets %s, but a Value holds one; conditions read only %s (the first of boolValue, stringValue, numberValue, structValue, listValue) and other systems may pick another; keep one member",
					JoinWords(members), members[0])})
		}
		v.StructValue.oneOf(at+".structValue", out, seen, depth+1)
		for i, item := range v.ListValue {
			item.oneOf(fmt.Sprintf("%s.listValue[%d]", at, i), out, seen, depth+1)
		}
	}
}

// JoinWords writes words as a sentence lists them: "a", "a and b", "a, b
// and c". Messages of every package use it.
func JoinWords(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Struct is a JSON object of Values (.NET Dictionary<string, Value>). A nil
// *Value is a JSON null; in a PatchCustomer's data it deletes the key.
type Struct map[string]*Value

// maxPlainDepth bounds the recursion of Plain. encoding/json already refuses
// documents nested deeper than 10,000 levels; values built in Go are cut here.
const maxPlainDepth = 256

// Plain converts v to plain Go values: bool, float64, string,
// map[string]any (structValue) or []any of map[string]any (listValue).
// When several members are set, the first of bool, string, number, struct,
// list wins (the order the one-of is declared in the API). A Value with no
// member is nil. Nesting deeper than 256 levels is cut off (nil).
func (v *Value) Plain() any { return v.plain(0) }

func (v *Value) plain(depth int) any {
	if v == nil || depth > maxPlainDepth {
		return nil
	}
	switch {
	case v.BoolValue != nil:
		return *v.BoolValue
	case v.StringValue != nil:
		return *v.StringValue
	case v.NumberValue != nil:
		return *v.NumberValue
	case v.StructValue != nil:
		return v.StructValue.plain(depth + 1)
	case v.ListValue != nil:
		list := make([]any, len(v.ListValue))
		for i, s := range v.ListValue {
			if s != nil {
				list[i] = s.plain(depth + 1)
			}
		}
		return list
	}
	return nil
}

// Plain converts s to a map of plain values (see Value.Plain); nil stays nil.
func (s Struct) Plain() map[string]any { return s.plain(0) }

func (s Struct) plain(depth int) map[string]any {
	if s == nil || depth > maxPlainDepth {
		return nil
	}
	out := make(map[string]any, len(s))
	for k, v := range s {
		out[k] = v.plain(depth + 1)
	}
	return out
}

// Clone returns a deep copy of s.
func (s Struct) Clone() Struct {
	if s == nil {
		return nil
	}
	out := make(Struct, len(s))
	for k, v := range s {
		out[k] = v.Clone()
	}
	return out
}

// Clone returns a deep copy of v.
func (v *Value) Clone() *Value {
	if v == nil {
		return nil
	}
	c := &Value{}
	if v.BoolValue != nil {
		b := *v.BoolValue
		c.BoolValue = &b
	}
	if v.StringValue != nil {
		s := *v.StringValue
		c.StringValue = &s
	}
	if v.NumberValue != nil {
		n := *v.NumberValue
		c.NumberValue = &n
	}
	if v.ListValue != nil {
		c.ListValue = make([]Struct, len(v.ListValue))
		for i, s := range v.ListValue {
			c.ListValue[i] = s.Clone()
		}
	}
	c.StructValue = v.StructValue.Clone()
	return c
}
