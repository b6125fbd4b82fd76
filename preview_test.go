package voicesched

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// closeEarlyOnDec24 is the patch of the issue that asked for previews: meant
// to close the clinic early on Christmas Eve, it holds only the new rule.
const closeEarlyOnDec24 = `{"customerId": "clinic-maple", "schedule": {"rules": [
  {"id": "maple-xmas-eve", "name": "Close early on Dec 24", "simpleRuleType": "Time", "frequency": "Yearly",
   "byMonth": [12], "byMonthDay": [24], "startDate": "2026-12-24", "startTime": "13:00", "state": "Closed"}]}}`

func codesOf(problems Problems) []string {
	var out []string
	for _, p := range problems {
		out = append(out, p.Code)
	}
	return out
}

func summaryAt(t *testing.T, preview *PatchPreview, path string) PatchSummaryLine {
	t.Helper()
	for _, line := range preview.Summary {
		if line.Path == path {
			return line
		}
	}
	t.Fatalf("no summary line for %s in %+v", path, preview.Summary)
	return PatchSummaryLine{}
}

func TestPreviewOfAScheduleThatHoldsOnlyTheNewRule(t *testing.T) {
	e := sampleEngine(t)
	s := e.Snapshot()
	p := decodePatch(t, closeEarlyOnDec24)
	from := time.Date(2026, 12, 21, 0, 0, 0, 0, time.UTC)
	to := from.Add(14 * 24 * time.Hour)
	preview, err := s.PreviewPatch(&p, from, to)
	require.NoError(t, err)
	require.True(t, preview.Applies)
	require.Same(t, s, e.Snapshot(), "nothing is published")

	rules := summaryAt(t, preview, "schedule.rules")
	assert.Equal(t, "9 rules", rules.Before)
	assert.Equal(t, "1 rule", rules.After)
	assert.Contains(t, rules.Text, `dropped hol-newyear "New Year's Day"`)
	assert.Contains(t, rules.Text, `added maple-xmas-eve "Close early on Dec 24"`)
	zone := summaryAt(t, preview, "schedule.timeZoneId")
	assert.Equal(t, `"America/New_York"`, zone.Before)
	assert.Equal(t, `absent (now inherits "Central Standard Time")`, zone.After)
	def := summaryAt(t, preview, "schedule.defaultState")
	assert.Equal(t, `"After Hours"`, def.Before)
	assert.Equal(t, `absent (now falls back to "Open")`, def.After)

	assert.Subset(t, codesOf(preview.Problems), []string{CodePatchDropsRules, CodePatchDropsZone, CodePatchDropsDefaultState})
	for _, pr := range preview.Problems {
		assert.Equal(t, SeverityWarning, pr.Severity, "%v", pr)
	}

	// Christmas Day: the clinic was on holiday, now it is open; the lab,
	// which follows the clinic's Holiday state, is no longer closed.
	christmasNoon := time.Date(2026, 12, 25, 17, 0, 0, 0, time.UTC)
	found := map[string]StateChange{}
	for _, c := range preview.Changes {
		if !christmasNoon.Before(c.From) && christmasNoon.Before(c.To) {
			found[c.NodeID] = c
		}
	}
	require.Contains(t, found, "clinic-maple")
	assert.Equal(t, "Holiday", found["clinic-maple"].Before)
	assert.Equal(t, "Open", found["clinic-maple"].After)
	assert.Equal(t, "hol-christmas", found["clinic-maple"].BeforeRule.ID)
	assert.Nil(t, found["clinic-maple"].AfterRule, "no rule decides: the fallback")
	require.Contains(t, found, "dept-maple-billing", "inherits the clinic")
	require.Contains(t, found, "dept-maple-lab", "follows the clinic's state")
	assert.Equal(t, "Closed", found["dept-maple-lab"].Before)
	assert.Equal(t, "Open", found["dept-maple-lab"].After)
	assert.NotContains(t, found, "clinic-harbour", "another branch is not touched")
	for _, c := range preview.Changes {
		loc, _ := preview.After.nodes.at(preview.After.indexOr(c.NodeID)).compiled.Zone()
		assert.Equal(t, loc, c.From.Location(), "%s in its own zone", c.NodeID)
	}
	checkComparison(t, s, preview.After, s.IDs(), from, to, time.Minute, preview.Changes)
}

