package schedule

import (
	"fmt"
	"github.com/voicesched/voicesched/model"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatesAScheduleCanAnswerWith(t *testing.T) {
	clinic := compileJSON(t, `{"defaultState":"After Hours","rules":[
		{"state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-12-25"},
		{"state":"Business Hours","simpleRuleType":"Time","frequency":"Daily","startTime":"09:00","endTime":"17:00"},
		{"state":"holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01"}]}`, false)
	assert.Equal(t, []string{"Holiday", "Business Hours", "After Hours", "Closed"}, clinic.States(nil))

	noDefault := compileJSON(t, `{"rules":[{"state":"Lunch","simpleRuleType":"Time","frequency":"Daily","startTime":"12:00","endTime":"13:00"}]}`, false)
	assert.Equal(t, []string{"Lunch", "Open", "Closed"}, noDefault.States(nil), "the fallback state stands in for a missing default")

	inheriting := compileJSON(t, `{"inherit":true,"rules":[{"state":"Never used"}]}`, true)
	assert.Equal(t, []string{"Holiday", "After Hours", "Closed"}, inheriting.States([]string{"Holiday", "After Hours"}),
		"an inheriting schedule answers with its parent's states; its own rules never apply")
}

func TestALabFollowingTheClinicsHolidyNeverCloses(t *testing.T) {
	parentStates := []string{"Holiday", "Business Hours", "After Hours", "Closed"}
	lab := compileJSON(t, `{"defaultState":"Open","rules":[
		{"state":"Closed","simpleRuleType":"CustomerState","customerState":"Holidy"},
		{"state":"Closed","simpleRuleType":"CustomerState","customerState":" after hours "}]}`, true)
	problems := lab.ParentStateProblems(`customer "clinic-maple"`, parentStates)
	require.Len(t, problems, 1, "%v", problems)
	p := problems[0]
	assert.Equal(t, "rules[0].customerState", p.Path)
	assert.Equal(t, model.CodeUnknownParentState, p.Code)
	assert.Equal(t, model.SeverityWarning, p.Severity)
	assert.Contains(t, p.Message, `customer "clinic-maple" is never in state "Holidy"`)
	assert.Contains(t, p.Message, `did you mean "Holiday"?`)
}

func TestAFollowedStateThatExistsDrawsNothing(t *testing.T) {
	lab := compileJSON(t, `{"defaultState":"Open","rules":[{"state":"Closed","simpleRuleType":"CustomerState","customerState":"HOLIDAY"}]}`, true)
	assert.Empty(t, lab.ParentStateProblems("the parent", []string{"Holiday", "Closed"}))
}

func TestStateNamesMatchAsLoweredCopiesWould(t *testing.T) {
	pairs := [][2]string{
		{"Business Hours", "business hours"},
		{"HOLIDAY", "Holiday"},
		{"Holiday", "Holidays"},
		{"Ünterricht", "ünterricht"},
		{"ΣΟΦΙΑ", "σοφια"},
		{"K", "\u212a"}, // Kelvin sign lowers to k
		{"a\xffb", "a\ufffdb"},
		{"", ""},
		{"x", ""},
	}
	for _, p := range pairs {
		//lint:ignore SA6005 the lowered copies are the reference sameLower must agree with (EqualFold folds more)
		assert.Equal(t, strings.ToLower(p[0]) == strings.ToLower(p[1]), sameLower(p[0], p[1]), "%q vs %q", p[0], p[1])
	}
}

func TestManyStatesStillMatchWithoutRegardToCase(t *testing.T) {
	var set stateSet
	for i := range 40 {
		set.add(fmt.Sprintf("State %d", i))
	}
	assert.True(t, set.has("state 3"))
	assert.True(t, set.has("STATE 39"))
	assert.False(t, set.has("State 40"))
}

func FuzzSameLower(f *testing.F) {
	f.Add("Business Hours", "business hours")
	f.Add("a\xffb", "a\ufffdb")
	f.Fuzz(func(t *testing.T, a, b string) {
		//lint:ignore SA6005 the lowered copies are the reference sameLower must agree with (EqualFold folds more)
		require.Equal(t, strings.ToLower(a) == strings.ToLower(b), sameLower(a, b))
	})
}
