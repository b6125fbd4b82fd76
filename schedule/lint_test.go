package schedule

import (
	"encoding/json"
	"github.com/voicesched/voicesched/model"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func compileJSON(t *testing.T, text string, parent bool) *Compiled {
	t.Helper()
	var s model.Schedule
	require.NoError(t, json.Unmarshal([]byte(text), &s), text)
	return Compile(&s, Env{HasParent: parent})
}

func findProblem(problems model.Problems, path, code string) *model.Problem {
	for i := range problems {
		if problems[i].Path == path && problems[i].Code == code {
			return &problems[i]
		}
	}
	return nil
}

// Each mistake as an admin makes it, the warning it draws (with words the
// message must say), and the corrected schedule, which must not draw it.
func TestLintScenarios(t *testing.T) {
	weekdays := `"byDay":[{"dayOfWeek":"Monday"},{"dayOfWeek":"Tuesday"},{"dayOfWeek":"Wednesday"},{"dayOfWeek":"Thursday"},{"dayOfWeek":"Friday"}]`
	hours := `{"id":"bh","name":"Business Hours","priority":1,"state":"Open","simpleRuleType":"Time","frequency":"Weekly","startDate":"2026-01-05","startTime":"09:00","endTime":"17:00",` + weekdays + `}`
	lunch := func(priority string) string {
		return `{"id":"lunch","name":"Lunch","priority":` + priority + `,"state":"Lunch","simpleRuleType":"Time","frequency":"Weekly","startDate":"2026-01-05","startTime":"12:00","endTime":"13:00",` + weekdays + `}`
	}
	tests := []struct {
		scenario string
		mistake  string
		fixed    string
		parent   bool
		path     string
		code     string
		says     []string
	}{
		{
			scenario: "business hours with times but no simpleRuleType keep the office open around the clock",
			mistake:  `{"defaultState":"Closed","rules":[{"name":"Business hours","state":"Open","frequency":"Weekly","startTime":"09:00","endTime":"17:00",` + weekdays + `}]}`,
			fixed:    `{"defaultState":"Closed","rules":[{"name":"Business hours","state":"Open","simpleRuleType":"Time","frequency":"Weekly","startDate":"2026-01-05","startTime":"09:00","endTime":"17:00",` + weekdays + `}]}`,
			path:     "rules[0].simpleRuleType", code: model.CodeIgnoredByRuleType,
			says: []string{"applies at every instant", "startTime, endTime, frequency and byDay", "set simpleRuleType to Time"},
		},
		{
			scenario: "a department following the clinic's holidays only in the morning ignores the morning",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Closed","simpleRuleType":"CustomerState","customerState":"Holiday","startTime":"08:00","endTime":"12:00"}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Closed","simpleRuleType":"CustomerState","customerState":"Holiday","condition":"hour >= 8 && hour < 12"}]}`,
			parent:   true,
			path:     "rules[0].simpleRuleType", code: model.CodeIgnoredByRuleType,
			says: []string{"follows the parent's state at every instant", "startTime and endTime", "condition"},
		},
		{
			scenario: "an Always rule that names a parent state to follow follows nothing",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Closed","customerState":"Holiday"}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Closed","simpleRuleType":"CustomerState","customerState":"Holiday"}]}`,
			parent:   true,
			path:     "rules[0].simpleRuleType", code: model.CodeIgnoredByRuleType,
			says: []string{"customerState \"Holiday\" is ignored"},
		},
		{
			scenario: "a lunch rule with no frequency and no start date fires once, in 1970",
			mistake:  `{"defaultState":"Open","rules":[{"name":"Lunch","state":"Lunch","simpleRuleType":"Time","startTime":"12:00","endTime":"13:00"}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"name":"Lunch","state":"Lunch","simpleRuleType":"Time","frequency":"Daily","startTime":"12:00","endTime":"13:00"}]}`,
			path:     "rules[0].frequency", code: model.CodeOneWindowAtEpoch,
			says: []string{"1970-01-01", "never again", "set frequency"},
		},
		{
			scenario: "ten on-call days with no start date were used up in January 1970",
			mistake:  `{"defaultState":"Off","rules":[{"state":"On Call","simpleRuleType":"Time","frequency":"Daily","count":10}]}`,
			fixed:    `{"defaultState":"Off","rules":[{"state":"On Call","simpleRuleType":"Time","frequency":"Daily","count":10,"startDate":"2026-12-01"}]}`,
			path:     "rules[0].count", code: model.CodeRuleEnded,
			says: []string{"never matches again", "1970-01-10", "count of 10"},
		},
		{
			scenario: "a campaign rule whose untilDate was typed in the last century never matches",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Campaign","simpleRuleType":"Time","frequency":"Daily","startDate":"1996-01-01","untilDate":"1996-03-31"}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Campaign","simpleRuleType":"Time","frequency":"Daily","startDate":"2026-01-01","untilDate":"2026-03-31"}]}`,
			path:     "rules[0].untilDate", code: model.CodeRuleEnded,
			says: []string{"1996-03-31", "untilDate is long past"},
		},
		{
			scenario: "an untilDate before the startDate",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Campaign","simpleRuleType":"Time","frequency":"Daily","startDate":"2026-03-01","untilDate":"2026-02-01"}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Campaign","simpleRuleType":"Time","frequency":"Daily","startDate":"2026-02-01","untilDate":"2026-03-01"}]}`,
			path:     "rules[0].untilDate", code: model.CodeUntilBeforeStart,
			says: []string{"never matches", "before its start"},
		},
		{
			scenario: "Monday meetings from a Tuesday until the Sunday after never meet",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Meeting","simpleRuleType":"Time","frequency":"Weekly","startDate":"2026-01-06","untilDate":"2026-01-11","byDay":[{"dayOfWeek":"Monday"}]}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Meeting","simpleRuleType":"Time","frequency":"Weekly","startDate":"2026-01-06","untilDate":"2026-01-12","byDay":[{"dayOfWeek":"Monday"}]}]}`,
			path:     "rules[0].untilDate", code: model.CodeRuleNeverOpens,
			says: []string{"never opens a window"},
		},
		{
			scenario: "a New York clinic on EST runs an hour off all summer",
			mistake:  `{"timeZoneId":"EST","defaultState":"Closed"}`,
			fixed:    `{"timeZoneId":"America/New_York","defaultState":"Closed"}`,
			path:     "timeZoneId", code: model.CodeFixedOffsetZone,
			says: []string{"UTC−05:00", "no daylight saving", "America/New_York", "America/Panama"},
		},
		{
			scenario: "a Denver office on MST is offered Denver and Arizona",
			mistake:  `{"timeZoneId":"MST","defaultState":"Closed"}`,
			fixed:    `{"timeZoneId":"America/Denver","defaultState":"Closed"}`,
			path:     "timeZoneId", code: model.CodeFixedOffsetZone,
			says: []string{"America/Denver", "America/Phoenix", "all year"},
		},
		{
			scenario: "a Honolulu office on HST is pointed at Pacific/Honolulu",
			mistake:  `{"timeZoneId":"HST","defaultState":"Closed"}`,
			fixed:    `{"timeZoneId":"Pacific/Honolulu","defaultState":"Closed"}`,
			path:     "timeZoneId", code: model.CodeFixedOffsetZone,
			says: []string{"Pacific/Honolulu"},
		},
		{
			scenario: "an office on Etc/GMT+5 is told no single zone is meant",
			mistake:  `{"timeZoneId":"Etc/GMT+5","defaultState":"Closed"}`,
			fixed:    `{"timeZoneId":"America/Bogota","defaultState":"Closed"}`,
			path:     "timeZoneId", code: model.CodeFixedOffsetZone,
			says: []string{"UTC−05:00", "invert the sign", "no single zone", "America/New_York"},
		},
		{
			scenario: "America/new_york is read as New York and the spelling is corrected",
			mistake:  `{"timeZoneId":"America/new_york","defaultState":"Closed"}`,
			fixed:    `{"timeZoneId":"America/New_York","defaultState":"Closed"}`,
			path:     "timeZoneId", code: model.CodeZoneSpelling,
			says: []string{`"America/New_York"`},
		},
		{
			scenario: "with no defaultState the clinic is Open whenever no rule matches",
			mistake:  `{"rules":[` + hours + `]}`,
			fixed:    `{"defaultState":"After Hours","rules":[` + hours + `]}`,
			path:     "defaultState", code: model.CodeNoDefaultState,
			says: []string{`"Open"`, "set defaultState"},
		},
		{
			scenario: "two rules copied from one template share an id",
			mistake:  `{"defaultState":"Closed","rules":[` + hours + `,` + strings.Replace(lunch("0"), `"lunch"`, `"bh"`, 1) + `]}`,
			fixed:    `{"defaultState":"Closed","rules":[` + hours + `,` + lunch("0") + `]}`,
			path:     "rules[1].id", code: model.CodeDuplicateRuleID,
			says: []string{`"bh"`, "rules[0]", "its own id"},
		},
		{
			scenario: "a department that inherits and has rules of its own never uses them",
			mistake:  `{"inherit":true,"rules":[` + hours + `]}`,
			fixed:    `{"inherit":false,"defaultState":"Closed","rules":[` + hours + `]}`,
			parent:   true,
			path:     "inherit", code: model.CodeInheritWithRules,
			says: []string{"parent's state at every instant", "never apply"},
		},
		{
			scenario: "a holiday rule after an Always rule never decides",
			mistake:  `{"rules":[{"name":"Open","priority":0,"state":"Open"},{"name":"Christmas","priority":1,"state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-12-25"}]}`,
			fixed:    `{"rules":[{"name":"Open","priority":1,"state":"Open"},{"name":"Christmas","priority":0,"state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-12-25"}]}`,
			path:     "rules[1].priority", code: model.CodeRuleAfterAlways,
			says: []string{"never decides", `rules[0] ("Open")`, "smaller priority number"},
		},
		{
			scenario: "lunch inside business hours at a later priority never decides",
			mistake:  `{"defaultState":"Closed","rules":[` + hours + `,` + lunch("2") + `]}`,
			fixed:    `{"defaultState":"Closed","rules":[` + hours + `,` + lunch("0") + `]}`,
			path:     "rules[1].priority", code: model.CodeShadowedRule,
			says: []string{"never decides", `"Business Hours"`, "Monday to Friday 09:00–17:00", `calls get "Open"`},
		},
		{
			scenario: "a one-off Tuesday staff meeting during business hours never decides",
			mistake:  `{"defaultState":"Closed","rules":[` + hours + `,{"name":"Staff meeting","priority":5,"state":"Meeting","simpleRuleType":"Time","startDate":"2026-03-03","startTime":"10:00","endTime":"11:00"}]}`,
			fixed:    `{"defaultState":"Closed","rules":[` + hours + `,{"name":"Staff meeting","priority":0,"state":"Meeting","simpleRuleType":"Time","startDate":"2026-03-03","startTime":"10:00","endTime":"11:00"}]}`,
			path:     "rules[1].priority", code: model.CodeShadowedRule,
			says: []string{`"Business Hours"`, "never decides"},
		},
		{
			scenario: "a Christmas rule copied with another state never decides",
			mistake: `{"defaultState":"Open","rules":[{"name":"Christmas","priority":0,"state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byMonth":[12],"byMonthDay":[25]},` +
				`{"name":"Christmas closure","priority":1,"state":"Closed","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byMonth":[12],"byMonthDay":[25]}]}`,
			fixed: `{"defaultState":"Open","rules":[{"name":"Christmas","priority":0,"state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byMonth":[12],"byMonthDay":[25]},` +
				`{"name":"Boxing Day","priority":1,"state":"Closed","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byMonth":[12],"byMonthDay":[26]}]}`,
			path: "rules[1].priority", code: model.CodeShadowedRule,
			says: []string{`rules[0] ("Christmas") has the same windows`, `calls get "Holiday"`},
		},
		{
			scenario: "a rule switched off with 1 == 2 never matches",
			mistake:  `{"defaultState":"Closed","rules":[{"state":"Open","condition":"1 == 2"}]}`,
			fixed:    `{"defaultState":"Closed","rules":[{"state":"Open","condition":"hour >= 9"}]}`,
			path:     "rules[0].condition", code: model.CodeConstantCondition,
			says: []string{"always false", "never matches"},
		},
		{
			scenario: "billing day on the 31st skips the short months",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Billing","simpleRuleType":"Time","isAllDay":true,"frequency":"Monthly","startDate":"2026-01-01","byMonthDay":[31]}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Billing","simpleRuleType":"Time","isAllDay":true,"frequency":"Monthly","startDate":"2026-01-01","byMonthDay":[-1]}]}`,
			path:     "rules[0].byMonthDay[0]", code: model.CodeSkipsShortMonths,
			says: []string{"31st", "February, April, June, September and November", "-1"},
		},
		{
			scenario: "a monthly rule started on the 30th skips February",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Billing","simpleRuleType":"Time","isAllDay":true,"frequency":"Monthly","startDate":"2026-01-30"}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Billing","simpleRuleType":"Time","isAllDay":true,"frequency":"Monthly","startDate":"2026-01-28"}]}`,
			path:     "rules[0].startDate", code: model.CodeSkipsShortMonths,
			says: []string{"30th", "February"},
		},
		{
			scenario: "a last-day-of-February rule on the 29th happens once every four years",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Inventory","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byMonth":[2],"byMonthDay":[29]}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Inventory","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byMonth":[2],"byMonthDay":[-1]}]}`,
			path:     "rules[0].byMonthDay[0]", code: model.CodeLeapDayOnly,
			says: []string{"leap years", "-1"},
		},
		{
			scenario: "a yearly leap-day party started on February 29 happens every four years",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Party","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2028-02-29"}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Party","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2028-02-28"}]}`,
			path:     "rules[0].startDate", code: model.CodeLeapDayOnly,
			says: []string{"leap years"},
		},
		{
			scenario: "day 366 of the year exists only in leap years",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Closed","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byYearDay":[366]}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Closed","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byYearDay":[-1]}]}`,
			path:     "rules[0].byYearDay[0]", code: model.CodeLeapDayOnly,
			says: []string{"leap years"},
		},
		{
			scenario: "training on the fifth Friday skips most months",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Training","simpleRuleType":"Time","frequency":"Monthly","startDate":"2026-01-01","startTime":"09:00","endTime":"11:00","byDay":[{"offset":5,"dayOfWeek":"Friday"}]}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Training","simpleRuleType":"Time","frequency":"Monthly","startDate":"2026-01-01","startTime":"09:00","endTime":"11:00","byDay":[{"offset":-1,"dayOfWeek":"Friday"}]}]}`,
			path:     "rules[0].byDay[0].offset", code: model.CodeFifthWeekday,
			says: []string{"5th Friday", "offset -1"},
		},
		{
			scenario: "a flow parameter that is both a number and a string reaches the flow ambiguously",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Closed","flowId":"f","flowParams":{"queue":{"numberValue":3,"stringValue":"main"}}}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Closed","flowId":"f","flowParams":{"queue":{"stringValue":"main"}}}]}`,
			path:     "rules[0].flowParams.queue", code: model.CodeSeveralValueMembers,
			says: []string{"stringValue and numberValue", "conditions read only stringValue"},
		},
		{
			scenario: "an all-day holiday with office times covers the whole day",
			mistake:  `{"defaultState":"Open","rules":[{"state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-12-25","startTime":"09:00","endTime":"17:00"}]}`,
			fixed:    `{"defaultState":"Open","rules":[{"state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-12-25"}]}`,
			path:     "rules[0].isAllDay", code: model.CodeIgnoredField,
			says: []string{"ignores startTime and endTime"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			mistake := compileJSON(t, tt.mistake, tt.parent).Problems()
			found := findProblem(mistake, tt.path, tt.code)
			require.NotNil(t, found, "want %s at %s; got %v", tt.code, tt.path, mistake)
			assert.Equal(t, model.SeverityWarning, found.Severity)
			for _, words := range tt.says {
				assert.Contains(t, found.Message, words)
			}
			assert.False(t, mistake.HasErrors(), "the mistake is valid, only surprising: %v", mistake)

			fixed := compileJSON(t, tt.fixed, tt.parent).Problems()
			assert.Empty(t, fixed, "the corrected schedule draws nothing")
		})
	}
}

