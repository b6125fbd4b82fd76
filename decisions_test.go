package voicesched

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
)

// Morning and afternoon shifts are two rules giving the same state: the
// timeline has one Open interval, the decisions two, each naming its rule.
func TestDecisionsSplitWhereTheDecidingRuleChanges(t *testing.T) {
	daily := func(id string, priority int, start, end string) SchedulingRule {
		return SchedulingRule{ID: id, Name: id, State: "Open", Priority: priority, SimpleRuleType: model.RuleTime,
			Frequency: model.FrequencyDaily, StartDate: "2026-01-01", StartTime: start, EndTime: end, FlowID: "flow-" + id}
	}
	e := New()
	require.NoError(t, e.PutCustomer(&CustomerInfo{EntityInfo: EntityInfo{ID: "shop"}, Schedule: &Schedule{
		TimeZoneID: "Europe/Berlin", DefaultState: "Closed",
		Rules: []SchedulingRule{daily("morning", 0, "08:00", "12:00"), daily("afternoon", 1, "12:00", "17:00")}}}))
	snap := e.Snapshot()
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	from := time.Date(2026, 11, 26, 0, 0, 0, 0, berlin)
	to := from.AddDate(0, 0, 1)

	intervals, err := snap.Timeline("shop", from, to)
	require.NoError(t, err)
	require.Len(t, intervals, 3)
	decisions, err := snap.Decisions("shop", from, to)
	require.NoError(t, err)
	require.Len(t, decisions, 4)
	assert.Equal(t, []string{"", "morning", "afternoon", ""}, []string{ruleID(decisions[0]), ruleID(decisions[1]), ruleID(decisions[2]), ruleID(decisions[3])})
	assert.Equal(t, time.Date(2026, 11, 26, 12, 0, 0, 0, berlin), decisions[1].To.In(berlin))
	assert.Equal(t, "default", string(decisions[0].Reason))
}

func ruleID(d Decision) string {
	if d.Rule == nil {
		return ""
	}
	return d.Rule.ID
}

// On the sample tree, over Thanksgiving week, the decisions merged by state
// are the timeline, and every decision is the answer Evaluate gives at its
// start and just before its end.
func TestDecisionsAgreeWithTimelineAndEvaluate(t *testing.T) {
	snap := sampleSnapshot(t)
	from := time.Date(2026, 11, 23, 5, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 7)
	for _, id := range snap.IDs() {
		t.Run(id, func(t *testing.T) {
			decisions, err := snap.Decisions(id, from, to)
			require.NoError(t, err)
			intervals, err := snap.Timeline(id, from, to)
			require.NoError(t, err)
			var merged []Interval
			for k, d := range decisions {
				if k > 0 {
					assert.Equal(t, decisions[k-1].To, d.From, "decisions are consecutive")
					assert.False(t, sameDecision(&Answer{StateName: decisions[k-1].State, Reason: decisions[k-1].Reason, NodeID: decisions[k-1].NodeID, Rule: decisions[k-1].Rule},
						&Answer{StateName: d.State, Reason: d.Reason, NodeID: d.NodeID, Rule: d.Rule}), "adjacent decisions differ")
				}
				if n := len(merged); n > 0 && merged[n-1].State == d.State {
					merged[n-1].To = d.To
				} else {
					merged = append(merged, Interval{From: d.From, To: d.To, State: d.State})
				}
				for _, at := range []time.Time{d.From, d.To.Add(-time.Second)} {
					a, err := snap.Evaluate(id, at)
					require.NoError(t, err)
					assert.Equal(t, a.StateName, d.State, at)
					assert.Equal(t, a.NodeID, d.NodeID, at)
					assert.Equal(t, a.Reason, d.Reason, at)
					assert.Same(t, a.Rule, d.Rule, at)
				}
			}
			assert.Equal(t, intervals, merged)
		})
	}
}
