package protocol

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type answerLine struct {
	ID        string `json:"id"`
	StateName string `json:"stateName"`
	NodeID    string `json:"nodeId"`
	Code      string `json:"code"`
	Error     string `json:"error"`
}

func answerLines(t *testing.T, out string) []answerLine {
	t.Helper()
	var lines []answerLine
	for _, raw := range splitLines(out) {
		var a answerLine
		require.NoError(t, json.Unmarshal([]byte(raw), &a), raw)
		lines = append(lines, a)
	}
	return lines
}

// customerId takes what an integrator may hold instead of the id: the
// name, or the referenceId; a typo names the node it probably meant.
func TestCustomerIDTakesANameOrReferenceID(t *testing.T) {
	out := streamAll(t, sampleSnapshot(t), []byte(
		`{"id":"by-id","at":"2026-11-26T10:00:00","customerId":"clinic-maple"}`+"\n"+
			`{"id":"by-name","at":"2026-11-26T10:00:00","customerId":"Maple Street Clinic"}`+"\n"+
			`{"id":"by-reference","at":"2026-11-26T10:00:00","customerId":"MSC-17"}`+"\n"+
			`{"id":"typo","at":"2026-11-26T10:00:00","customerId":"clinic-mapel"}`+"\n"))
	lines := answerLines(t, out)
	require.Len(t, lines, 4)
	for _, a := range lines[:3] {
		assert.Equal(t, "Holiday", a.StateName, a.ID)
		assert.Equal(t, "clinic-maple", a.NodeID, a.ID)
	}
	assert.Equal(t, CodeUnknownNode, lines[3].Code)
	assert.Contains(t, lines[3].Error, `did you mean clinic-maple "Maple Street Clinic"?`)
}

// A schedule with two values that do not decode names both, with paths.
func TestBadScheduleNamesEveryValueThatDoesNotDecode(t *testing.T) {
	out := streamAll(t, nil, []byte(`{"id":"two","at":"2026-11-26T10:00:00Z","schedule":{"rules":[{"frequency":"Often"},{"byDay":[{"dayOfWeek":"Mon"}]}]}}`+"\n"))
	lines := answerLines(t, out)
	require.Len(t, lines, 1)
	assert.Equal(t, CodeBadSchedule, lines[0].Code)
	assert.Contains(t, lines[0].Error, "schedule.rules[0].frequency: ")
	assert.Contains(t, lines[0].Error, "schedule.rules[1].byDay[0].dayOfWeek: ")
}
