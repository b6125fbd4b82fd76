package protocol

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
	"github.com/voicesched/voicesched/tz"
)

// decodedAnswer is an answer line as a client reads it.
type decodedAnswer struct {
	ID         json.RawMessage        `json:"id"`
	StateName  string                 `json:"stateName"`
	TimeZoneID string                 `json:"timeZoneId"`
	Reason     string                 `json:"reason"`
	NodeID     string                 `json:"nodeId"`
	RuleID     string                 `json:"ruleId"`
	RuleName   string                 `json:"ruleName"`
	FlowID     string                 `json:"flowId"`
	FlowParams model.Struct           `json:"flowParams"`
	NextChange string                 `json:"nextChange"`
	NextState  string                 `json:"nextState"`
	Trace      []voicesched.TraceStep `json:"trace"`
	Errors     []string               `json:"errors"`
	Error      string                 `json:"error"`
}

// libraryOracle answers requests by calling the library directly: a lone
// schedule is stored as the only customer of its own engine, a tree
// question goes to an engine loaded from the sample tree file.
type libraryOracle struct {
	t    testing.TB
	tree *voicesched.Snapshot
	lone map[*voicesched.Schedule]*voicesched.Snapshot
}

func newLibraryOracle(t testing.TB) *libraryOracle {
	return &libraryOracle{t: t, tree: sampleSnapshot(t), lone: map[*voicesched.Schedule]*voicesched.Snapshot{}}
}

// check compares one answer line with the library's answer to r.
func (o *libraryOracle) check(r genRequest, line string) {
	t := o.t
	t.Helper()
	var got decodedAnswer
	require.NoError(t, json.Unmarshal([]byte(line), &got), line)
	require.Empty(t, got.Error, "request %s", r.line)
	assert.JSONEq(t, jsonNumber(r.id), string(got.ID))

	snap, id := o.tree, r.node
	if r.schedule != nil {
		snap, id = o.lone[r.schedule], "lone"
		if snap == nil {
			engine := voicesched.New()
			require.NoError(t, engine.PutCustomer(&voicesched.CustomerInfo{EntityInfo: voicesched.EntityInfo{ID: id}, Schedule: r.schedule}))
			snap = engine.Snapshot()
			o.lone[r.schedule] = snap
		}
	}
	eff, err := snap.EffectiveSchedule(id)
	require.NoError(t, err)
	loc, err := tz.Load(eff.TimeZoneID)
	require.NoError(t, err)
	at, err := schedule.ParseInstant("at", r.at, loc)
	require.NoError(t, err)

	var want voicesched.Answer
	if r.explain {
		want, err = snap.Explain(id, at)
	} else {
		want, err = snap.Evaluate(id, at)
	}
	require.NoError(t, err)
	assert.Equal(t, want.StateName, got.StateName, r.line)
	assert.Equal(t, want.TimeZoneID, got.TimeZoneID, r.line)
	assert.Equal(t, string(want.Reason), got.Reason, r.line)
	if r.schedule != nil {
		assert.Empty(t, got.NodeID, "a lone schedule's answer names no node")
	} else {
		assert.Equal(t, want.NodeID, got.NodeID, r.line)
	}
	if want.Rule != nil {
		assert.Equal(t, want.Rule.ID, got.RuleID, r.line)
		assert.Equal(t, want.Rule.Name, got.RuleName, r.line)
		assert.Equal(t, want.Rule.FlowID, got.FlowID, r.line)
		assert.Equal(t, len(want.Rule.FlowParams), len(got.FlowParams), r.line)
		for k, v := range want.Rule.FlowParams {
			assert.Equal(t, v.Plain(), got.FlowParams[k].Plain(), r.line)
		}
	} else {
		assert.Empty(t, got.RuleID+got.RuleName+got.FlowID, r.line)
	}
	if r.explain {
		require.Len(t, got.Trace, len(want.Trace), r.line)
		for k, step := range want.Trace {
			assert.Equal(t, step.RuleID, got.Trace[k].RuleID)
			assert.Equal(t, step.Index, got.Trace[k].Index)
			assert.Equal(t, step.Matched, got.Trace[k].Matched)
			assert.Equal(t, step.Why, got.Trace[k].Why)
		}
	} else {
		assert.Empty(t, got.Trace)
	}
	wantErrors := want.Errors
	if r.next {
		change, ok, err := snap.NextChange(id, at)
		if err != nil {
			wantErrors = append(append([]string(nil), wantErrors...), err.Error())
		}
		if ok {
			gotAt, perr := time.Parse(time.RFC3339, got.NextChange)
			require.NoError(t, perr, r.line)
			assert.True(t, change.At.Equal(gotAt), "next change %s, want %s: %s", got.NextChange, change.At, r.line)
			_, wantOffset := change.At.In(loc).Zone()
			_, gotOffset := gotAt.Zone()
			assert.Equal(t, wantOffset, gotOffset, "nextChange is printed in the schedule's zone")
			assert.Equal(t, change.State, got.NextState, r.line)
		} else {
			assert.Empty(t, got.NextChange+got.NextState, r.line)
		}
	} else {
		assert.Empty(t, got.NextChange+got.NextState, r.line)
	}
	assert.Equal(t, len(wantErrors), len(got.Errors), r.line)
}

