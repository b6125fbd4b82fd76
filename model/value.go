package model

// Value is the Evo Voice one-of value: exactly one member is meant to be set,
// but the API does not enforce it and neither does decoding. Plain returns
// the value as a Go value for conditions.
type Value struct {
	BoolValue   *bool    `json:"boolValue,omitempty"`
	StringValue *string  `json:"stringValue,omitempty"`
	NumberValue *float64 `json:"numberValue,omitempty"`
	ListValue   []Struct `json:"listValue,omitempty"`
	StructValue Struct   `json:"structValue,omitempty"`
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
