package rrule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// ContainsMoment takes a short cut for rules with one time a day and windows of at most a
// day (see matcher.oneTime); it must agree with the general search, which the dateutil
// vectors check, at every minute around year ends, leap days, the first and the last window.
func TestContainsMomentShortCutAgrees(t *testing.T) {
	day := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	specs := []Spec{
		{Frequency: Daily, Start: day(2019, 12, 30, 22, 0), Length: 8 * time.Hour},
		{Frequency: Daily, Start: day(2019, 12, 30, 22, 0), Length: 8 * time.Hour, Interval: 3, Count: 200},
		{Frequency: Weekly, Start: day(2019, 12, 1, 20, 30), Length: 24 * time.Hour, ByDay: []Day{{Weekday: time.Tuesday}, {Weekday: time.Saturday}}},
		{Frequency: Weekly, Start: day(2019, 12, 1, 8, 0), Length: 9 * time.Hour, Interval: 2, Until: day(2021, 1, 5, 0, 0)},
		{Frequency: Yearly, Start: day(2016, 1, 1, 0, 0), Length: 24 * time.Hour, ByMonth: []int{12, 1, 2}, ByMonthDay: []int{31, 1, 29, -1}},
		{Frequency: Monthly, Start: day(2018, 1, 1, 23, 59), Length: 2 * time.Minute, Interval: 2, ByMonthDay: []int{1, -1}},
		{Frequency: Yearly, Start: day(2000, 1, 1, 13, 0), Length: 11 * time.Hour, ByYearDay: []int{1, 60, 366, -1}},
		{Frequency: Daily, Start: day(2020, 2, 28, 12, 0), Length: time.Hour, ByHour: []int{23}, ByMinute: []int{45}},
	}
	probes := []time.Time{day(2019, 12, 28, 0, 0), day(2020, 2, 26, 0, 0), day(2020, 12, 29, 0, 0), day(2021, 2, 27, 0, 0), day(2024, 2, 27, 0, 0)}
	for _, spec := range specs {
		r, err := Compile(spec)
		require.NoError(t, err)
		for _, from := range append(probes, spec.Start.Add(-26*time.Hour)) {
			for c := from; c.Before(from.Add(5 * 24 * time.Hour)); c = c.Add(time.Minute) {
				mo := MomentOf(c)
				require.Equal(t, r.m.contains(civilSeconds(c)), r.ContainsMoment(&mo), "%+v at %s", spec, c)
			}
		}
	}
	oneTime := 0
	for _, spec := range specs {
		r, _ := Compile(spec)
		if r.m.oneTime {
			oneTime++
		}
	}
	require.Equal(t, len(specs), oneTime, "every rule here takes the short cut")
}
