package protocol

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The id of an over-long line is read from its first bytes when it is
// there whole.
func TestLeadingID(t *testing.T) {
	pad := strings.Repeat("p", 100)
	for _, tc := range []struct {
		name string
		head string
		want string // "" for none
	}{
		{"the id comes first", `{"id": 7, "schedule": {"rules": [` + pad, `7`},
		{"spaced and spelled in capitals", ` { "ID" : "call-42" , "at":"2026-11-26T10:00:00Z","pad":"` + pad, `"call-42"`},
		{"an escaped member name", `{"\u0069d":3,"pad":"` + pad, `3`},
		{"an object id", `{"id":{"batch":1,"n":[1,2]},"pad":"` + pad, `{"batch":1,"n":[1,2]}`},
		{"the last of two ids seen", `{"id":1,"id":2,"pad":"` + pad, `2`},
		{"the id after short members", `{"at":"2026-11-26T10:00:00Z","next":true,"id":"late","schedule":{` + pad, `"late"`},
		{"a number cut by the end of the head", `{"id":12`, ""},
		{"a string cut by the end of the head", `{"id":"abc`, ""},
		{"the id after the long member", `{"schedule":{"rules":[` + pad, ""},
		{"not an object", `[{"id":1},` + pad, ""},
		{"broken before the id", `{"x" 1, "id": 2,`, ""},
		{"nothing", ``, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := leadingID([]byte(tc.head))
			if tc.want == "" {
				assert.Nil(t, got)
				return
			}
			assert.Equal(t, tc.want, string(got))
		})
	}
}

// A misspelt member gets the member it was probably meant to be; a name
// far from every member gets no suggestion.
func TestNearestMember(t *testing.T) {
	for name, want := range map[string]string{
		"nxt":                    "next",
		"NEXTT":                  "next",
		"att":                    "at",
		"ix":                     "id",
		"explian":                "explain",
		"shedule":                "schedule",
		"customer":               "customers",
		"custmerId":              "customerId",
		"customer_d":             "customerId",
		"pad":                    "",
		"zone":                   "",
		"":                       "",
		strings.Repeat("n", 200): "",
	} {
		assert.Equal(t, want, nearestMember(name), "%q", name)
	}
}

// Unknown members are counted all, named up to a bound, and do not stop the
// request from being answered.
func TestUnknownMembersAreWarnedAndBounded(t *testing.T) {
	var line strings.Builder
	line.WriteString(`{"id":1,"at":"2026-11-26T10:00:00Z","schedule":{"defaultState":"Quiet"}`)
	for i := range 20 {
		line.WriteString(`,"extra` + string(rune('a'+i)) + `":0`)
	}
	line.WriteString(`}`)
	out := NewEvaluator(nil).AppendAnswer(nil, []byte(line.String()))
	var answer struct {
		StateName string   `json:"stateName"`
		Warnings  []string `json:"warnings"`
	}
	require.NoError(t, json.Unmarshal(out, &answer), "%s", out)
	assert.Equal(t, "Quiet", answer.StateName)
	require.Len(t, answer.Warnings, maxWarnings+1)
	assert.Equal(t, `unknown member "extraa" is ignored`, answer.Warnings[0])
	assert.Equal(t, "and 12 more unknown members are ignored", answer.Warnings[maxWarnings])
}

// A schedule with a rule whose condition does not compile says so in every
// answer, not only when a trace is asked for: the answer would otherwise
// read like an ordinary default. An inherited answer names the ancestor's
// broken rule.
func TestBrokenRulesAreReportedWithoutExplain(t *testing.T) {
	ev := NewEvaluator(nil)
	lone := `{"id":1,"at":"2026-11-26T10:00:00Z","schedule":{"defaultState":"Closed","rules":[` +
		`{"id":"ok","state":"Open","simpleRuleType":"Always","condition":"hour > 20"},` +
		`{"id":"bad","state":"Open","simpleRuleType":"Always","condition":"hour >"}]}}`
	tree := `{"id":2,"at":"2026-11-26T10:00:00Z","customerId":"kid","customers":[` +
		`{"id":"root","name":"Root","schedule":{"defaultState":"Closed","rules":[{"id":"bad","state":"Open","simpleRuleType":"Always","condition":"nope("}]}},` +
		`{"id":"kid","name":"Kid","parentCustomerId":"root","schedule":{"inherit":true}}]}`
	for _, tc := range []struct {
		line, path string
	}{
		{lone, "schedule: schedule.rules[1].condition: "},
		{tree, "root: schedule.rules[0].condition: "},
	} {
		var answer struct {
			StateName string   `json:"stateName"`
			Errors    []string `json:"errors"`
			Error     string   `json:"error"`
		}
		out := ev.AppendAnswer(nil, []byte(tc.line))
		require.NoError(t, json.Unmarshal(out, &answer), "%s", out)
		require.Empty(t, answer.Error)
		assert.Equal(t, "Closed", answer.StateName)
		require.Len(t, answer.Errors, 1, "%s", out)
		assert.True(t, strings.HasPrefix(answer.Errors[0], tc.path), "%q", answer.Errors[0])
	}
}

// FuzzLeadingID reads ids from arbitrary heads: never a panic; what it
// reads is one valid JSON value, and for a whole request with one id it is
// that id.
func FuzzLeadingID(f *testing.F) {
	for _, s := range evalSeeds(f) {
		f.Add([]byte(s))
		f.Add([]byte(s[:len(s)/2]))
	}
	f.Fuzz(func(t *testing.T, head []byte) {
		id := leadingID(head)
		if id == nil {
			return
		}
		require.True(t, json.Valid(id), "%q from %q", id, head)
		var whole map[string]json.RawMessage
		if json.Unmarshal(head, &whole) == nil {
			if want, ok := lastMember(whole, "id"); ok && bytes.Count(bytes.ToLower(head), []byte(`"id"`)) == 1 {
				var wantCompact, gotCompact bytes.Buffer
				require.NoError(t, json.Compact(&wantCompact, want))
				require.NoError(t, json.Compact(&gotCompact, id))
				assert.Equal(t, wantCompact.String(), gotCompact.String())
			}
		}
	})
}
