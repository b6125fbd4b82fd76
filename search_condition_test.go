package voicesched

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
)

// tickingEngine holds one customer in New York whose rule is on for the
// first second of every two (a Secondly rule, interval 2), but only while
// condition holds.
func tickingEngine(t *testing.T, condition string, data Struct) *Snapshot {
	t.Helper()
	e := New()
	require.NoError(t, e.Load(Tree{Customers: []*CustomerInfo{{EntityInfo: EntityInfo{ID: "ticker"}, Name: "Ticker", Data: data,
		Schedule: &Schedule{TimeZoneID: "America/New_York", DefaultState: "Idle", Rules: []SchedulingRule{{
			ID: "tick", State: "Tick", SimpleRuleType: model.RuleTime, Frequency: model.FrequencySecondly, Interval: 2,
			StartDate: "2026-01-01", StartTime: "00:00:00", EndTime: "00:00:01", Condition: condition}}}}}}))
	return e.Snapshot()
}

func newYork(t *testing.T, year int, month time.Month, day, hour, minute, second int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	return time.Date(year, month, day, hour, minute, second, 0, loc)
}

func TestConditionsThatReadOnlyCoarseFactsLetTheSearchSkipAhead(t *testing.T) {
	monday := newYork(t, 2026, 11, 30, 16, 0, 0)
	for _, tc := range []struct {
		name      string
		condition string
		at        time.Time
		want      time.Time
	}{
		{"a Wednesday-only ticker asked on Monday afternoon starts at Wednesday midnight", `weekday == "Wednesday"`,
			monday, newYork(t, 2026, 12, 2, 0, 0, 0)},
		{"a ticker for the first of the month starts at the next month's first midnight", `day == 1`,
			monday, newYork(t, 2026, 12, 1, 0, 0, 0)},
		{"a nine o'clock ticker asked at half past seven starts at nine", `hour == 9`,
			newYork(t, 2026, 11, 30, 7, 30, 0), newYork(t, 2026, 11, 30, 9, 0, 0)},
		{"a half-past ticker asked at five past starts at half past", `minute == 30`,
			newYork(t, 2026, 11, 30, 10, 5, 0), newYork(t, 2026, 11, 30, 10, 30, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tickingEngine(t, tc.condition, nil)
			ch, ok, err := s.NextChange("ticker", tc.at)
			require.NoError(t, err, "the search is not cut")
			require.True(t, ok)
			assert.Equal(t, tc.want.UTC(), ch.At)
			assert.Equal(t, "Tick", ch.State)
			// Then it ticks every second, and the timeline agrees with
			// Evaluate at every second from before the start.
			checkTimeline(t, s, "ticker", tc.want.Add(-30*time.Second), tc.want.Add(30*time.Second), time.Second)
		})
	}
}

func TestAWednesdayTickerStopsAtThursdayMidnight(t *testing.T) {
	s := tickingEngine(t, `weekday == "Wednesday"`, nil)
	thursday := newYork(t, 2026, 12, 3, 0, 0, 0)
	checkTimeline(t, s, "ticker", thursday.Add(-20*time.Second), thursday.Add(20*time.Second), time.Second)
	ch, ok, err := s.NextChange("ticker", thursday)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, newYork(t, 2026, 12, 9, 0, 0, 0).UTC(), ch.At, "the next Wednesday")
}

func TestATickerWhoseDataSaysNoNeverChanges(t *testing.T) {
	no := false
	s := tickingEngine(t, `data.ticking == true`, Struct{"ticking": &Value{BoolValue: &no}})
	_, ok, err := s.NextChange("ticker", newYork(t, 2026, 11, 30, 16, 0, 0))
	require.NoError(t, err, "a condition on data cannot change on its own: nothing to search")
	assert.False(t, ok)

	yes := true
	s = tickingEngine(t, `data.ticking == true`, Struct{"ticking": &Value{BoolValue: &yes}})
	ch, ok, err := s.NextChange("ticker", newYork(t, 2026, 11, 30, 16, 0, 0))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, newYork(t, 2026, 11, 30, 16, 0, 1).UTC(), ch.At, "while the data says yes it ticks")
}