// sampleTreePath is the sample tree of the repository.
const sampleTreePath = "../../testdata/sample/tree.json"

// sampleSnapshot loads the sample tree.
func sampleSnapshot(t testing.TB) *voicesched.Snapshot {
	raw, err := os.ReadFile(sampleTreePath)
	require.NoError(t, err)
	var tree voicesched.Tree
	require.NoError(t, json.Unmarshal(raw, &tree))
	engine := voicesched.New()
	require.NoError(t, engine.Load(tree))
	return engine.Snapshot()
}

// streamAll answers input with a new evaluator of tree.
func streamAll(t testing.TB, tree *voicesched.Snapshot, input []byte) string {
	var out bytes.Buffer
	require.NoError(t, NewEvaluator(tree).Stream(bytes.NewReader(input), &out))
	return out.String()
}

func jsonNumber(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func splitLines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// Thousands of generated requests — lone weekly schedules, and questions
// about every node of the sample tree — answered by eval exactly as the
// library answers them.
func TestEvalMatchesLibrary(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	reqs := genRequests(rng, genOptions{n: 3000, pool: 80, treeRate: 0.3, explain: 0.25, next: 0.5})
	stdout := streamAll(t, sampleSnapshot(t), joinLines(reqs))
	lines := splitLines(stdout)
	require.Len(t, lines, len(reqs))
	oracle := newLibraryOracle(t)
	for i, r := range reqs {
		oracle.check(r, lines[i])
		if t.Failed() {
			t.Fatalf("stopping at request %d", i)
		}
	}
}

// Malformed lines mixed among good ones get an error answer in their
// place, with their id when it can be read, and the good lines are answered
// exactly as they are without them.
func TestEvalMalformedLinesMixedIn(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	reqs := genRequests(rng, genOptions{n: 1500, pool: 40, treeRate: 0.2, explain: 0.1, next: 0.5})
	clean := streamAll(t, sampleSnapshot(t), joinLines(reqs))
	cleanLines := splitLines(clean)

	malformed := []struct {
		line     string
		id       string // the id the error answer carries
		code     string
		warnings string // JSON list, "" for none
	}{
		{"", "null", CodeEmptyLine, ""},
		{"   ", "null", CodeEmptyLine, ""},
		{"{", "null", CodeInvalidJSON, ""},
		{"null", "null", CodeNotAnObject, ""},
		{`[1,2,3]`, "null", CodeNotAnObject, ""},
		{`"just a string"`, "null", CodeNotAnObject, ""},
		{`{"id":"m-no-at","customerId":"clinic-maple"}`, `"m-no-at"`, CodeMissingAt, ""},
		{`{"id":"m-typo","att":"2026-01-01T00:00:00Z","customerId":"clinic-maple"}`, `"m-typo"`, CodeMissingAt, `["unknown member \"att\" is ignored (did you mean \"at\"?)"]`},
		{`{"id":"m-bad-at","at":"2026-13-01T00:00:00Z","customerId":"clinic-maple"}`, `"m-bad-at"`, CodeBadAt, ""},
		{`{"id":"m-ghost","at":"2026-01-01T00:00:00Z","customerId":"ghost"}`, `"m-ghost"`, CodeUnknownNode, ""},
		{`{"id":"m-both","at":"2026-01-01T00:00:00Z","customerId":"clinic-maple","schedule":{}}`, `"m-both"`, CodeTwoSubjects, ""},
		{`{"id":"m-enum","at":"2026-01-01T00:00:00Z","schedule":{"rules":[{"frequency":"Often"}]}}`, `"m-enum"`, CodeBadSchedule, ""},
		{`{"id":"m-type","at":"2026-01-01T00:00:00Z","schedule":{"rules":{"not":"a list"}}}`, `"m-type"`, CodeBadSchedule, ""},
		{`{"id":[1,{"x":2}],"at":true,"schedule":{}}`, `[1,{"x":2}]`, CodeWrongType, ""},
		{`{"id":"m-trailing","at":"2026-01-01T00:00:00Z","schedule":{}} {"again":1}`, "null", CodeInvalidJSON, ""},
		{`{"id":"m-nothing","at":"2026-01-01T00:00:00Z"}`, `"m-nothing"`, CodeNoSubject, ""},
		{`{"id":"m-customers-no-id","at":"2026-01-01T00:00:00Z","customers":[{"id":"a"}]}`, `"m-customers-no-id"`, CodeNoCustomerID, ""},
		{`{"id":"m-bad-tree","at":"2026-01-01T00:00:00Z","customers":[{"id":"a","parentCustomerId":"a"}],"customerId":"a"}`, `"m-bad-tree"`, CodeBadTree, ""},
		{"{\"id\":\"m-control\",\"at\":\"\x01\"}", "null", CodeInvalidJSON, ""},
		{"\xff\xfe not utf-8", "null", CodeInvalidJSON, ""},
		{`{"id":"m-long","pad":"` + strings.Repeat("x", 5000) + `"}`, `"m-long"`, CodeLineTooLong, ""}, // over the test's line limit
		{`{"pad":"` + strings.Repeat("x", 5000) + `","id":"m-long-late"}`, "null", CodeLineTooLong, ""},
	}
	var input bytes.Buffer
	type slot struct {
		good int // index into reqs, or -1
		bad  int // index into malformed
	}
	var slots []slot
	for i, r := range reqs {
		if rng.IntN(10) == 0 {
			k := rng.IntN(len(malformed))
			input.WriteString(malformed[k].line + "\n")
			slots = append(slots, slot{good: -1, bad: k})
		}
		input.WriteString(r.line + "\n")
		slots = append(slots, slot{good: i})
	}
	for k, m := range malformed { // every kind at least once, the last without a newline
		input.WriteString(m.line)
		if k < len(malformed)-1 {
			input.WriteString("\n")
		}
		slots = append(slots, slot{good: -1, bad: k})
	}

	ev := NewEvaluator(sampleSnapshot(t))
	ev.maxLine = 4096
	var out bytes.Buffer
	require.NoError(t, ev.Stream(&input, &out))
	lines := splitLines(out.String())
	require.Len(t, lines, len(slots))
	for i, s := range slots {
		if s.good >= 0 {
			assert.Equal(t, cleanLines[s.good], lines[i], "a good line is answered as without malformed neighbours")
			continue
		}
		var got map[string]json.RawMessage
		want := malformed[s.bad]
		require.NoError(t, json.Unmarshal([]byte(lines[i]), &got), lines[i])
		assert.JSONEq(t, want.id, string(got["id"]), lines[i])
		assert.JSONEq(t, strconv.Quote(want.code), string(got["code"]), lines[i])
		if want.warnings != "" {
			assert.JSONEq(t, want.warnings, string(got["warnings"]), lines[i])
			assert.Len(t, got, 4, "id, code, error and warnings: %s", lines[i])
		} else {
			assert.Len(t, got, 3, "id, code and error: %s", lines[i])
		}
		var msg string
		require.NoError(t, json.Unmarshal(got["error"], &msg))
		assert.NotEmpty(t, msg)
		assert.True(t, strings.HasSuffix(msg, "."), "one sentence: %q", msg)
	}
}

// A line over the real limit (16 MiB) is answered with an error, with the
// id it starts with, and the run goes on.
func TestEvalOverlongLine(t *testing.T) {
	var input bytes.Buffer
	input.WriteString(`{"id":1,"at":"2026-01-01T00:00:00Z","schedule":{"forceClosed":true}}` + "\n")
	input.WriteString(`{"id":2,"pad":"`)
	input.Write(bytes.Repeat([]byte("y"), MaxLineBytes))
	input.WriteString("\"}\n")
	input.WriteString(`{"id":3,"at":"2026-01-01T00:00:00Z","schedule":{"forceClosed":true}}` + "\n")
	stdout := streamAll(t, nil, input.Bytes())
	lines := splitLines(stdout)
	require.Len(t, lines, 3)
	assert.JSONEq(t, `{"id":1,"stateName":"Closed","timeZoneId":"UTC","reason":"forceClosed"}`, lines[0])
	assert.JSONEq(t, `{"id":2,"code":"line-too-long","error":"the line is longer than 16 MiB; it was skipped."}`, lines[1])
	assert.JSONEq(t, `{"id":3,"stateName":"Closed","timeZoneId":"UTC","reason":"forceClosed"}`, lines[2])
}

// A line exactly at the limit is still read.
func TestEvalLineAtLimit(t *testing.T) {
	line := `{"id":1,"at":"2026-01-01T00:00:00Z","schedule":{"forceClosed":true},"pad":"`
	line += strings.Repeat("z", 4096-len(line)-2) + `"}`
	require.Len(t, line, 4096)
	for _, ending := range []string{"\n", "\r\n", ""} {
		ev := NewEvaluator(nil)
		ev.maxLine = 4096
		var out bytes.Buffer
		require.NoError(t, ev.Stream(strings.NewReader(line+ending), &out))
		assert.JSONEq(t, `{"id":1,"stateName":"Closed","timeZoneId":"UTC","reason":"forceClosed","warnings":["unknown member \"pad\" is ignored"]}`, strings.TrimSpace(out.String()), "ending %q", ending)
	}
}

// A client that writes one request and waits gets its answer before it
// writes the next: output is flushed whenever input runs dry.
func TestEvalAnswersWithoutWaitingForEOF(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- NewEvaluator(nil).Stream(inR, outW)
		outW.Close()
	}()
	answers := bufio.NewReader(outR)
	for i := range 3 {
		_, err := io.WriteString(inW, `{"id":`+jsonNumber(i)+`,"at":"2026-01-01T00:00:00Z","schedule":{"defaultState":"Ready"}}`+"\n")
		require.NoError(t, err)
		line, err := answers.ReadString('\n')
		require.NoError(t, err)
		assert.JSONEq(t, `{"id":`+jsonNumber(i)+`,"stateName":"Ready","timeZoneId":"UTC","reason":"default"}`, line)
	}
	require.NoError(t, inW.Close())
	require.NoError(t, <-done)
}

