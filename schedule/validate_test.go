package schedule

import (
	"encoding/json"
	"github.com/voicesched/voicesched/model"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One bad field each: the problem a support agent would be shown.
func TestValidateEveryCode(t *testing.T) {
	weekly := `"simpleRuleType":"Time","frequency":"Weekly","state":"Open","startDate":"2026-01-05","startTime":"09:00","endTime":"17:00"`
	cases := []struct {
		name     string
		schedule string
		parent   bool
		path     string
		code     string
		severity model.Severity
	}{
		{"unknown zone", `{"timeZoneId":"America/New_Yrok"}`, false, "timeZoneId", model.CodeUnknownZone, model.SeverityError},
		{"bad start date", `{"rules":[{` + weekly + `,"startDate":"2026-02-30"}]}`, false, "rules[0].startDate", model.CodeBadDate, model.SeverityError},
		{"bad until date", `{"rules":[{` + weekly + `,"untilDate":"next week"}]}`, false, "rules[0].untilDate", model.CodeBadDate, model.SeverityError},
		{"bad start time", `{"rules":[{` + weekly + `,"startTime":"9am"}]}`, false, "rules[0].startTime", model.CodeBadTime, model.SeverityError},
		{"bad end time", `{"rules":[{` + weekly + `,"endTime":"25:00"}]}`, false, "rules[0].endTime", model.CodeBadTime, model.SeverityError},
		{"frequency out of range", `{"rules":[{` + weekly + `,"frequency":8}]}`, false, "rules[0].frequency", model.CodeEnumOutOfRange, model.SeverityError},
		{"rule type out of range", `{"rules":[{"simpleRuleType":3,"state":"Open"}]}`, false, "rules[0].simpleRuleType", model.CodeEnumOutOfRange, model.SeverityError},
		{"day of week out of range", `{"rules":[{` + weekly + `,"byDay":[{"dayOfWeek":7}]}]}`, false, "rules[0].byDay[0].dayOfWeek", model.CodeEnumOutOfRange, model.SeverityError},
		{"byMonth outside 1..12", `{"rules":[{` + weekly + `,"frequency":"Yearly","byMonth":[13]}]}`, false, "rules[0].byMonth[0]", "out-of-range", model.SeverityError},
		{"byMonthDay 0", `{"rules":[{` + weekly + `,"frequency":"Monthly","byMonthDay":[0]}]}`, false, "rules[0].byMonthDay[0]", "out-of-range", model.SeverityError},
		{"byMonthDay -32", `{"rules":[{` + weekly + `,"frequency":"Monthly","byMonthDay":[1,-32]}]}`, false, "rules[0].byMonthDay[1]", "out-of-range", model.SeverityError},
		{"byYearDay 367", `{"rules":[{` + weekly + `,"frequency":"Yearly","byYearDay":[367]}]}`, false, "rules[0].byYearDay[0]", "out-of-range", model.SeverityError},
		{"byWeekNo 54", `{"rules":[{` + weekly + `,"frequency":"Yearly","byWeekNo":[54]}]}`, false, "rules[0].byWeekNo[0]", "out-of-range", model.SeverityError},
		{"byWeekNo with Monthly", `{"rules":[{` + weekly + `,"frequency":"Monthly","byWeekNo":[1]}]}`, false, "rules[0].byWeekNo", "weekno-needs-yearly", model.SeverityError},
		{"byHour 24", `{"rules":[{` + weekly + `,"byHour":[24]}]}`, false, "rules[0].byHour[0]", "out-of-range", model.SeverityError},
		{"byMinute 60", `{"rules":[{` + weekly + `,"byMinute":[60]}]}`, false, "rules[0].byMinute[0]", "out-of-range", model.SeverityError},
		{"bySetPosition 0", `{"rules":[{` + weekly + `,"bySetPosition":[0]}]}`, false, "rules[0].bySetPosition[0]", "out-of-range", model.SeverityError},
		{"byDay offset with Weekly", `{"rules":[{` + weekly + `,"byDay":[{"offset":2,"dayOfWeek":1}]}]}`, false, "rules[0].byDay[0].offset", "offset-not-allowed", model.SeverityError},
		{"byDay offset 54", `{"rules":[{` + weekly + `,"frequency":"Yearly","byDay":[{"offset":54,"dayOfWeek":1}]}]}`, false, "rules[0].byDay[0].offset", "out-of-range", model.SeverityError},
		{"February 30th never occurs", `{"rules":[{` + weekly + `,"frequency":"Yearly","byMonth":[2],"byMonthDay":[30]}]}`, false, "rules[0].byMonthDay", "empty-set", model.SeverityError},
		{"every 2 hours from an even hour never reaches 01:00", `{"rules":[{"simpleRuleType":"Time","frequency":"Hourly","interval":2,"byHour":[1],"state":"x","startDate":"2026-01-01","startTime":"00:00","endTime":"00:30"}]}`, false, "rules[0].byHour", "empty-set", model.SeverityError},
		{"all day with Hourly", `{"rules":[{"simpleRuleType":"Time","frequency":"Hourly","isAllDay":true,"state":"x"}]}`, false, "rules[0].isAllDay", model.CodeAllDayTooFine, model.SeverityError},
		{"empty state", `{"rules":[{"simpleRuleType":"Always","state":" "}]}`, false, "rules[0].state", model.CodeEmptyState, model.SeverityError},
		{"condition does not compile", `{"rules":[{"simpleRuleType":"Always","state":"x","condition":"hour >="}]}`, false, "rules[0].condition", model.CodeBadCondition, model.SeverityError},
		{"interval over 1000", `{"rules":[{` + weekly + `,"interval":1001}]}`, false, "rules[0].interval", "interval-too-large", model.SeverityError},
		{"negative count", `{"rules":[{` + weekly + `,"count":-1}]}`, false, "rules[0].count", "negative-count", model.SeverityError},
		{"customer state rule with no state to follow", `{"rules":[{"simpleRuleType":"CustomerState","state":"x"}]}`, true, "rules[0].customerState", model.CodeEmptyCustomerState, model.SeverityError},
		{"customer state rule on a root", `{"rules":[{"simpleRuleType":"CustomerState","customerState":"Open","state":"x"}]}`, false, "rules[0].simpleRuleType", model.CodeNoParentState, model.SeverityWarning},
		{"inherit on a root", `{"inherit":true}`, false, "inherit", model.CodeInheritOnRoot, model.SeverityWarning},
		{"all day ignores times", `{"rules":[{"simpleRuleType":"Time","frequency":"Daily","isAllDay":true,"startTime":"09:00","state":"x"}]}`, false, "rules[0].isAllDay", model.CodeIgnoredField, model.SeverityWarning},
		{"frequency None ignores the recurrence", `{"rules":[{"simpleRuleType":"Time","frequency":"None","startDate":"2026-12-03","count":3,"state":"x"}]}`, false, "rules[0].frequency", model.CodeIgnoredField, model.SeverityWarning},
		{"count and until together", `{"rules":[{` + weekly + `,"count":5,"untilDate":"2026-12-31"}]}`, false, "rules[0].count", model.CodeCountAndUntil, model.SeverityWarning},
		{"until at midnight cuts the day", `{"rules":[{` + weekly + `,"untilDate":"2026-12-31T00:00:00"}]}`, false, "rules[0].untilDate", model.CodeUntilAtMidnight, model.SeverityWarning},
		{"empty start date with an interval", `{"rules":[{"simpleRuleType":"Time","frequency":"Weekly","interval":2,"state":"x"}]}`, false, "rules[0].startDate", model.CodeEmptyStartDate, model.SeverityWarning},
		{"until before start", `{"rules":[{` + weekly + `,"untilDate":"2025-01-01"}]}`, false, "rules[0].untilDate", model.CodeUntilBeforeStart, model.SeverityWarning},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s model.Schedule
			require.NoError(t, json.Unmarshal([]byte(tc.schedule), &s))
			problems := Validate(&s, Env{HasParent: tc.parent})
			var found *model.Problem
			for i := range problems {
				if problems[i].Path == tc.path && problems[i].Code == tc.code {
					found = &problems[i]
				}
			}
			require.NotNil(t, found, "want %s at %s; got %v", tc.code, tc.path, problems)
			assert.Equal(t, tc.severity, found.Severity)
			assert.NotEmpty(t, found.Message)
			// Nothing else is wrong with these one-fault schedules.
			for _, p := range problems {
				if p != *found {
					assert.NotEqual(t, model.SeverityError, p.Severity, "unexpected extra error %v", p)
				}
			}
		})
	}
}