func TestLintLeavesDeliberateSchedulesAlone(t *testing.T) {
	tests := []struct {
		scenario string
		schedule string
		parent   bool
	}{
		{"the last day of each month via bySetPosition over 28-31",
			`{"defaultState":"Open","rules":[{"state":"Billing","simpleRuleType":"Time","isAllDay":true,"frequency":"Monthly","startDate":"2026-01-01","byMonthDay":[28,29,30,31],"bySetPosition":[-1]}]}`, false},
		{"the 31st of the long months only",
			`{"defaultState":"Open","rules":[{"state":"Billing","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byMonth":[1,3,5,7,8,10,12],"byMonthDay":[31]}]}`, false},
		{"the fifth Monday of the year exists every year",
			`{"defaultState":"Open","rules":[{"state":"Audit","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byDay":[{"offset":5,"dayOfWeek":"Monday"}]}]}`, false},
		{"lunch that runs past business hours decides after them",
			`{"defaultState":"Closed","rules":[
				{"priority":1,"state":"Open","simpleRuleType":"Time","frequency":"Daily","startTime":"09:00","endTime":"12:30"},
				{"priority":2,"state":"Lunch","simpleRuleType":"Time","frequency":"Daily","startTime":"12:00","endTime":"13:00"}]}`, false},
		{"business hours with a condition do not hide a later rule",
			`{"defaultState":"Closed","rules":[
				{"priority":1,"state":"Open","simpleRuleType":"Time","frequency":"Daily","startTime":"09:00","endTime":"17:00","condition":"weekday != 'Sunday'"},
				{"priority":2,"state":"Lunch","simpleRuleType":"Time","frequency":"Daily","startTime":"12:00","endTime":"13:00"}]}`, false},
		{"hours that ended before a later rule starts do not hide it",
			`{"defaultState":"Closed","rules":[
				{"priority":1,"state":"Old hours","simpleRuleType":"Time","frequency":"Daily","startDate":"2025-01-01","untilDate":"2025-12-31","startTime":"09:00","endTime":"17:00"},
				{"priority":2,"state":"Lunch","simpleRuleType":"Time","frequency":"Daily","startDate":"2026-01-01","startTime":"12:00","endTime":"13:00"}]}`, false},
		{"weekday hours do not hide a Saturday rule",
			`{"defaultState":"Closed","rules":[
				{"priority":1,"state":"Open","simpleRuleType":"Time","frequency":"Weekly","startDate":"2026-01-05","startTime":"09:00","endTime":"17:00","byDay":[{"dayOfWeek":"Monday"},{"dayOfWeek":"Friday"}]},
				{"priority":2,"state":"Half day","simpleRuleType":"Time","frequency":"Weekly","startDate":"2026-01-05","startTime":"09:00","endTime":"12:00","byDay":[{"dayOfWeek":"Saturday"}]}]}`, false},
		{"two holiday sets that both close on Christmas Day route alike",
			`{"defaultState":"Open","rules":[
				{"name":"Christmas Day (GB)","state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byMonth":[12],"byMonthDay":[25]},
				{"name":"Christmas Day (US)","state":"holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-01-01","byMonth":[12],"byMonthDay":[25]}]}`, false},
		{"an Always rule last is the default spelled differently",
			`{"rules":[{"priority":0,"state":"Holiday","simpleRuleType":"CustomerState","customerState":"Holiday"},{"priority":9,"state":"Open"}]}`, true},
		{"a forced-closed schedule needs no default for now",
			`{"forceClosed":true,"rules":[{"state":"Open","simpleRuleType":"Time","frequency":"Daily","startTime":"08:00","endTime":"18:00"}]}`, false},
		{"an inheriting department with no rules",
			`{"inherit":true}`, true},
		{"UTC and GMT are deliberate",
			`{"timeZoneId":"UTC","defaultState":"Open","rules":[{"state":"x","simpleRuleType":"Time","frequency":"Daily","timeZoneId":"GMT"}]}`, false},
		{"a Windows id in lower case is fine as .NET reads it",
			`{"timeZoneId":"eastern standard time","defaultState":"Open"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			assert.Empty(t, compileJSON(t, tt.schedule, tt.parent).Problems())
		})
	}
}

func TestIgnoredMembersAreStillChecked(t *testing.T) {
	c := compileJSON(t, `{"defaultState":"Closed","rules":[{"state":"Open","startTime":"9am","byMonth":[13]}]}`, false)
	problems := c.Problems()
	require.NotNil(t, findProblem(problems, "rules[0].startTime", model.CodeBadTime), "%v", problems)
	assert.Equal(t, model.SeverityError, findProblem(problems, "rules[0].startTime", model.CodeBadTime).Severity)
	require.NotNil(t, findProblem(problems, "rules[0].simpleRuleType", model.CodeIgnoredByRuleType))
	res := c.Evaluate(timeAt(t, "2026-11-30T10:00:00Z"), Input{})
	assert.Equal(t, "Closed", res.State, "a rule with an error never matches")
}

func TestZoneIsReportedInItsIANASpelling(t *testing.T) {
	c := compileJSON(t, `{"timeZoneId":"america/new_york","defaultState":"Closed"}`, false)
	_, id := c.Zone()
	assert.Equal(t, "America/New_York", id)
}

func TestUntilAtMidnightIsNotWarnedWhenFrequencyNoneIgnoresIt(t *testing.T) {
	c := compileJSON(t, `{"defaultState":"Closed","rules":[{"state":"Open","simpleRuleType":"Time","startDate":"2026-12-03","startTime":"09:00","untilDate":"2026-12-31T00:00:00"}]}`, false)
	assert.Nil(t, findProblem(c.Problems(), "rules[0].untilDate", model.CodeUntilAtMidnight))
	assert.NotNil(t, findProblem(c.Problems(), "rules[0].frequency", model.CodeIgnoredField), "the ignored untilDate is still reported")
}
