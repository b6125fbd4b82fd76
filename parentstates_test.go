package voicesched

import (
	"encoding/json"
	"testing"

	"github.com/voicesched/voicesched/model"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parentStateTree(labRule, clinicSchedule string) Tree {
	var tree Tree
	mustDecode := func(text string, into any) {
		if err := json.Unmarshal([]byte(text), into); err != nil {
			panic(err)
		}
	}
	var clinic, lab Schedule
	mustDecode(clinicSchedule, &clinic)
	mustDecode(`{"defaultState":"Open","rules":[`+labRule+`]}`, &lab)
	tree.Customers = []*CustomerInfo{
		{EntityInfo: EntityInfo{ID: "reseller"}, Name: "Reseller", Schedule: &Schedule{DefaultState: "Open", Rules: []SchedulingRule{{State: "Holiday Season", SimpleRuleType: model.RuleTime, Frequency: model.FrequencyYearly, IsAllDay: true, StartDate: "2026-12-24"}}}},
		{EntityInfo: EntityInfo{ID: "clinic"}, Name: "Maple Clinic", ParentCustomerID: "reseller", Schedule: &clinic},
		{EntityInfo: EntityInfo{ID: "lab"}, Name: "Lab", ParentCustomerID: "clinic", Schedule: &lab},
	}
	return tree
}

func TestALabFollowingTheClinicsHolidyIsToldItNeverCloses(t *testing.T) {
	clinic := `{"defaultState":"After Hours","rules":[{"state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-12-25"}]}`
	tree := parentStateTree(`{"state":"Closed","simpleRuleType":"CustomerState","customerState":"Holidy"}`, clinic)
	var found *Problem
	problems := ValidateTree(tree)
	for i := range problems {
		if problems[i].Code == CodeUnknownParentState {
			found = &problems[i]
		}
	}
	require.NotNil(t, found, "%v", problems)
	assert.Equal(t, "customers[2].schedule.rules[0].customerState", found.Path)
	assert.Equal(t, SeverityWarning, found.Severity)
	assert.Contains(t, found.Message, `"Maple Clinic" (clinic) is never in state "Holidy"`)
	assert.Contains(t, found.Message, `"Holiday", "After Hours" and "Closed"`)
	assert.Contains(t, found.Message, `did you mean "Holiday"?`)

	e := New()
	require.NoError(t, e.Load(tree))
	lab := *tree.Customers[2]
	var again bool
	for _, p := range e.ValidateCustomer(&lab) {
		again = again || (p.Code == CodeUnknownParentState && p.Path == "schedule.rules[0].customerState")
	}
	assert.True(t, again, "ValidateCustomer reports it too")
	stored, err := e.Snapshot().Problems("lab")
	require.NoError(t, err)
	assert.Equal(t, CodeUnknownParentState, stored[0].Code, "and so does the stored tree, which test and timeline show")
}

func TestFollowingAStateTheParentHasDrawsNothing(t *testing.T) {
	tests := []struct {
		scenario string
		clinic   string
		follows  string
	}{
		{"the clinic's holiday rule", `{"defaultState":"After Hours","rules":[{"state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-12-25"}]}`, "holiday"},
		{"the clinic's default state", `{"defaultState":"After Hours"}`, "After Hours"},
		{"the fallback state of a clinic with no default", `{"rules":[{"state":"Lunch","simpleRuleType":"Time","frequency":"Daily","startTime":"12:00","endTime":"13:00"}]}`, "Open"},
		{"the closed state any customer can be forced into", `{"defaultState":"After Hours"}`, "Closed"},
		{"a state the clinic inherits from its reseller", `{"inherit":true}`, "Holiday Season"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			tree := parentStateTree(`{"state":"Closed","simpleRuleType":"CustomerState","customerState":"`+tt.follows+`"}`, tt.clinic)
			for _, p := range ValidateTree(tree) {
				assert.NotEqual(t, CodeUnknownParentState, p.Code, "%v", p)
			}
		})
	}
}

func TestRenamingTheClinicsHolidayWarnsAboutTheLabThatFollowsIt(t *testing.T) {
	e := sampleEngine(t)
	clinic := e.Snapshot().Tree().Customers[1]
	require.Equal(t, "clinic-maple", clinic.ID)
	renamed := clinic.Schedule.Clone()
	for k := range renamed.Rules {
		if renamed.Rules[k].State == "Holiday" {
			renamed.Rules[k].State = "Holidays"
		}
	}
	problems := e.ValidatePatch(PatchCustomer{CustomerID: "clinic-maple", Schedule: Some(renamed)}, nil)
	var found *Problem
	for i := range problems {
		if problems[i].Code == CodeUnknownParentState {
			found = &problems[i]
		}
	}
	require.NotNil(t, found, "%v", problems)
	assert.Equal(t, "schedule", found.Path)
	assert.Equal(t, SeverityWarning, found.Severity)
	assert.Contains(t, found.Message, `the rule rules[0].customerState of "dept-maple-lab" never matches`)
	assert.Contains(t, found.Message, `did you mean "Holidays"?`)

	unchanged := clinic.Schedule.Clone()
	unchanged.DefaultState = "After Hours"
	for _, p := range e.ValidatePatch(PatchCustomer{CustomerID: "clinic-maple", Schedule: Some(unchanged)}, nil) {
		assert.NotEqual(t, CodeUnknownParentState, p.Code, "a patch that keeps the states warns about nothing: %v", p)
	}
}
