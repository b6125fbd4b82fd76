package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A day spelt "Mon" and a priority given as a word are reported with their
// paths, and the rest of the schedule still decodes: the second day, the
// second rule, the zone.
func TestDecodeReportsEveryRefusedValueAndKeepsTheRest(t *testing.T) {
	raw := []byte(`{"timeZoneId": "America/New_York", "colour": "blue", "rules": [
		{"id": "a", "state": "Open", "byDay": [{"dayOfWeek": "Mon"}, {"dayOfWeek": "Tuesday"}], "priority": "high"},
		{"id": "b", "state": "Lunch", "startTime": 1230}]}`)
	var s Schedule
	problems, decoded := Decode(raw, &s)
	require.True(t, decoded)
	paths := map[string]string{}
	for _, p := range problems {
		paths[p.Path] = p.Code
	}
	assert.Equal(t, map[string]string{
		"colour":                      CodeUnknownMember,
		"rules[0].byDay[0].dayOfWeek": CodeBadValue,
		"rules[0].priority":           CodeWrongType,
		"rules[1].startTime":          CodeWrongType,
	}, paths)
	assert.Equal(t, "America/New_York", s.TimeZoneID)
	require.Len(t, s.Rules, 2)
	assert.Equal(t, "b", s.Rules[1].ID)
	require.Len(t, s.Rules[0].ByDay, 2, "a refused item keeps its place, so later paths stay right")
	assert.Equal(t, "Tuesday", s.Rules[0].ByDay[1].DayOfWeek.String())
}

func TestDecodeRefusesTextThatIsNotOneObject(t *testing.T) {
	for _, tc := range []struct {
		scenario, doc, code, message string
	}{
		{"an empty file", ``, CodeBadJSON, "empty"},
		{"a trailing comma", "{\n  \"rules\": [\n    {\"state\": \"Open\",}\n  ]\n}", CodeBadJSON, "line 3, column 22"},
		{"two documents", `{} {}`, CodeBadJSON, "more after"},
		{"a list", `[1, 2]`, CodeWrongType, "should be an object"},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			var s Schedule
			problems, decoded := Decode([]byte(tc.doc), &s)
			assert.False(t, decoded)
			require.Len(t, problems, 1)
			assert.Equal(t, tc.code, problems[0].Code)
			assert.Contains(t, problems[0].Message, tc.message)
		})
	}
}

func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{"rules": [{"byDay": [{"dayOfWeek": "Mon"}]}]}`,
		`{"timeZoneId": 5, "rules": {"a": 1}}`,
		`{"rules": [null, 1, "x", {"priority": 1e400}]}`,
		`[`, `{}`, `null`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var s Schedule
		problems, decoded := Decode(raw, &s)
		if !decoded {
			require.True(t, problems.HasErrors(), "a document that is not decoded says why")
		}
		for _, p := range problems {
			require.NotEmpty(t, p.Path)
			require.NotEmpty(t, p.Code)
		}
	})
}
