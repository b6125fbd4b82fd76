package rrule

import (
	"strconv"
	"strings"
	"time"
)

// Frequency mirrors the wire enum SchedulingRuleFrequency (same integer values).
// Values outside None..Yearly are rejected by Compile with field "frequency".
type Frequency int

// Frequencies, in the order and with the values of the wire enum.
const (
	None Frequency = iota
	Secondly
	Minutely
	Hourly
	Daily
	Weekly
	Monthly
	Yearly
)

var frequencyNames = [...]string{"None", "Secondly", "Minutely", "Hourly", "Daily", "Weekly", "Monthly", "Yearly"}

// String returns the wire name ("Weekly"), or "Frequency(n)" for a value outside the enum.
func (f Frequency) String() string {
	if f >= None && f <= Yearly {
		return frequencyNames[f]
	}
	return "Frequency(" + strconv.Itoa(int(f)) + ")"
}

// Day is one byDay entry: a weekday and an optional ordinal. N == 0 means every such weekday
// in the period; N = +n the n-th, N = -n the n-th from the end (within the month for Monthly,
// or for Yearly with byMonth; within the year for Yearly otherwise) — exactly RFC 5545 /
// python-dateutil semantics. N == math.MinInt32 (.NET's "no offset" on the wire) is read as 0.
// An ordinal that does not exist in a period (the 5th Monday of a month with four) selects
// nothing in that period.
type Day struct {
	Weekday time.Weekday
	N       int
}

// Spec is the recurrence part of a scheduling rule, already parsed into civil values.
// All time.Time values are CIVIL date-times held in UTC: the wall clock of the schedule's
// zone, with no zone attached. (If a value carries another location, its wall-clock reading
// is what counts.)
//
// Frequency None: exactly one occurrence at Start (every other field except Length ignored).
// Otherwise an RFC 5545 RRULE with WKST=MO and python-dateutil's defaults: BYSECOND is Start's
// second for every frequency but Secondly; byHour defaults to Start's hour for Daily and
// coarser, byMinute to Start's minute for Hourly and coarser; Weekly without day filters uses
// Start's weekday, Monthly without day filters Start's day of the month, Yearly without day
// filters Start's month and day. Start itself is an occurrence only when it matches the rule.
type Spec struct {
	Frequency Frequency
	// Start is DTSTART (civil), years 1..9999, whole seconds.
	Start time.Time
	// Length is the length of each window on the civil clock: > 0, whole seconds.
	Length time.Duration
	// Interval <= 0 means 1; at most 1000.
	Interval int
	// Count 0 means unbounded; < 0 is an error.
	Count int
	// Until is civil and inclusive (RFC 5545 UNTIL); the zero value means no until.
	// Fractions of a second are ignored.
	Until time.Time

	BySetPosition, ByMonth, ByWeekNo, ByYearDay, ByMonthDay []int
	ByDay                                                   []Day
	ByHour, ByMinute                                        []int
}

// Problem is one compile error, naming the wire field (JSON camelCase name) it concerns.
type Problem struct {
	// Field is "frequency", "interval", "count", "untilDate", "startDate", "endTime" (the
	// window length), "bySetPosition", "byMonth", "byWeekNo", "byYearDay", "byMonthDay",
	// "byDay", "byHour" or "byMinute".
	Field string
	// Index is the position in the BY-list the problem concerns, or -1.
	Index int
	// Code is stable: "out-of-range", "offset-not-allowed", "weekno-needs-yearly",
	// "empty-set", "too-many-values", "interval-too-large", "negative-count",
	// "not-whole-seconds".
	Code string
	// Message is one sentence a support agent can read.
	Message string
}

// Error holds every problem found by Compile (never empty when returned).
type Error struct {
	Problems []Problem
}

// Error joins the problems' messages, each prefixed with its field (and index).
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Field)
		if p.Index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(p.Index))
			b.WriteByte(']')
		}
		b.WriteString(": ")
		b.WriteString(p.Message)
	}
	return b.String()
}