// The sample tree under patches of every kind, over 14 days that hold the
// European autumn change, checked every minute.
func TestPreviewAgreesWithEveryMinuteOnTheSampleTree(t *testing.T) {
	patches := map[string]string{
		"close early on Dec 24":          closeEarlyOnDec24,
		"lab moves under the harbour":    `{"customerId": "dept-maple-lab", "parentCustomerId": "clinic-harbour"}`,
		"harbour force-closed":           `{"customerId": "clinic-harbour", "schedule": {"timeZoneId": "Australia/Sydney", "forceClosed": true}}`,
		"reseller moves to Europe":       `{"customerId": "reseller-northwind", "schedule": {"timeZoneId": "Europe/Paris", "defaultState": "Open", "rules": []}}`,
		"maple loses its VIP tag":        `{"customerId": "clinic-maple", "tagIds": ["tag-medical"]}`,
		"lab stops following the clinic": `{"customerId": "dept-maple-lab", "schedule": {"inherit": true}}`,
	}
	from := time.Date(2026, 10, 19, 0, 0, 0, 0, time.UTC)
	to := from.Add(14 * 24 * time.Hour)
	for name, raw := range patches {
		t.Run(name, func(t *testing.T) {
			s := sampleEngine(t).Snapshot()
			p := decodePatch(t, raw)
			preview, err := s.PreviewPatch(&p, from, to)
			require.NoError(t, err)
			require.True(t, preview.Applies, "%v", preview.Problems)
			require.Empty(t, preview.Cut)
			require.NotEmpty(t, preview.Changes)
			checkComparison(t, s, preview.After, s.IDs(), from, to, time.Minute, preview.Changes)
		})
	}
}

func TestPatchWarnings(t *testing.T) {
	cases := []struct {
		name  string
		patch string
		code  string
		words string // "": the warning must not be given
	}{
		{"forceClosed on the harbour closes the reception that inherits it", `{"customerId": "clinic-harbour", "schedule": {"timeZoneId": "Australia/Sydney", "defaultState": "After Hours", "forceClosed": true}}`,
			CodePatchForcesClosed, `the customer and 1 node below it answer "Closed" at every instant`},
		{"dropping the zone", `{"customerId": "clinic-harbour", "schedule": {"defaultState": "After Hours", "rules": []}}`,
			CodePatchDropsZone, `instead of "Australia/Sydney" the customer now inherits "Central Standard Time"`},
		{"dropping the default state", `{"customerId": "dept-harbour-oncall", "schedule": {"timeZoneId": "Europe/London", "rules": []}}`,
			CodePatchDropsDefaultState, `the fallback "Open" instead of "Off"`},
		{"a schedule with fewer rules", `{"customerId": "clinic-harbour", "schedule": {"timeZoneId": "Australia/Sydney", "defaultState": "After Hours",
			"rules": [{"id": "harbour-hours", "simpleRuleType": "Always", "state": "Business Hours"}]}}`,
			CodePatchDropsRules, `these disappear: harbour-christmas "Christmas Day", harbour-boxing "Boxing Day"`},
		{"a schedule with as many rules is not a drop", `{"customerId": "dept-harbour-oncall", "schedule": {"timeZoneId": "Europe/London", "defaultState": "Off",
			"rules": [{"id": "a", "simpleRuleType": "Always", "state": "On", "condition": "hour < 2"}, {"id": "b", "simpleRuleType": "Always", "state": "On", "condition": "hour > 22"}]}}`,
			CodePatchDropsRules, ""},
		{"a move of a leaf changes no zone below it", `{"customerId": "dept-maple-lab", "parentCustomerId": "clinic-harbour"}`,
			CodePatchMoveChangesZone, ""},
		{"a clinic with its own zone moved to the root keeps the zones below", `{"customerId": "clinic-harbour", "parentCustomerId": ""}`,
			CodePatchMoveChangesZone, ""},
		{"switching forceClosed off is no warning", `{"customerId": "dept-harbour-radiology", "schedule": {"rules": []}}`,
			CodePatchForcesClosed, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := sampleEngine(t).Snapshot()
			p := decodePatch(t, tc.patch)
			preview, err := s.PreviewPatch(&p, time.Time{}, time.Time{})
			require.NoError(t, err)
			require.True(t, preview.Applies, "%v", preview.Problems)
			assert.Empty(t, preview.Changes, "an empty window compares nothing")
			if tc.words == "" {
				assert.NotContains(t, codesOf(preview.Problems), tc.code)
				return
			}
			require.Contains(t, codesOf(preview.Problems), tc.code)
			for _, pr := range preview.Problems {
				if pr.Code == tc.code {
					assert.Contains(t, pr.Message, tc.words)
					assert.Equal(t, SeverityWarning, pr.Severity)
				}
			}
		})
	}
}

