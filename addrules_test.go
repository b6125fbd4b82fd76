package voicesched

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
)

func TestAddRulesPatchPutsTheRulesFirstAndReplacesOnlyWhatItIsTold(t *testing.T) {
	snap := sampleEngine(t).Snapshot()
	before := snap.Customer("clinic-maple")
	require.NotNil(t, before.Schedule)
	lowest := before.Schedule.Rules[0].Priority
	for _, r := range before.Schedule.Rules {
		lowest = min(lowest, r.Priority)
	}
	added := []SchedulingRule{{Name: "Closure", State: "Closed", Source: "closure", SimpleRuleType: model.RuleTime, Priority: 99, StartDate: "2026-12-24", IsAllDay: true}}
	replaceHours := func(r SchedulingRule) bool { return r.ID == "maple-hours" }

	p, err := snap.AddRulesPatch("clinic-maple", added, replaceHours)
	require.NoError(t, err)
	assert.Equal(t, "clinic-maple", p.CustomerID)
	assert.Equal(t, before.DateLastModified, p.ExpectedDateLastModified)
	assert.False(t, p.Name.Set, "only the schedule is patched")
	require.True(t, p.Schedule.HasValue())
	rules := p.Schedule.Value.Rules
	require.Len(t, rules, len(before.Schedule.Rules), "one added, one replaced")
	assert.Equal(t, "Closure", rules[0].Name)
	assert.Equal(t, lowest, rules[0].Priority, "the added rule decides before the others")
	for _, r := range rules {
		assert.NotEqual(t, "maple-hours", r.ID)
	}
	assert.Equal(t, 99, added[0].Priority, "the caller's rules are not changed")
	assert.Equal(t, before.Schedule.Rules, snap.Customer("clinic-maple").Schedule.Rules, "the stored customer is not changed")

	_, err = snap.AddRulesPatch("dept-maple-billing", added, nil)
	var addErr *AddRulesError
	require.ErrorAs(t, err, &addErr, "an inheriting customer would ignore the rules")

	_, err = snap.AddRulesPatch("nobody", added, nil)
	var notFound *NotFoundError
	require.ErrorAs(t, err, &notFound)

	_, err = snap.AddRulesPatch("ep-maple-dr-lee", added, nil)
	require.ErrorAs(t, err, &addErr, "endpoints are not patched by PatchCustomer")
}
