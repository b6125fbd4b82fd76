package voicesched

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A file with a day spelt "Mon" still has its other mistakes found: an
// empty state, a month 13, a condition that does not compile — each once,
// with its path.
func TestReadDocumentChecksTheRestOfAFileWithAValueThatDoesNotDecode(t *testing.T) {
	raw := []byte(`{"timeZoneId": "America/New_York", "defaultState": "Closed", "rules": [
		{"id": "a", "state": "Open", "simpleRuleType": "Time", "frequency": "Weekly", "startDate": "2026-01-05",
		 "startTime": "09:00", "endTime": "17:00", "byDay": [{"dayOfWeek": "Mon"}], "priority": "high"},
		{"id": "b", "state": "", "simpleRuleType": "Time", "frequency": "Daily", "startDate": "2026-13-01",
		 "startTime": "09:00", "endTime": "10:00", "condition": "customer.data.x >"}]}`)
	doc := ReadDocument(raw, "", nil)
	assert.Equal(t, DocSchedule, doc.Kind)
	require.NotNil(t, doc.Record)
	counts := map[string]int{}
	for _, p := range doc.Problems {
		counts[p.Path]++
	}
	for _, path := range []string{"rules[0].byDay[0].dayOfWeek", "rules[0].priority", "rules[1].state", "rules[1].startDate", "rules[1].condition"} {
		assert.Equal(t, 1, counts[path], "%s reported once; all: %v", path, doc.Problems)
	}
}

func TestReadDocumentTellsTheKindOrSaysWhyNot(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		doc      string
		kind     DocumentKind
		code     string
	}{
		{"an empty file", ``, "", CodeBadJSON},
		{"blank lines", "   \n", "", CodeBadJSON},
		{"broken JSON", `{"rules": [}`, "", CodeBadJSON},
		{"two documents", `{"rules": []} {}`, "", CodeBadJSON},
		{"a list", `[1, 2]`, "", CodeWrongType},
		{"a string", `"schedule"`, "", CodeWrongType},
		{"an object with nothing telling", `{}`, "", CodeUnknownKind},
		{"a kind that does not exist", `{}`, "calendar", CodeUnknownKind},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			doc := ReadDocument([]byte(tc.doc), tc.kind, nil)
			require.Len(t, doc.Problems, 1, doc.Problems)
			assert.Equal(t, tc.code, doc.Problems[0].Code)
			assert.Nil(t, doc.Record)
		})
	}
}

func TestReadDocumentChecksAPatchAgainstTheTree(t *testing.T) {
	e := New()
	require.NoError(t, e.Load(loadTreeFile(t, "testdata/sample/tree.json")))
	raw := []byte(`{"customerId": "clinic-maple", "parentCustomerId": "nobody"}`)
	alone := ReadDocument(raw, "", nil)
	assert.Equal(t, DocPatch, alone.Kind)
	assert.False(t, alone.Problems.HasErrors(), "on its own the patch is sound: %v", alone.Problems)
	against := ReadDocument(raw, "", e)
	assert.True(t, against.Problems.HasErrors(), "the parent does not exist in the tree")
}