// One schedule with many problems reports them all, with the right paths.
func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	var s model.Schedule
	require.NoError(t, json.Unmarshal([]byte(`{
		"timeZoneId": "Mars/Base",
		"inherit": true,
		"rules": [
			{"id": "ok", "simpleRuleType": "Time", "frequency": "Weekly", "state": "Open", "startTime": "09:00", "endTime": "17:00", "byDay": [{"dayOfWeek": 1}]},
			{"id": "a", "simpleRuleType": "Time", "frequency": "Weekly", "state": "", "startTime": "9", "byDay": [{"offset": 3, "dayOfWeek": 2}], "byMonth": [0, 13]},
			{"id": "b", "simpleRuleType": "Always", "state": "x", "condition": "(((("},
			{"id": "c", "simpleRuleType": "Time", "frequency": "Daily", "isAllDay": true, "byHour": [9], "state": "x", "untilDate": "31/12/2026"}
		]}`), &s))
	var got []string
	for _, p := range Validate(&s, Env{}) {
		got = append(got, p.Severity.String()+" "+p.Path+" "+p.Code)
	}
	assert.ElementsMatch(t, []string{
		"error timeZoneId unknown-zone",
		"warning inherit inherit-on-root",
		"error rules[1].state empty-state",
		"error rules[1].startTime bad-time",
		"error rules[1].byMonth[0] out-of-range",
		"error rules[1].byMonth[1] out-of-range",
		"error rules[1].byDay[0].offset offset-not-allowed",
		"error rules[2].condition bad-condition",
		"warning rules[3].isAllDay ignored-field",
		"error rules[3].untilDate bad-date",
		"warning defaultState no-default-state",
	}, got)
}

