package model

import "math"

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
// is a civil time in the schedule's zone. No code of this module reads it
// (the command line's test command takes flags); it is here because the
// wire model holds every record of the API, so that a service built on
// this library decodes the request with the same types.
type TestSchedule struct {
	CustomerID string    `json:"customerId,omitempty"`
	DateTime   string    `json:"dateTime,omitempty"`
	Schedule   *Schedule `json:"schedule,omitempty"`
}

// TestScheduleResponse is the API's answer to TestSchedule (see
// TestSchedule for why it is here).
type TestScheduleResponse struct {
	StateName  string `json:"stateName"`
	TimeZoneID string `json:"timeZoneId"`
}
