package ical

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

// importedSnapshot is a one-customer engine whose schedule holds rules.
func importedSnapshot(t *testing.T, zoneID string, rules []model.SchedulingRule) *voicesched.Snapshot {
	t.Helper()
	engine := voicesched.New()
	require.NoError(t, engine.PutCustomer(&voicesched.CustomerInfo{
		EntityInfo: voicesched.EntityInfo{ID: "imported"},
		Name:       "imported",
		Schedule:   &voicesched.Schedule{TimeZoneID: zoneID, Rules: rules},
	}))
	problems, err := engine.Snapshot().Problems("imported")
	require.NoError(t, err)
	for _, p := range problems {
		require.NotEqual(t, model.SeverityError, p.Severity, "imported rule problem: %v", p)
	}
	return engine.Snapshot()
}

// Export → import → evaluate gives back every node's states, month by month
// over 2026 (both DST changes of every zone in the sample tree), compared
// as exact timelines and, on the DST-change days, minute by minute.
func TestExportThenImportGivesBackEveryNodesStatesOverAYear(t *testing.T) {
	snap := sampleSnapshot(t)
	for _, id := range snap.IDs() {
		t.Run(id, func(t *testing.T) {
			loc, tzid, err := nodeZone(snap, id)
			require.NoError(t, err)
			for month := time.January; month <= time.December; month++ {
				from := time.Date(2026, month, 1, 0, 0, 0, 0, loc)
				to := from.AddDate(0, 1, 0)
				feed, err := Export(snap, id, from, to, AllStates(), Stamp(from))
				require.NoError(t, err)
				result, err := Import(feed, StateFromSummary(), Zone(loc), Start(from), FeedName("roundtrip"))
				require.NoError(t, err)
				assert.Empty(t, result.Warnings)
				require.LessOrEqual(t, len(result.Rules), schedule.MaxRules)
				imported := importedSnapshot(t, tzid, result.Rules)

				want, err := snap.Timeline(id, from, to)
				require.NoError(t, err)
				got, err := imported.Timeline("imported", from, to)
				require.NoError(t, err)
				require.Equal(t, describeTimeline(want), describeTimeline(got), "%s %s", id, month)

				// Every minute: the original node's answer is the imported timeline's state.
				step := time.Minute
				if raceEnabled {
					step = 17 * time.Minute
				}
				next := 0
				for m := from; m.Before(to); m = m.Add(step) {
					for !m.Before(got[next].To) {
						next++
					}
					a, err := snap.Evaluate(id, m)
					require.NoError(t, err)
					require.Equal(t, a.StateName, got[next].State, "%s at %s", id, m.Format(time.RFC3339))
				}

				for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
					next := day.AddDate(0, 0, 1)
					if next.Sub(day) == 24*time.Hour {
						continue // minute by minute only on the days the clock changes
					}
					for m := day; m.Before(next); m = m.Add(time.Minute) {
						a, err := snap.Evaluate(id, m)
						require.NoError(t, err)
						b, err := imported.Evaluate("imported", m)
						require.NoError(t, err)
						require.Equal(t, a.StateName, b.StateName, "%s at %s", id, m.Format(time.RFC3339))
					}
				}
			}
		})
	}
}

func describeTimeline(intervals []voicesched.Interval) []string {
	out := make([]string, len(intervals))
	for i, iv := range intervals {
		out[i] = fmt.Sprintf("%s %s %s", iv.From.UTC().Format(time.RFC3339), iv.To.UTC().Format(time.RFC3339), iv.State)
	}
	return out
}

// ExportRules → Import (state from SUMMARY, priority from
// X-VOICESCHED-PRIORITY) gives back the rules: for every sample node whose
// schedule is Time rules alone, the imported rules with the same default
// state give the same timeline over 2026.
func TestExportRulesThenImportGivesBackTheRules(t *testing.T) {
	snap := sampleSnapshot(t)
	tested := 0
	for _, id := range snap.IDs() {
		c := snap.Customer(id)
		if c == nil || c.Schedule == nil || c.Schedule.Inherit || c.Schedule.ForceClosed || len(c.Schedule.Rules) == 0 {
			continue
		}
		timeOnly := true
		for _, r := range c.Schedule.Rules {
			timeOnly = timeOnly && r.SimpleRuleType == model.RuleTime && r.Condition == ""
		}
		if !timeOnly {
			continue
		}
		t.Run(id, func(t *testing.T) {
			loc, tzid, err := nodeZone(snap, id)
			require.NoError(t, err)
			from := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
			to := from.AddDate(1, 0, 0)
			feed, err := ExportRules(snap, id, from, to, Stamp(from))
			require.NoError(t, err)
			result, err := Import(feed, StateFromSummary(), Zone(loc), Start(from))
			require.NoError(t, err)
			assert.Empty(t, result.Warnings)
			require.Len(t, result.Rules, len(c.Schedule.Rules), "one rule back for each")
			engine := voicesched.New()
			require.NoError(t, engine.PutCustomer(&voicesched.CustomerInfo{
				EntityInfo: voicesched.EntityInfo{ID: "imported"}, Name: "imported",
				Schedule: &voicesched.Schedule{TimeZoneID: tzid, Rules: result.Rules, DefaultState: c.Schedule.DefaultState},
			}))
			want, err := snap.Timeline(id, from, to)
			require.NoError(t, err)
			got, err := engine.Snapshot().Timeline("imported", from, to)
			require.NoError(t, err)
			assert.Equal(t, describeTimeline(want), describeTimeline(got))
		})
		tested++
	}
	assert.GreaterOrEqual(t, tested, 2)
}
