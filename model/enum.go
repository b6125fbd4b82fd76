package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Enum describes one .NET enum as the Evo Voice API sends it: members are
// numbered from zero and travel as their names. The wire enums of this
// package and of the customer records are built on it.
type Enum struct {
	TypeName string
	Names    []string
}

// Name returns the wire name of v, or "" when v is outside the enum.
func (t Enum) Name(v int) string {
	if v < 0 || v >= len(t.Names) {
		return ""
	}
	return t.Names[v]
}

// Marshal writes the member's name; a value outside the enum (kept so that
// validation can report it) is written as its integer.
func (t Enum) Marshal(v int) ([]byte, error) {
	if n := t.Name(v); n != "" {
		return json.Marshal(n)
	}
	return []byte(strconv.Itoa(v)), nil
}

// Unmarshal accepts a member name in any letter case, or the .NET integer
// value. An integer outside the enum is kept (Validate reports it); an
// unknown name is a decode error, since it cannot be kept. null leaves the
// zero value, as the API's own server does.
func (t Enum) Unmarshal(data []byte) (int, error) {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		return 0, nil
	}
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return 0, err
		}
		s = strings.TrimSpace(s)
		for i, n := range t.Names {
			if strings.EqualFold(n, s) {
				return i, nil
			}
		}
		// .NET also accepts the integer as a string.
		if n, err := strconv.ParseInt(s, 10, 32); err == nil {
			return int(n), nil
		}
		return 0, fmt.Errorf("%s: unknown value %q (want one of %s)", t.TypeName, Truncate(s, 64), strings.Join(t.Names, ", "))
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return 0, fmt.Errorf("%s: want a name or an integer, got %s", t.TypeName, Truncate(string(data), 64))
	}
	v, err := strconv.ParseInt(n.String(), 10, 32)
	if err != nil {
		return 0, fmt.Errorf("%s: %s is not a 32-bit integer", t.TypeName, Truncate(n.String(), 64))
	}
	return int(v), nil
}

// Truncate cuts text quoted in a message to its first n bytes, marking the
// cut with "…", so that a huge value cannot flood a report.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

var (
	frequencyEnum = Enum{"SchedulingRuleFrequency", []string{
		"None", "Secondly", "Minutely", "Hourly", "Daily", "Weekly", "Monthly", "Yearly"}}
	ruleTypeEnum = Enum{"SimpleSchedulingRuleTypes", []string{
		"Always", "CustomerState", "Time"}}
	dayOfWeekEnum = Enum{"DayOfWeek", []string{
		"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}}
)

// Frequency is the wire enum SchedulingRuleFrequency. Its integer values are
// the .NET ones and equal rrule.Frequency.
type Frequency int

// The members of SchedulingRuleFrequency.
const (
	FrequencyNone Frequency = iota
	FrequencySecondly
	FrequencyMinutely
	FrequencyHourly
	FrequencyDaily
	FrequencyWeekly
	FrequencyMonthly
	FrequencyYearly
)

// Valid reports whether f is a member of the enum.
func (f Frequency) Valid() bool { return frequencyEnum.Name(int(f)) != "" }

// String returns the wire name, or the integer for a value outside the enum.
func (f Frequency) String() string { return enumString(frequencyEnum, int(f)) }

// MarshalJSON writes the member name.
func (f Frequency) MarshalJSON() ([]byte, error) { return frequencyEnum.Marshal(int(f)) }

// UnmarshalJSON accepts a name in any case or the .NET integer.
func (f *Frequency) UnmarshalJSON(b []byte) error {
	v, err := frequencyEnum.Unmarshal(b)
	*f = Frequency(v)
	return err
}

// RuleType is the wire enum SimpleSchedulingRuleTypes.
type RuleType int

// The members of SimpleSchedulingRuleTypes.
const (
	RuleAlways RuleType = iota
	RuleCustomerState
	RuleTime
)

// Valid reports whether t is a member of the enum.
func (t RuleType) Valid() bool { return ruleTypeEnum.Name(int(t)) != "" }

// String returns the wire name, or the integer for a value outside the enum.
func (t RuleType) String() string { return enumString(ruleTypeEnum, int(t)) }

// MarshalJSON writes the member name.
func (t RuleType) MarshalJSON() ([]byte, error) { return ruleTypeEnum.Marshal(int(t)) }

// UnmarshalJSON accepts a name in any case or the .NET integer.
func (t *RuleType) UnmarshalJSON(b []byte) error {
	v, err := ruleTypeEnum.Unmarshal(b)
	*t = RuleType(v)
	return err
}

// DayOfWeek is .NET's System.DayOfWeek: Sunday = 0 … Saturday = 6, the same
// numbering as time.Weekday.
type DayOfWeek int

// Valid reports whether d is a member of the enum.
func (d DayOfWeek) Valid() bool { return dayOfWeekEnum.Name(int(d)) != "" }

// String returns the wire name, or the integer for a value outside the enum.
func (d DayOfWeek) String() string { return enumString(dayOfWeekEnum, int(d)) }

// MarshalJSON writes the member name.
func (d DayOfWeek) MarshalJSON() ([]byte, error) { return dayOfWeekEnum.Marshal(int(d)) }

// UnmarshalJSON accepts a name in any case or the .NET integer.
func (d *DayOfWeek) UnmarshalJSON(b []byte) error {
	v, err := dayOfWeekEnum.Unmarshal(b)
	*d = DayOfWeek(v)
	return err
}

func enumString(t Enum, v int) string {
	if n := t.Name(v); n != "" {
		return n
	}
	return strconv.Itoa(v)
}

// TagColors is the wire enum of tag colours: Magenta = 0 … Purple = 10.
type TagColors int

var tagColorsEnum = Enum{TypeName: "TagColors", Names: []string{
	"Magenta", "Red", "Volcano", "Orange", "Gold", "Lime",
	"Green", "Cyan", "Blue", "GeekBlue", "Purple"}}

// Valid reports whether c is a member of the enum.
func (c TagColors) Valid() bool { return tagColorsEnum.Name(int(c)) != "" }

// String returns the wire name, or the integer for a value outside the enum.
func (c TagColors) String() string {
	if n := tagColorsEnum.Name(int(c)); n != "" {
		return n
	}
	return strconv.Itoa(int(c))
}

// MarshalJSON writes the name (an out-of-range value as its integer).
func (c TagColors) MarshalJSON() ([]byte, error) { return tagColorsEnum.Marshal(int(c)) }

// UnmarshalJSON accepts a name in any case or the .NET integer; null is Magenta.
func (c *TagColors) UnmarshalJSON(b []byte) error {
	v, err := tagColorsEnum.Unmarshal(b)
	*c = TagColors(v)
	return err
}