func TestAMoveThatChangesTheZoneOfDescendantsIsAWarning(t *testing.T) {
	// Under the reseller (Central), the clinic's endpoints and departments
	// cascade New York from the clinic; a clinic without its own zone moved
	// under the harbour (Sydney) takes them all to Sydney.
	s := sampleEngine(t).Snapshot()
	p := decodePatch(t, `{"customerId": "clinic-maple", "parentCustomerId": "clinic-harbour",
		"schedule": {"defaultState": "After Hours", "rules": []}}`)
	preview, err := s.PreviewPatch(&p, time.Time{}, time.Time{})
	require.NoError(t, err)
	require.True(t, preview.Applies, "%v", preview.Problems)
	require.Contains(t, codesOf(preview.Problems), CodePatchMoveChangesZone)
	parent := summaryAt(t, preview, "parentCustomerId")
	assert.Equal(t, `"reseller-northwind"`, parent.Before)
	assert.Equal(t, `"clinic-harbour"`, parent.After)
	assert.Contains(t, parent.Text, "4 nodes below it change time zone")
}

func TestPreviewOfAPatchThatDoesNotApply(t *testing.T) {
	e := sampleEngine(t)
	for name, raw := range map[string]string{
		"an empty name":      `{"customerId": "clinic-maple", "name": " "}`,
		"a loop":             `{"customerId": "reseller-northwind", "parentCustomerId": "dept-maple-lab"}`,
		"an unknown tag":     `{"customerId": "clinic-maple", "tagIds": ["tag-nope"]}`,
		"a broken rule":      `{"customerId": "clinic-maple", "schedule": {"rules": [{"simpleRuleType": "Time", "frequency": "Weekly", "byMonth": [13], "state": "x"}]}}`,
		"an unknown node":    `{"customerId": "nobody", "name": "X"}`,
		"a stale version":    `{"customerId": "clinic-maple", "name": "X", "expectedDateLastModified": "1999-01-01T00:00:00Z"}`,
		"an endpoint's id":   `{"customerId": "ep-maple-dr-lee", "name": "X"}`,
		"a schedule too big": `{"customerId": "clinic-maple", "schedule": {"timeZoneId": "Mars/Olympus"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			p := decodePatch(t, raw)
			preview, err := e.Snapshot().PreviewPatch(&p, patchClock, patchClock.Add(24*time.Hour))
			require.NoError(t, err)
			assert.False(t, preview.Applies)
			assert.Equal(t, e.ValidatePatch(p, nil), preview.Problems, "the problems Patch reports")
			assert.True(t, preview.Problems.HasErrors())
			assert.Empty(t, preview.Summary)
			assert.Empty(t, preview.Changes)
			assert.Nil(t, preview.After)
		})
	}
}

func TestPreviewJSONShape(t *testing.T) {
	s := sampleEngine(t).Snapshot()
	p := decodePatch(t, closeEarlyOnDec24)
	from := time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)
	preview, err := s.PreviewPatch(&p, from, from.Add(24*time.Hour))
	require.NoError(t, err)
	raw, err := json.Marshal(preview)
	require.NoError(t, err)
	var shape map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &shape))
	assert.ElementsMatch(t, []string{"customerId", "applies", "problems", "summary", "changes", "cut"}, keysOf(shape))
	assert.JSONEq(t, `[]`, string(shape["cut"]))
	var changes []map[string]any
	require.NoError(t, json.Unmarshal(shape["changes"], &changes))
	require.NotEmpty(t, changes)
	first := changes[0]
	assert.Equal(t, "clinic-maple", first["nodeId"])
	assert.Equal(t, "2026-12-23T18:00:00-06:00", first["from"], "RFC 3339 with the node's offset (it now inherits Central)")
	for _, c := range changes {
		if c["beforeRule"] == nil {
			assert.NotContains(t, c, "beforeRule")
		}
		for _, k := range keysOf(c) {
			assert.Contains(t, []string{"nodeId", "from", "to", "before", "after", "beforeRule", "afterRule"}, k)
		}
	}
	refused := &PatchPreview{CustomerID: "x"}
	raw, err = json.Marshal(refused)
	require.NoError(t, err)
	assert.JSONEq(t, `{"customerId":"x","applies":false,"problems":[],"summary":[],"changes":[],"cut":[]}`, string(raw))
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestPreviewRefusesAWindowThatEndsBeforeItStarts(t *testing.T) {
	s := sampleEngine(t).Snapshot()
	p := decodePatch(t, closeEarlyOnDec24)
	_, err := s.PreviewPatch(&p, patchClock, patchClock.Add(-time.Minute))
	require.Error(t, err)
	_, err = s.PreviewPatch(nil, patchClock, patchClock)
	require.Error(t, err)
}

func TestValidatePatchGivesThePatchWarnings(t *testing.T) {
	e := sampleEngine(t)
	problems := e.ValidatePatch(decodePatch(t, closeEarlyOnDec24), nil)
	assert.False(t, problems.HasErrors())
	assert.Subset(t, codesOf(problems), []string{CodePatchDropsRules, CodePatchDropsZone, CodePatchDropsDefaultState})
	assert.NotContains(t, codesOf(e.ValidatePatch(decodePatch(t, `{"customerId": "clinic-maple", "name": "Maple"}`), nil)), CodePatchDropsRules)
}
