package rrule

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Rules with the same day filter share one copy of the day masks, whatever
// their start, clock or frequency; a different filter gets its own; masks no
// rule uses any more leave the pool.
func TestRulesShareDayMasks(t *testing.T) {
	weekdays := []Day{{Weekday: time.Monday}, {Weekday: time.Tuesday}, {Weekday: time.Wednesday}, {Weekday: time.Thursday}, {Weekday: time.Friday}}
	compile := func(start time.Time, length time.Duration, days []Day) *Rule {
		r, err := Compile(Spec{Frequency: Weekly, Start: start, Length: length, ByDay: days})
		require.NoError(t, err)
		return r
	}
	a := compile(time.Date(2021, 12, 1, 8, 0, 0, 0, time.UTC), 9*time.Hour, weekdays)
	b := compile(time.Date(1999, 3, 7, 12, 0, 0, 0, time.UTC), time.Hour, append([]Day(nil), weekdays...))
	c := compile(time.Date(2021, 12, 1, 8, 0, 0, 0, time.UTC), 9*time.Hour, weekdays[:4])
	assert.Same(t, &a.m.masks[0], &b.m.masks[0], "same filter, shared masks")
	assert.NotSame(t, &a.m.masks[0], &c.m.masks[0], "another filter, other masks")

	// The shared masks answer for both rules.
	at := time.Date(2026, 12, 4, 12, 30, 0, 0, time.UTC) // a Friday
	assert.True(t, containsCivil(a, at))
	assert.True(t, containsCivil(b, at))
	assert.False(t, containsCivil(c, at))

	before := maskPool14.size()
	a, b, c = nil, nil, nil
	deadline := time.Now().Add(5 * time.Second)
	for maskPool14.size() > before-2 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, maskPool14.size(), before-2, "masks no rule uses leave the pool")
}

// Week-number rules keep all 28 year types and share them the same way.
func TestWeekNumberRulesShareMasks(t *testing.T) {
	spec := Spec{Frequency: Yearly, Start: time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC), Length: time.Hour, ByWeekNo: []int{1, 20}}
	a, err := Compile(spec)
	require.NoError(t, err)
	spec.Start = spec.Start.AddDate(3, 0, 0)
	b, err := Compile(spec)
	require.NoError(t, err)
	require.Len(t, a.m.masks, 28)
	assert.Same(t, &a.m.masks[0], &b.m.masks[0])
}

// Rules compiled at once from many goroutines share masks safely and all
// answer the same.
func TestConcurrentCompileSharesMasks(t *testing.T) {
	spec := Spec{Frequency: Yearly, Start: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), Length: 24 * time.Hour,
		ByMonth: []int{11}, ByDay: []Day{{Weekday: time.Thursday, N: 4}}}
	thanksgiving := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	results := make(chan *Rule, 64)
	for g := range 8 {
		go func() {
			for k := range 8 {
				s := spec
				s.Start = s.Start.AddDate(0, 0, -(g*8 + k)) // different rules, same day filter
				r, err := Compile(s)
				if err != nil || !containsCivil(r, thanksgiving) {
					results <- nil
					continue
				}
				results <- r
			}
		}()
	}
	var first *Rule
	for range 64 {
		r := <-results
		require.NotNil(t, r)
		if first == nil {
			first = r
		}
		assert.Same(t, &first.m.masks[0], &r.m.masks[0])
	}
}