func TestBrokenRuleNeverMatchesButTheRestWorks(t *testing.T) {
	var s model.Schedule
	require.NoError(t, json.Unmarshal([]byte(`{"defaultState":"Closed","rules":[
		{"id":"bad","simpleRuleType":"Always","state":"Holiday","condition":"hour >"},
		{"id":"good","simpleRuleType":"Always","state":"Open"}]}`), &s))
	c := Compile(&s, Env{})
	res := c.Evaluate(timeAt(t, "2026-11-30T10:00:00Z"), Input{Trace: true})
	assert.Equal(t, "Open", res.State)
	require.Len(t, res.Trace, 2)
	assert.False(t, res.Trace[0].Matched)
	assert.Contains(t, res.Trace[0].Why, "not used")
}

func TestProblemListIsCappedButBrokenRulesStayBroken(t *testing.T) {
	s := &model.Schedule{DefaultState: "Closed"}
	// 300 rules with a warning each (all day ignores the start time)...
	for k := 0; k < 300; k++ {
		s.Rules = append(s.Rules, model.SchedulingRule{State: "Holiday", SimpleRuleType: model.RuleTime, Frequency: model.FrequencyYearly,
			IsAllDay: true, StartTime: "09:00", StartDate: "2026-01-01", ByMonth: []int{1 + k%12}, ByMonthDay: []int{1}})
	}
	warnOnly := Compile(s, Env{})
	assert.False(t, warnOnly.Problems().HasErrors(), "warnings alone never stop a schedule")
	assert.LessOrEqual(t, len(warnOnly.Problems()), maxProblems+1)
	// ...then one broken rule that would match at any time, and beyond the cap.
	s.Rules = append(s.Rules, model.SchedulingRule{State: "Broken", SimpleRuleType: model.RuleTime, Frequency: model.FrequencyDaily,
		StartDate: "2026-01-01", ByHour: []int{99}})
	c := Compile(s, Env{})
	assert.True(t, c.Problems().HasErrors(), "the cap summary counts as an error when an error was dropped")
	res := c.Evaluate(timeAt(t, "2026-06-15T12:00:00Z"), Input{})
	assert.Equal(t, "Closed", res.State, "the broken rule never matches")
}

func TestScheduleSizeIsBoundedInAll(t *testing.T) {
	full := func() model.SchedulingRule {
		r := model.SchedulingRule{State: "on", SimpleRuleType: model.RuleTime, Frequency: model.FrequencyDaily, StartDate: "2026-01-01"}
		for v := 1; v <= 31; v++ {
			r.ByMonthDay = append(r.ByMonthDay, v, -v)
		}
		for v := 0; v < 60; v++ {
			r.ByMinute = append(r.ByMinute, v)
		}
		return r
	}
	s := &model.Schedule{DefaultState: "off"}
	for len(s.Rules) < 200 { // 200 rules × 122 values = 24,400 > MaxScheduleByValues
		s.Rules = append(s.Rules, full())
	}
	c := Compile(s, Env{})
	var found bool
	for _, p := range c.Problems() {
		found = found || p.Code == model.CodeScheduleTooLarge && p.Path == "rules"
	}
	assert.True(t, found, "%v", c.Problems())
	assert.Equal(t, MaxScheduleByValues/122, c.NumRules(), "the rules that fit are used")
	assert.Equal(t, "on", c.Evaluate(timeAt(t, "2026-03-05T10:07:00Z"), Input{}).State)
}
