package protocol

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evalSeeds are request lines for the fuzz corpus: the golden eval input,
// generated requests, and lines that probe the scanner.
func evalSeeds(t testing.TB) []string {
	raw, err := os.ReadFile("../../testdata/cli/eval_requests.ndjson")
	require.NoError(t, err)
	seeds := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	for _, r := range genRequests(rand.New(rand.NewPCG(9, 10)), genOptions{n: 6, pool: 3, treeRate: 0.5, explain: 0.5, next: 0.5}) {
		seeds = append(seeds, r.line)
	}
	return append(seeds,
		`{"ID":1,"AT":"2026-11-26T10:00:00Z","CUSTOMERID":"clinic-maple"}`,
		`{"id":1,"at":"2026-11-26T10:00:00Z","customerId":"clinic-maple","customerId":"dept-maple-lab"}`,
		`{"id":"\u00e9\ud83d\ude00","at":"2026-11-26T10:00:00\u005a","customerId":"clinic\u002dmaple"}`,
		`{"\u0069d":7,"at":"2026-11-26T10:00:00Z","schedule":{"defaultState":"x\u2028y"}}`,
		`{"id": 1e400, "at": "2026-11-26T10:00:00Z", "schedule": null, "customers": null}`,
		`{"id":-0.5e-3,"at":"2026-11-26","schedule":{"rules":[{"state":"A","condition":"minute % 2 == 0"}]},"next":true}`,
		`{"id":2,"at":"2026-11-26T10:00:00Z","schedule":{"rules":[{"state":"S","simpleRuleType":"Time","frequency":"Secondly","interval":7}]},"next":true}`,
		"{\"id\":\"tab\tinside\"}",
		`[[[[[[[[[[]]]]]]]]]]`,
		`{"id":1,"at":"2026-11-26T10:00:00Z","explain":"yes","schedule":{}}`,
		`{"a":}`, `{"a" 1}`, `{"a":1,}`, `{,}`, `01`, `-`, `1.`, `1e`, `"\x"`, `"\u12"`, `tru`, `nul`,
	)
}

// FuzzEvalLine feeds arbitrary lines to the eval line handler (with the
// sample tree loaded, so customerId requests are answered too). Whatever
// the line, the answer is one line of JSON: an object with an id and
// either a state or an error; a line that is not JSON gets id null.
func FuzzEvalLine(f *testing.F) {
	for _, s := range evalSeeds(f) {
		f.Add([]byte(s))
	}
	ev := NewEvaluator(sampleSnapshot(f))
	ev.maxLine = 1 << 16
	f.Fuzz(func(t *testing.T, line []byte) {
		if bytes.IndexByte(line, '\n') >= 0 {
			t.Skip("a line has no newline")
		}
		// Next-change searches over conditions that read the second can be
		// long; the property here is about shape, so skip them.
		if bytes.Contains(line, []byte(`"next"`)) && bytes.Contains(bytes.ToLower(line), []byte("second")) {
			t.Skip()
		}
		out := ev.AppendAnswer(nil, line)
		require.True(t, bytes.HasSuffix(out, []byte("\n")), "%q", out)
		require.Equal(t, 1, bytes.Count(out, []byte("\n")), "one line: %q", out)
		require.True(t, json.Valid(out), "valid JSON: %q", out)
		var answer map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(out, &answer))
		require.Contains(t, answer, "id")
		_, hasError := answer["error"]
		_, hasState := answer["stateName"]
		require.True(t, hasError != hasState, "an error or a state: %s", out)
		if hasError {
			var code string
			require.NoError(t, json.Unmarshal(answer["code"], &code), "%s", out)
			require.Contains(t, errorCodes, code, "%s", out)
		}
		if !json.Valid(line) {
			require.True(t, hasError, "%s", out)
			require.Equal(t, "null", string(answer["id"]))
		}
		var request map[string]json.RawMessage
		if json.Unmarshal(line, &request) == nil && len(request) > 0 {
			if id, ok := lastMember(request, "id"); ok {
				var want bytes.Buffer
				require.NoError(t, json.Compact(&want, id))
				require.Equal(t, want.String(), string(answer["id"]), "the id is echoed")
			}
		}
	})
}

// errorCodes are the codes an error line may carry.
var errorCodes = []string{CodeEmptyLine, CodeLineTooLong, CodeInvalidJSON, CodeNotAnObject, CodeWrongType, CodeMissingAt,
	CodeBadAt, CodeNoSubject, CodeTwoSubjects, CodeNoCustomerID, CodeNoTree, CodeUnknownNode, CodeBadSchedule, CodeBadTree, CodeInternal}

// lastMember finds a member as encoding/json matches names (exactly, else
// ignoring case). Go maps lose the order of repeated members, so a request
// that spells the name twice is left out.
func lastMember(m map[string]json.RawMessage, name string) (json.RawMessage, bool) {
	var found []json.RawMessage
	for k, v := range m {
		if strings.EqualFold(k, name) {
			found = append(found, v)
		}
	}
	if v, ok := m[name]; ok && len(found) == 1 {
		return v, !bytes.Equal(v, jsonNull)
	}
	if len(found) == 1 {
		return found[0], !bytes.Equal(found[0], jsonNull)
	}
	return nil, false
}

// FuzzRequestScanner checks that the request scanner accepts exactly the
// JSON that encoding/json accepts.
func FuzzRequestScanner(f *testing.F) {
	for _, s := range evalSeeds(f) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		assert.Equal(t, json.Valid(data), validJSON(data), "%q", data)
	})
}
