package voicesched

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
)

func findCode(problems Problems, path, code string) *Problem {
	for i := range problems {
		if problems[i].Path == path && problems[i].Code == code {
			return &problems[i]
		}
	}
	return nil
}

func TestAPatchWithAMisspeltMemberSaysSoAndWhatWasMeant(t *testing.T) {
	e := sampleEngine(t)
	stored, warnings, err := e.PatchJSON([]byte(`{"customerId":"clinic-maple","nmae":"Maple Clinic Downtown","referenceId":"MSC-19"}`), "ops", nil)
	require.NoError(t, err)
	assert.Equal(t, "MSC-19", stored.ReferenceID, "the rest of the patch applies")
	assert.NotEqual(t, "Maple Clinic Downtown", stored.Name, "the misspelt member changes nothing")
	found := findCode(warnings, "nmae", CodeUnknownMember)
	require.NotNil(t, found, "%v", warnings)
	assert.Contains(t, found.Message, `did you mean "name"?`)

	_, _, err = e.PatchJSON([]byte(`{"customerId":"clinic-maple","name":"","stratTime":1}`), "ops", nil)
	var refused *PatchError
	require.ErrorAs(t, err, &refused)
	assert.NotNil(t, findCode(refused.Problems, "name", CodeEmptyName))
	assert.NotNil(t, findCode(refused.Problems, "stratTime", CodeUnknownMember), "a refused patch lists unknown members too")

	_, _, err = e.PatchJSON([]byte(`{"customerId":"clinic-maple","name":12}`), "ops", nil)
	require.ErrorAs(t, err, &refused)
	assert.NotNil(t, findCode(refused.Problems, "name", CodeWrongType), "%v", refused.Problems)
}

func TestAPatchReportsEveryDataProblemWithTheOthers(t *testing.T) {
	e := sampleEngine(t)
	loop := Struct{}
	loop["self"] = &Value{StructValue: loop}
	p := PatchCustomer{CustomerID: "clinic-maple", Name: Some(" "), Data: Some(loop), ParentCustomerID: Some("ghost"), TagIDs: Some([]string{"nope"})}
	_, err := e.Patch(p, "ops", nil)
	var refused *PatchError
	require.ErrorAs(t, err, &refused)
	for _, want := range []struct{ path, code string }{
		{"data", CodeDataNotATree}, {"name", CodeEmptyName}, {"parentCustomerId", CodeParentNotFound}, {"tagIds[0]", CodeUnknownTag},
	} {
		assert.NotNil(t, findCode(refused.Problems, want.path, want.code), "want %s at %s in %v", want.code, want.path, refused.Problems)
	}
}

func TestAPatchNamingATagWithABadColourIsRefused(t *testing.T) {
	e := sampleEngine(t)
	lookup := func(id string) (Tag, bool) { return Tag{ID: id, Name: "odd", Color: 42}, true }
	_, err := e.Patch(PatchCustomer{CustomerID: "clinic-maple", TagIDs: Some([]string{"tag-odd"})}, "ops", lookup)
	var refused *PatchError
	require.ErrorAs(t, err, &refused)
	found := findCode(refused.Problems, "tagIds[0]", CodeEnumOutOfRange)
	require.NotNil(t, found, "%v", refused.Problems)
	assert.Contains(t, found.Message, "color 42")
}

func TestAPatchWithAValueOfTwoMembersWarns(t *testing.T) {
	e := sampleEngine(t)
	_, warnings, err := e.PatchJSON([]byte(`{"customerId":"clinic-maple","data":{"seats":{"numberValue":14,"stringValue":"14"}}}`), "ops", nil)
	require.NoError(t, err)
	found := findCode(warnings, "data.seats", CodeSeveralValueMembers)
	require.NotNil(t, found, "%v", warnings)
	assert.Contains(t, found.Message, "conditions read only stringValue")
}

