package schedule

import (
	"math"
)

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

// NoOffset is .NET's int.MinValue, which clients send for "no offset".
const NoOffset = math.MinInt32

// ScheduleDay is one byDay entry. Offset 0 and NoOffset both mean "every such
// weekday"; +n is the n-th in the month (or year), -n the n-th from the end.
type ScheduleDay struct {
	Offset    int       `json:"offset"`
	DayOfWeek DayOfWeek `json:"dayOfWeek"`
}

// Ordinal returns the offset with NoOffset folded to 0 ("every").
func (d ScheduleDay) Ordinal() int {
	if d.Offset == NoOffset {
		return 0
	}
	return d.Offset
}

// SchedulingRule is one rule of a schedule, as the API sends it.
type SchedulingRule struct {
	ID             string        `json:"id,omitempty"`
	Name           string        `json:"name,omitempty"`
	Priority       int           `json:"priority"`
	State          string        `json:"state,omitempty"`
	Source         string        `json:"source,omitempty"`
	Condition      string        `json:"condition,omitempty"`
	SimpleRuleType RuleType      `json:"simpleRuleType"`
	CustomerState  string        `json:"customerState,omitempty"`
	FlowID         string        `json:"flowId,omitempty"`
	FlowParams     Struct        `json:"flowParams,omitempty"`
	IsAllDay       bool          `json:"isAllDay"`
	StartDate      string        `json:"startDate,omitempty"`
	StartTime      string        `json:"startTime,omitempty"`
	EndTime        string        `json:"endTime,omitempty"`
	BySetPosition  []int         `json:"bySetPosition,omitempty"`
	ByMonth        []int         `json:"byMonth,omitempty"`
	ByWeekNo       []int         `json:"byWeekNo,omitempty"`
	ByYearDay      []int         `json:"byYearDay,omitempty"`
	ByMonthDay     []int         `json:"byMonthDay,omitempty"`
	ByDay          []ScheduleDay `json:"byDay,omitempty"`
	ByHour         []int         `json:"byHour,omitempty"`
	ByMinute       []int         `json:"byMinute,omitempty"`
	Interval       int           `json:"interval"`
	Count          int           `json:"count"`
	UntilDate      string        `json:"untilDate,omitempty"`
	Frequency      Frequency     `json:"frequency"`
}

// Schedule is a customer's (or endpoint's) schedule, as the API sends it.
type Schedule struct {
	TimeZoneID   string           `json:"timeZoneId,omitempty"`
	Inherit      bool             `json:"inherit"`
	ForceClosed  bool             `json:"forceClosed"`
	Rules        []SchedulingRule `json:"rules,omitempty"`
	DefaultState string           `json:"defaultState,omitempty"`
}

// Clone returns a deep copy of s (nil stays nil).
func (s *Schedule) Clone() *Schedule {
	if s == nil {
		return nil
	}
	c := *s
	if s.Rules != nil {
		c.Rules = make([]SchedulingRule, len(s.Rules))
		for i, r := range s.Rules {
			c.Rules[i] = r.clone()
		}
	}
	return &c
}

func (r SchedulingRule) clone() SchedulingRule {
	c := r
	c.FlowParams = r.FlowParams.Clone()
	c.BySetPosition = cloneInts(r.BySetPosition)
	c.ByMonth = cloneInts(r.ByMonth)
	c.ByWeekNo = cloneInts(r.ByWeekNo)
	c.ByYearDay = cloneInts(r.ByYearDay)
	c.ByMonthDay = cloneInts(r.ByMonthDay)
	c.ByHour = cloneInts(r.ByHour)
	c.ByMinute = cloneInts(r.ByMinute)
	if r.ByDay != nil {
		c.ByDay = append([]ScheduleDay(nil), r.ByDay...)
	}
	return c
}

func cloneInts(s []int) []int {
	if s == nil {
		return nil
	}
	return append([]int(nil), s...)
}

// TestSchedule is the API's TestSchedule request: the state of a schedule
// (or of a customer) at dateTime. dateTime is ISO-8601; without an offset it
// is a civil time in the schedule's zone.
type TestSchedule struct {
	CustomerID string    `json:"customerId,omitempty"`
	DateTime   string    `json:"dateTime,omitempty"`
	Schedule   *Schedule `json:"schedule,omitempty"`
}

// TestScheduleResponse is the API's answer to TestSchedule.
type TestScheduleResponse struct {
	StateName  string `json:"stateName"`
	TimeZoneID string `json:"timeZoneId"`
}
