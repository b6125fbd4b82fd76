package voicesched

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/schedule"
)

// A front desk whose hours rule came from a holiday calendar import and
// routes to a flow with parameters; a department inherits it.
const frontDeskJSON = `{"customers": [
  {"id": "clinic", "name": "Clinic", "schedule": {
    "timeZoneId": "America/New_York", "defaultState": "Closed",
    "rules": [
      {"id": "hours", "name": "Opening hours", "state": "Open <staffed>", "source": "import:hours.ics",
       "simpleRuleType": "Time", "frequency": "Daily", "startDate": "2026-01-01",
       "startTime": "09:00", "endTime": "17:00",
       "flowId": "front-desk", "flowParams": {"queue": {"stringValue": "main & overflow"}}},
      {"id": "broken", "state": "Never", "simpleRuleType": "Always", "condition": "hour >"}
    ]}},
  {"id": "dept", "name": "Department", "parentCustomerId": "clinic", "schedule": {"inherit": true}}
]}`

func frontDesk(t *testing.T) *Snapshot {
	t.Helper()
	var tree Tree
	require.NoError(t, json.Unmarshal([]byte(frontDeskJSON), &tree))
	engine := New()
	require.NoError(t, engine.Load(tree))
	return engine.Snapshot()
}

// An answer marshalled by a Go caller names the deciding rule, its flow and
// where the rule came from, in the member order of an eval answer.
func TestAnswerJSONNamesRuleFlowAndSource(t *testing.T) {
	snap := frontDesk(t)
	a, err := snap.Evaluate("dept", time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)) // 10:00 in New York
	require.NoError(t, err)
	raw, err := json.Marshal(a)
	require.NoError(t, err)
	assert.Equal(t, `{"stateName":"Open \u003cstaffed\u003e","timeZoneId":"America/New_York","reason":"inherited","nodeId":"clinic",`+
		`"ruleId":"hours","ruleName":"Opening hours","flowId":"front-desk","flowParams":{"queue":{"stringValue":"main \u0026 overflow"}},`+
		`"source":"import:hours.ics"}`, string(raw), "json.Marshal escapes HTML as it always does")

	line, err := a.AppendJSON(nil, AnswerExtras{ID: json.RawMessage(`7`), NextChange: "2026-11-25T17:00:00-05:00", NextState: "Closed", Warnings: []string{"w"}})
	require.NoError(t, err)
	assert.Equal(t, `{"id":7,"stateName":"Open <staffed>","timeZoneId":"America/New_York","reason":"inherited","nodeId":"clinic",`+
		`"ruleId":"hours","ruleName":"Opening hours","flowId":"front-desk","flowParams":{"queue":{"stringValue":"main & overflow"}},`+
		`"source":"import:hours.ics","nextChange":"2026-11-25T17:00:00-05:00","nextState":"Closed","warnings":["w"]}`, string(line))
}

// An answer without a deciding rule has no rule members; a trace step of a
// lone schedule (no node id) omits nodeId.
func TestAnswerJSONDefaultAndTrace(t *testing.T) {
	snap := frontDesk(t)
	a, err := snap.Explain("clinic", time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.Nil(t, a.Rule)
	raw, err := json.Marshal(a)
	require.NoError(t, err)
	var members map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &members))
	assert.NotContains(t, members, "ruleId")
	assert.NotContains(t, members, "source")
	assert.JSONEq(t, `"default"`, string(members["reason"]))
	require.Contains(t, members, "trace")

	step := TraceStep{TraceStep: schedule.TraceStep{RuleID: "r", Index: 2, Why: "outside \"its\" windows"}}
	raw, err = json.Marshal(step)
	require.NoError(t, err)
	assert.Equal(t, `{"ruleId":"r","index":2,"matched":false,"why":"outside \"its\" windows"}`, string(raw))
}

// What MarshalJSON writes, UnmarshalJSON reads back: the rule as far as an
// answer describes it (its position is not on the wire).
func TestAnswerJSONRoundTrip(t *testing.T) {
	snap := frontDesk(t)
	for _, at := range []time.Time{
		time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC),
	} {
		for _, id := range []string{"clinic", "dept"} {
			want, err := snap.Explain(id, at)
			require.NoError(t, err)
			raw, err := json.Marshal(want)
			require.NoError(t, err)
			var got Answer
			require.NoError(t, json.Unmarshal(raw, &got))
			again, err := json.Marshal(got)
			require.NoError(t, err)
			assert.Equal(t, string(raw), string(again), "%s at %s", id, at)
			assert.Equal(t, want.StateName, got.StateName)
			assert.Equal(t, want.Reason, got.Reason)
			require.Len(t, got.Trace, len(want.Trace))
			for k, step := range want.Trace {
				assert.Equal(t, step.NodeID, got.Trace[k].NodeID)
				assert.Equal(t, step.RuleID, got.Trace[k].RuleID)
				assert.Equal(t, step.Index, got.Trace[k].Index)
				assert.Equal(t, step.Matched, got.Trace[k].Matched)
				assert.Equal(t, step.Why, got.Trace[k].Why)
			}
			if want.Rule == nil {
				assert.Nil(t, got.Rule)
				continue
			}
			require.NotNil(t, got.Rule)
			assert.Equal(t, -1, got.Rule.Index)
			assert.Equal(t, want.Rule.ID, got.Rule.ID)
			assert.Equal(t, want.Rule.Source, got.Rule.Source)
			assert.Equal(t, want.Rule.FlowID, got.Rule.FlowID)
			assert.Equal(t, want.Rule.State, got.Rule.State)
		}
	}
}

// FuzzAppendJSONString checks the hand-written string encoder against
// encoding/json.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote\" back\\slash", "\x00\x1f\t\n\r\b\f", "\u2028\u2029", "é😀", "\xff\xfe", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := marshalNoEscape(s)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(appendJSONString(nil, s)))
	})
}

// FuzzAnswerUnmarshal reads arbitrary JSON as an answer: never a panic, and
// what it reads it writes back as valid JSON that reads the same.
func FuzzAnswerUnmarshal(f *testing.F) {
	for _, s := range []string{
		`{"stateName":"Open","reason":"rule"}`,
		`{"stateName":"x","ruleId":"r","flowParams":{"a":{"numberValue":1}},"source":"s","trace":[{"index":-1,"why":"w"}],"errors":["e"]}`,
		`{"stateName":1}`, `[]`, `null`, `{"trace":[{"index":"x"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Answer
		if json.Unmarshal(data, &a) != nil {
			return
		}
		raw, err := json.Marshal(a)
		require.NoError(t, err)
		require.True(t, json.Valid(raw), "%s", raw)
		var b Answer
		require.NoError(t, json.Unmarshal(raw, &b))
		again, err := json.Marshal(b)
		require.NoError(t, err)
		require.True(t, bytes.Equal(raw, again), "%s\n%s", raw, again)
	})
}
