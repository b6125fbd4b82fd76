package voicesched

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/closure"
	"github.com/voicesched/voicesched/model"
)

// staffPartyClinic is a clinic in New York closed for a staff party from
// Christmas Eve 14:00 to December 27 08:00, 2026 (three closure rules).
func staffPartyClinic(t *testing.T) *CustomerInfo {
	t.Helper()
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	rules, err := closure.Span(time.Date(2026, 12, 24, 14, 0, 0, 0, ny), time.Date(2026, 12, 27, 8, 0, 0, 0, ny), ny, closure.Options{Reason: "staff party"})
	require.NoError(t, err)
	hours := SchedulingRule{Name: "Hours", State: "Business Hours", SimpleRuleType: model.RuleTime, StartTime: "09:00", EndTime: "17:00", Frequency: model.FrequencyDaily}
	return &CustomerInfo{EntityInfo: EntityInfo{ID: "clinic"}, Name: "Clinic",
		Schedule: &Schedule{TimeZoneID: "America/New_York", Rules: append(rules, hours), DefaultState: "After Hours"}}
}

func codesAt(problems Problems, code string) []string {
	var paths []string
	for _, p := range problems {
		if p.Code == code {
			paths = append(paths, p.Path)
		}
	}
	return paths
}

func TestValidationOnTheEnginesClockAsksToRemoveAClosureThatHasEnded(t *testing.T) {
	clinic := staffPartyClinic(t)
	before := WithClock(func() time.Time { return time.Date(2026, 12, 20, 12, 0, 0, 0, time.UTC) })
	after := WithClock(func() time.Time { return time.Date(2027, 1, 5, 12, 0, 0, 0, time.UTC) })
	ended := []string{"rules[0]", "rules[1]", "rules[2]"}

	assert.Empty(t, codesAt(ValidateSchedule(clinic.Schedule, false, before), CodeClosureEnded), "the party is still to come")
	assert.Equal(t, ended, codesAt(ValidateSchedule(clinic.Schedule, false, after), CodeClosureEnded))

	withSchedule := func(p []string) []string {
		out := make([]string, len(p))
		for i, s := range p {
			out[i] = "schedule." + s
		}
		return out
	}
	assert.Equal(t, withSchedule(ended), codesAt(ValidateCustomer(clinic, after), CodeClosureEnded))
	assert.Empty(t, codesAt(ValidateCustomer(clinic, before), CodeClosureEnded))

	tree := Tree{Customers: []*CustomerInfo{clinic}}
	inTree := []string{"customers[0].schedule.rules[0]", "customers[0].schedule.rules[1]", "customers[0].schedule.rules[2]"}
	assert.Equal(t, inTree, codesAt(ValidateTree(tree, after), CodeClosureEnded))

	e := New(after)
	require.NoError(t, e.Load(Tree{Customers: []*CustomerInfo{{EntityInfo: EntityInfo{ID: "clinic"}, Name: "Clinic"}}}))
	assert.Equal(t, withSchedule(ended), codesAt(e.ValidateCustomer(clinic), CodeClosureEnded))
	patch := PatchCustomer{CustomerID: "clinic", Schedule: Some(clinic.Schedule)}
	assert.Equal(t, withSchedule(ended), codesAt(e.ValidatePatch(patch, nil), CodeClosureEnded))
	assert.Equal(t, withSchedule(ended), codesAt(ValidatePatch(patch, after), CodeClosureEnded))

	_, err := e.Patch(patch, "admin", nil)
	require.NoError(t, err)
	stored, err := e.Snapshot().Problems("clinic")
	require.NoError(t, err)
	assert.Empty(t, codesAt(stored, CodeClosureEnded), "stored problems do not go stale with time")
	rename := PatchCustomer{CustomerID: "clinic", Name: Some("Maple Clinic")}
	assert.Empty(t, codesAt(e.ValidatePatch(rename, nil), CodeClosureEnded), "a patch that leaves the schedule as it is repeats none of its warnings")
}

func TestPatchJSONWarnsAsValidatePatchDoes(t *testing.T) {
	after := WithClock(func() time.Time { return time.Date(2027, 1, 5, 12, 0, 0, 0, time.UTC) })
	e := New(after)
	require.NoError(t, e.Load(Tree{Customers: []*CustomerInfo{{EntityInfo: EntityInfo{ID: "clinic"}, Name: "Clinic"}}}))
	raw, err := json.Marshal(PatchCustomer{CustomerID: "clinic", Schedule: Some(staffPartyClinic(t).Schedule)})
	require.NoError(t, err)
	p, _, err := decodePatchJSON(raw)
	require.NoError(t, err)
	want := e.ValidatePatch(p, nil)
	_, warnings, err := e.PatchJSON(raw, "admin", nil)
	require.NoError(t, err)
	assert.Equal(t, want, warnings)
	assert.NotEmpty(t, codesAt(warnings, CodeClosureEnded), "the party closure the patch stores has ended")

	// The party is over: a schedule of hours alone drops the closure's rules.
	hoursOnly := `{"customerId":"clinic","schedule":{"timeZoneId":"America/New_York","defaultState":"After Hours","rules":[
		{"name":"Hours","state":"Business Hours","simpleRuleType":"Time","startTime":"09:00","endTime":"17:00","frequency":"Daily"}]}}`
	require.NoError(t, json.Unmarshal([]byte(hoursOnly), &p))
	want = e.ValidatePatch(p, nil)
	_, warnings, err = e.PatchJSON([]byte(hoursOnly), "admin", nil)
	require.NoError(t, err)
	assert.Equal(t, want, warnings)
	assert.Equal(t, []string{"schedule.rules"}, codesAt(warnings, CodePatchDropsRules))
}