// brokenClinicEngine holds a clinic whose stored schedule has an error (a
// rule with byMonth 13), as Load stores it.
func brokenClinicEngine(t *testing.T) *Engine {
	t.Helper()
	tree := loadTreeFile(t, "testdata/sample/tree.json")
	for _, c := range tree.Customers {
		if c.ID == "clinic-harbour" {
			broken := c.Schedule.Clone()
			broken.Rules = append(broken.Rules, model.SchedulingRule{ID: "bad", State: "Holiday", SimpleRuleType: model.RuleTime,
				Frequency: model.FrequencyYearly, StartDate: "2026-01-01", ByMonth: []int{13}})
			c.Schedule = broken
		}
	}
	e := New()
	require.NoError(t, e.Load(tree))
	return e
}

func TestAStoredBrokenScheduleDoesNotBlockARename(t *testing.T) {
	e := brokenClinicEngine(t)
	stored, warnings, err := e.PatchJSON([]byte(`{"customerId":"clinic-harbour","name":"Harbour Clinic (new)"}`), "ops", nil)
	require.NoError(t, err, "a patch about something else applies")
	assert.Equal(t, "Harbour Clinic (new)", stored.Name)
	found := findCode(warnings, "schedule.rules[3].byMonth[0]", "out-of-range")
	require.NotNil(t, found, "%v", warnings)
	assert.Equal(t, SeverityWarning, found.Severity)
	assert.Contains(t, found.Message, "stored before this patch")

	again := stored.Schedule.Clone()
	_, warnings, err = e.PatchJSON(mustJSON(t, PatchCustomer{CustomerID: "clinic-harbour", Schedule: Some(again)}), "ops", nil)
	require.NoError(t, err, "sending the same schedule back leaves it as it is")
	assert.NotNil(t, findCode(warnings, "schedule.rules[3].byMonth[0]", "out-of-range"))
}

func TestAPatchThatChangesABrokenScheduleMustFixIt(t *testing.T) {
	e := brokenClinicEngine(t)
	changed := e.Snapshot().Tree().Customers[4].Schedule.Clone()
	require.Len(t, changed.Rules, 4)
	changed.DefaultState = "Closed"
	_, err := e.Patch(PatchCustomer{CustomerID: "clinic-harbour", Schedule: Some(changed)}, "ops", nil)
	var refused *PatchError
	require.ErrorAs(t, err, &refused)
	found := findCode(refused.Problems, "schedule.rules[3].byMonth[0]", "out-of-range")
	require.NotNil(t, found)
	assert.Equal(t, SeverityError, found.Severity)
}

func TestMovingABrokenScheduleToAnotherZoneMustFixIt(t *testing.T) {
	tree := loadTreeFile(t, "testdata/sample/tree.json")
	for _, c := range tree.Customers {
		if c.ID == "dept-maple-lab" { // no zone of its own: the clinic's
			c.Schedule = c.Schedule.Clone()
			c.Schedule.Rules = append(c.Schedule.Rules, model.SchedulingRule{State: "x", SimpleRuleType: model.RuleTime,
				Frequency: model.FrequencyDaily, ByHour: []int{25}})
		}
	}
	e := New()
	require.NoError(t, e.Load(tree))
	_, err := e.Patch(PatchCustomer{CustomerID: "dept-maple-lab", ParentCustomerID: Some("clinic-harbour")}, "ops", nil)
	var refused *PatchError
	require.ErrorAs(t, err, &refused, "the move changes the zone the schedule runs in")
	assert.NotNil(t, findCode(refused.Problems, "schedule.rules[2].byHour[0]", "out-of-range"), "%v", refused.Problems)
	_, err = e.Patch(PatchCustomer{CustomerID: "dept-maple-lab", Name: Some("Lab")}, "ops", nil)
	assert.NoError(t, err, "staying put, it may be renamed")
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	out, err := json.Marshal(v)
	require.NoError(t, err)
	return out
}