// Repeated schedules are compiled once: the cache holds one entry per
// distinct schedule text, and its bounds hold.
func TestEvalCachesSchedulesByText(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	reqs := genRequests(rng, genOptions{n: 500, pool: 7, next: 0.5})
	ev := NewEvaluator(nil)
	var out bytes.Buffer
	require.NoError(t, ev.Stream(bytes.NewReader(joinLines(reqs)), &out))
	distinct := map[*voicesched.Schedule]bool{}
	for _, r := range reqs {
		distinct[r.schedule] = true
	}
	assert.Equal(t, len(distinct), ev.schedules.len())
}

func TestLRU(t *testing.T) {
	c := newLRU[int](3, 100)
	c.put([]byte("a"), 1)
	c.put([]byte("b"), 2)
	c.put([]byte("c"), 3)
	_, ok := c.get([]byte("a")) // a is now the most recent; b the oldest
	require.True(t, ok)
	c.put([]byte("d"), 4)
	_, ok = c.get([]byte("b"))
	assert.False(t, ok, "the least recently used entry is evicted")
	for key, want := range map[string]int{"a": 1, "c": 3, "d": 4} {
		v, ok := c.get([]byte(key))
		assert.True(t, ok, key)
		assert.Equal(t, want, v, key)
	}
	c.put([]byte("d"), 40)
	v, _ := c.get([]byte("d"))
	assert.Equal(t, 40, v, "put replaces")
	assert.Equal(t, 3, c.len())

	c.put(bytes.Repeat([]byte("k"), 101), 5)
	assert.Equal(t, 3, c.len(), "a key over the byte bound is not kept")
	c.put(bytes.Repeat([]byte("k"), 100), 6)
	assert.Equal(t, 1, c.len(), "the byte bound evicts the rest")
	assert.LessOrEqual(t, c.bytes, 100)
}

