package schedule

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
)

func timeAt(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return at
}

// A close-early rule whose priority number is higher than the business
// hours' loses to them; the trace names it, matched but shadowed, after the
// deciding rule, and its failing condition does not become the answer's error.
func TestExplainListsRulesThatLostOnPriority(t *testing.T) {
	weekdays := []model.ScheduleDay{{DayOfWeek: model.DayOfWeek(time.Friday)}}
	window := func(id, state string, priority int, start, end string) model.SchedulingRule {
		return model.SchedulingRule{ID: id, Name: id, State: state, Priority: priority, SimpleRuleType: model.RuleTime,
			Frequency: model.FrequencyWeekly, StartDate: "2026-01-02", StartTime: start, EndTime: end, ByDay: weekdays}
	}
	hours := window("hours", "Open", 0, "09:00", "17:00")
	closeEarly := window("close-early", "Closed", 5, "15:00", "17:00")
	broken := window("vip-late", "VIP", 6, "15:00", "18:00")
	broken.Condition = `customer.data.level > 3`
	c := compile(&model.Schedule{TimeZoneID: "UTC", Rules: []model.SchedulingRule{hours, closeEarly, broken}}, Env{})
	at := timeAt(t, "2026-11-27T15:30:00Z") // a Friday afternoon

	res := c.Evaluate(at, Input{Trace: true})
	require.Equal(t, "Open", res.State)
	require.Len(t, res.Trace, 2)
	assert.Equal(t, "hours", res.Trace[0].RuleID)
	assert.True(t, res.Trace[0].Matched)
	assert.False(t, res.Trace[0].Shadowed)
	assert.Equal(t, "close-early", res.Trace[1].RuleID)
	assert.True(t, res.Trace[1].Matched)
	assert.True(t, res.Trace[1].Shadowed)
	assert.Contains(t, res.Trace[1].Why, `shadowed: rules[0] "hours" decided first (priority 0)`)
	assert.Empty(t, res.Errors, "a shadowed rule's condition error is not the answer's")

	plain := c.Evaluate(at, Input{})
	assert.Equal(t, res.State, plain.State)
	assert.Equal(t, res.Decider, plain.Decider)
	assert.Empty(t, plain.Trace)

	morning := c.Evaluate(timeAt(t, "2026-11-27T10:00:00Z"), Input{Trace: true})
	require.Len(t, morning.Trace, 1, "nothing else matches at ten")
}

func TestOnlyTheRulesCompileUsedAreListedAsUsed(t *testing.T) {
	s := &model.Schedule{DefaultState: "Open", Rules: make([]model.SchedulingRule, MaxRules+100)}
	for k := range s.Rules {
		s.Rules[k] = model.SchedulingRule{State: "Closed", SimpleRuleType: model.RuleAlways, Name: fmt.Sprint(k)}
	}
	used := Compile(s, Env{}).UsedRules()
	require.Len(t, used, MaxRules)
	assert.Equal(t, "0", used[0].Name)
	assert.Equal(t, fmt.Sprint(MaxRules-1), used[MaxRules-1].Name)
	assert.Nil(t, Compile(nil, Env{}).UsedRules(), "a node with no schedule has no rules")
}
