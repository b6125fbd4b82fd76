package rrule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Contains takes a short cut for rules with one time a day and windows of at most a
// day (see matcher.oneTime); it must agree with the general search, which the dateutil
// vectors check, at every minute around year ends, leap days, the first and the last window.
func TestContainsShortCutAgrees(t *testing.T) {
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
				require.Equal(t, r.m.contains(civilSeconds(c)), containsCivil(r, c), "%+v at %s", spec, c)
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

// civilMoment is the Moment of civil time c: its wall-clock reading, whatever its location,
// read as an instant in UTC.
func civilMoment(c time.Time) Moment {
	var mo Moment
	mo.SetIn(civilTime(civilSeconds(c)), nil)
	return mo
}

// containsCivil asks Contains about civil time c.
func containsCivil(r *Rule, c time.Time) bool {
	mo := civilMoment(c)
	return r.Contains(&mo)
}

// nextChangeCivil asks NextChange from civil time c up to civil limit; the answer is civil.
func nextChangeCivil(r *Rule, c, limit time.Time) (time.Time, bool) {
	mo := civilMoment(c)
	u, ok := r.NextChange(&mo, civilTime(civilSeconds(limit)))
	return u.UTC(), ok
}

// containsIn asks Contains about instant t on loc's clock.
func containsIn(r *Rule, t time.Time, loc *time.Location) bool {
	var mo Moment
	mo.SetIn(t, loc)
	return r.Contains(&mo)
}

// nextChangeIn asks NextChange from instant t on loc's clock.
func nextChangeIn(r *Rule, t time.Time, loc *time.Location, limit time.Time) (time.Time, bool) {
	var mo Moment
	mo.SetIn(t, loc)
	return r.NextChange(&mo, limit)
}

func TestMomentIsFilledInPlace(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	r, err := Compile(Spec{Frequency: Daily, Start: time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC), Length: 8 * time.Hour})
	require.NoError(t, err)
	var mo Moment // the zero Moment is 0001-01-01T00:00:00 UTC, before the rule starts
	assert.False(t, r.Contains(&mo))
	u, ok := r.NextChange(&mo, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))
	require.True(t, ok)
	assert.Equal(t, time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC), u.UTC(), "the first window opens at 09:00 UTC")

	// Refilled for another instant and zone, the zone segment found above is forgotten.
	mo.SetIn(time.Date(2024, 3, 9, 23, 0, 0, 0, time.UTC), ny) // 18:00 EST, closed
	assert.False(t, r.Contains(&mo))
	u, ok = r.NextChange(&mo, time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC))
	require.True(t, ok)
	assert.Equal(t, "2024-03-10 09:00:00 -0400 EDT", u.In(ny).String(), "it opens at 09:00 on the office clock after the spring-forward")
	u, ok = r.NextChange(&mo, time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC)) // the segment is now kept in mo
	require.True(t, ok)
	assert.Equal(t, "2024-03-10 09:00:00 -0400 EDT", u.In(ny).String(), "asking again gives the same answer")
}