// BenchmarkEvalLoneWeekly measures eval's throughput for lone weekly
// schedules (200 distinct ones among 20,000 lines), in lines a second.
func BenchmarkEvalLoneWeekly(b *testing.B) {
	for _, bc := range []struct {
		name string
		next float64
	}{{"state", 0}, {"state+next", 1}} {
		b.Run(bc.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(7, 8))
			reqs := genRequests(rng, genOptions{n: 20000, pool: 200, next: bc.next})
			input := joinLines(reqs)
			ev := NewEvaluator(nil)
			b.SetBytes(int64(len(input)))
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for range b.N {
				if err := ev.Stream(bytes.NewReader(input), io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*len(reqs))/time.Since(start).Seconds(), "lines/s")
			b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N*len(reqs)), "ns/line")
		})
	}
}

// A Go caller that encodes the library's Answer and an NDJSON client read
// the same members, byte for byte: an answer line is the Answer's JSON with
// the request's id in front.
func TestEvalAnswerIsTheAnswersJSON(t *testing.T) {
	snap := sampleSnapshot(t)
	ev := NewEvaluator(snap)
	for _, node := range sampleNodes {
		for _, explain := range []bool{false, true} {
			line := fmt.Sprintf(`{"id":"q","at":"2026-11-25T12:30:00Z","customerId":%q,"explain":%t}`, node, explain)
			got := ev.AppendAnswer(nil, []byte(line))

			at := time.Date(2026, 11, 25, 12, 30, 0, 0, time.UTC)
			want, err := snap.Evaluate(node, at)
			if explain {
				want, err = snap.Explain(node, at)
			}
			require.NoError(t, err)
			var encoded bytes.Buffer
			enc := json.NewEncoder(&encoded)
			enc.SetEscapeHTML(false)
			require.NoError(t, enc.Encode(want))
			assert.Equal(t, `{"id":"q",`+strings.TrimPrefix(encoded.String(), "{"), string(got), line)
		}
	}
}
