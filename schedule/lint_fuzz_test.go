package schedule

import (
	"encoding/json"
	"github.com/voicesched/voicesched/model"
	"testing"

	"github.com/voicesched/voicesched/internal/jsonpath"
)

// absentMemberCodes are the codes whose path may name a member that is not
// in the input: the member that should be there (no defaultState, a rule
// with no frequency, priority or simpleRuleType, a blank or missing state).
// Their parent is always in the input.
var absentMemberCodes = map[string]bool{
	model.CodeNoDefaultState:     true,
	model.CodeOneWindowAtEpoch:   true,
	model.CodeRuleAfterAlways:    true,
	model.CodeShadowedRule:       true,
	model.CodeIgnoredByRuleType:  true,
	model.CodeEmptyState:         true,
	model.CodeEmptyCustomerState: true,
	model.CodeNoParentState:      true,
	model.CodeEmptyStartDate:     true,
	model.CodeIgnoredField:       true, // frequency None ignoring the rest names frequency
	"empty-set":                  true, // blames frequency when no BY-list can be
}

// FuzzValidateProblemPaths: validating any schedule never panics, and every
// problem's path exists in the input, or, for a member that should be there
// and is not, its parent does.
func FuzzValidateProblemPaths(f *testing.F) {
	for _, s := range []string{
		`{"timeZoneId":"EST","rules":[{"name":"Business hours","state":"Open","frequency":"Weekly","startTime":"09:00","endTime":"17:00","byDay":[{"dayOfWeek":"Monday"}]}]}`,
		`{"timeZoneId":"america/new_york","inherit":true,"rules":[{"id":"a","state":"x"},{"id":"a","state":"y","simpleRuleType":"Time","startTime":"12:00"}]}`,
		`{"rules":[{"state":"Open","condition":"1 == 2"},{"state":"Lunch","simpleRuleType":"Time","frequency":"Monthly","byMonthDay":[31],"byDay":[{"offset":5,"dayOfWeek":5}]}]}`,
		`{"rules":[{"state":"On","simpleRuleType":"Time","frequency":"Daily","count":10},{"state":"Off","simpleRuleType":"Time","frequency":"Weekly","startDate":"2026-01-06","untilDate":"2026-01-11","byDay":[{"dayOfWeek":1}]}]}`,
		`{"rules":[{"priority":1,"state":"Open","simpleRuleType":"Time","frequency":"Daily","startTime":"09:00","endTime":"17:00"},{"priority":2,"state":"Lunch","simpleRuleType":"Time","frequency":"Yearly","byYearDay":[366],"startTime":"12:00","endTime":"13:00"}]}`,
		`{"Rules":[{"SimpleRuleType":"customerstate","StartTime":"9am","byMonth":[2],"byMonthDay":[29]}]}`,
		`{"timeZoneId":"Etc/GMT+5","forceClosed":true,"rules":[{"simpleRuleType":"Time","frequency":"Yearly","byMonth":[2],"byMonthDay":[30]}]}`,
	} {
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, raw []byte, parent bool) {
		var s model.Schedule
		if err := json.Unmarshal(raw, &s); err != nil {
			return
		}
		var doc any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("decodes as a model.Schedule but not as JSON: %v", err)
		}
		for _, p := range Validate(&s, Env{HasParent: parent}) {
			if p.Code == "" || p.Message == "" {
				t.Fatalf("problem without code or message: %+v", p)
			}
			if _, ok := jsonpath.Resolve(doc, p.Path); ok {
				continue
			}
			parentPath, isMember := jsonpath.Parent(p.Path)
			if !absentMemberCodes[p.Code] || !isMember {
				t.Fatalf("problem %v: path %q is not in the input %s", p.Code, p.Path, raw)
			}
			if _, ok := jsonpath.Resolve(doc, parentPath); !ok {
				t.Fatalf("problem %v: neither %q nor its parent %q is in the input %s", p.Code, p.Path, parentPath, raw)
			}
		}
	})
}
