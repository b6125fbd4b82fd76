package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/voicesched/voicesched"
)

const evalDescription = `Answers questions read as NDJSON from stdin, one request a line, with one
answer a line on stdout, in the same order. The protocol is public:

request: {"id": <any>, "at": "<ISO-8601>", ...} and one of
  "schedule": <Schedule>                     a lone schedule (a root customer's)
  "customers": [<CustomerInfo>...], "customerId": "<id>"   a tree given inline
  "customerId": "<id>"                       a customer or endpoint of --tree
  optional "explain": true (add the trace), "next": true (add the next change)

answer: {"id", "stateName", "timeZoneId", "reason", "nodeId", "ruleId",
  "ruleName", "flowId", "flowParams", "nextChange", "nextState", "trace",
  "errors"}, absent members omitted ("id" is null when the request had none).
  nodeId is omitted for a lone schedule; nextChange is in the zone of the
  answer, with its offset.

A line that cannot be decoded or answered gets {"id": <id or null>, "error":
"<message>"} and the run goes on; an empty line, or one longer than 16 MiB,
is such a line. "at" without Z or an offset is a wall-clock time in the zone
of the schedule that decides. Schedules and inline trees are compiled once
and kept (by their exact JSON text) for the lines that repeat them.

Exit status: 0 unless stdin cannot be read or stdout written.`

const evalExample = `  voicesched eval --tree tree.json < requests.ndjson > answers.ndjson
  echo '{"id":1,"at":"2026-11-26T10:00:00-05:00","customerId":"clinic-maple","next":true}' | voicesched eval --tree testdata/sample/tree.json`

// Bounds of eval.
const (
	maxLineBytes     = 16 << 20 // longer lines are answered with an error
	cacheEntries     = 4096     // compiled records kept
	cacheBytes       = 64 << 20 // bytes of JSON text kept as keys
	readBufferBytes  = 64 << 10
	writeBufferBytes = 64 << 10
)

func (c *cli) cmdEval(args []string) int {
	fs := c.flagSet("eval", "[--tree FILE] < requests.ndjson > answers.ndjson", evalDescription, evalExample)
	treePath := fs.String("tree", "", "tree `file` that requests with only a customerId are asked of")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(positional) > 0 {
		return c.usageError(fmt.Errorf("eval reads its requests from stdin and takes no arguments besides flags, got %q", positional[0]))
	}
	ev := newEvaluator()
	if *treePath != "" {
		engine, err := c.loadTree(*treePath)
		if err != nil {
			return c.fail(err)
		}
		ev.tree = engine.Snapshot()
	}
	if err := ev.stream(c.stdin, c.stdout); err != nil {
		return c.fail(err)
	}
	return exitOK
}

// zoneInfo is the zone a node's answers are given in.
type zoneInfo struct {
	loc *time.Location
	id  string
}

// compiled is a cached record: a lone schedule or an inline tree, ready to
// answer, or the reason it cannot.
type compiled struct {
	snap  *voicesched.Snapshot
	zones map[string]zoneInfo // per node, filled as asked
	err   error
}

// evaluator answers eval lines. It keeps its caches and request between
// lines, so it is not safe for concurrent use.
type evaluator struct {
	tree      *voicesched.Snapshot // --tree, or nil
	treeZones map[string]zoneInfo
	schedules *lru[*compiled]
	trees     *lru[*compiled]
	maxLine   int // longer lines are answered with an error
	req       evalRequest
}

func newEvaluator() *evaluator {
	ev := &evaluator{
		treeZones: map[string]zoneInfo{},
		schedules: newLRU[*compiled](cacheEntries, cacheBytes),
		trees:     newLRU[*compiled](cacheEntries/16, cacheBytes),
		maxLine:   maxLineBytes,
	}
	return ev
}

// evalRequest is one request line, read by parseRequest. Its raw members
// point into the line, so it is valid only while the line is.
type evalRequest struct {
	ID         json.RawMessage
	At         string // "" when absent or null
	Schedule   json.RawMessage
	Customers  json.RawMessage
	CustomerID string // "" when absent or null
	Explain    bool
	Next       bool
}

func (r *evalRequest) reset() { *r = evalRequest{} }

var jsonNull = json.RawMessage("null")

// present reports whether a raw member was given and is not null.
func present(raw json.RawMessage) bool {
	return len(raw) > 0 && !bytes.Equal(raw, jsonNull)
}

// stream answers every line of in on out. Answers are buffered and flushed
// whenever no more input is waiting, so a client that writes one request
// and waits for its answer is served at once.
func (ev *evaluator) stream(in io.Reader, out io.Writer) error {
	br := bufio.NewReaderSize(in, readBufferBytes)
	bw := bufio.NewWriterSize(out, writeBufferBytes)
	var lineBuf, answer []byte
	for {
		if br.Buffered() == 0 {
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("cannot write answers: %v", err)
			}
		}
		line, tooLong, readErr := readLine(br, &lineBuf, ev.maxLine)
		if len(line) > 0 || tooLong || readErr == nil {
			if tooLong {
				answer = ev.errorLine(answer[:0], nil, fmt.Sprintf("the line is longer than %s; it was skipped.", byteSize(ev.maxLine)))
			} else {
				answer = ev.answerLine(answer[:0], line)
			}
			if _, err := bw.Write(answer); err != nil {
				return fmt.Errorf("cannot write answers: %v", err)
			}
		}
		if readErr == io.EOF {
			break
		}
		if readErr != nil {
			return fmt.Errorf("cannot read requests from stdin: %v", readErr)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cannot write answers: %v", err)
	}
	return nil
}

// readLine reads one line (without its newline). It returns a slice of
// br's buffer when the line is whole in it, else assembles the line in
// *scratch (kept for the next long line). A line longer than max bytes
// is read to its end and dropped: tooLong is set. err is the reader's error
// (io.EOF after a last line with no newline, too). The line is valid until
// the next read.
func readLine(br *bufio.Reader, scratch *[]byte, max int) (line []byte, tooLong bool, err error) {
	buf := (*scratch)[:0]
	defer func() {
		if cap(buf) <= 4*readBufferBytes {
			*scratch = buf[:0]
		}
	}()
	for {
		frag, err := br.ReadSlice('\n')
		if err == nil && len(buf) == 0 && !tooLong {
			line = trimNewline(frag)
			if len(line) > max {
				return nil, true, nil
			}
			return line, false, nil
		}
		if !tooLong {
			if len(buf)+len(frag) > max+2 { // +2: the newline, maybe after a CR
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, frag...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = trimNewline(buf)
		if !tooLong && len(line) > max {
			tooLong, line = true, nil
		}
		return line, tooLong, err
	}
}

func trimNewline(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}

// answerLine appends the answer to one request line (without its newline)
// to dst, newline included. It never fails: what cannot be answered is an
// error answer.
func (ev *evaluator) answerLine(dst, line []byte) []byte {
	req := &ev.req
	req.reset()
	if len(bytes.TrimSpace(line)) == 0 {
		return ev.errorLine(dst, nil, "the line is empty; each line should hold one JSON request.")
	}
	if err := parseRequest(line, req); err != nil {
		var syntaxErr *syntaxError
		if errors.As(err, &syntaxErr) {
			return ev.errorLine(dst, nil, sentence("the line is not valid JSON: "+err.Error()))
		}
		return ev.errorLine(dst, req.ID, sentence(err.Error())) // the rest of the line was read
	}
	res, err := ev.answer(req)
	if err != nil {
		return ev.errorLine(dst, req.ID, sentence(err.Error()))
	}
	res.ID = req.ID
	if !present(res.ID) {
		res.ID = jsonNull
	}
	out, err := appendAnswer(dst, &res)
	if err != nil {
		return ev.errorLine(dst, req.ID, sentence("the answer cannot be encoded: "+err.Error()))
	}
	return append(out, '\n')
}

// errorLine appends {"id": id or null, "error": msg} and a newline.
func (ev *evaluator) errorLine(dst []byte, id json.RawMessage, msg string) []byte {
	dst = append(dst, `{"id":`...)
	withID, err := appendCompact(dst, id)
	if !present(id) || err != nil {
		withID = append(dst, jsonNull...)
	}
	dst = append(withID, `,"error":`...)
	dst = appendJSONString(dst, msg)
	return append(dst, '}', '\n')
}

// answer evaluates one decoded request.
func (ev *evaluator) answer(req *evalRequest) (answerJSON, error) {
	hasSchedule, hasCustomers := present(req.Schedule), present(req.Customers)
	hasID := req.CustomerID != ""
	if req.At == "" {
		return answerJSON{}, errors.New(`"at" is missing: say when, as an ISO-8601 date-time`)
	}
	var snap *voicesched.Snapshot
	var zones map[string]zoneInfo
	var id string
	lone := false
	switch {
	case hasSchedule && (hasCustomers || hasID):
		return answerJSON{}, errors.New(`give either "schedule" or "customerId" (with "customers" or --tree), not both`)
	case hasSchedule:
		entry := ev.loneSchedule(req.Schedule)
		if entry.err != nil {
			return answerJSON{}, entry.err
		}
		snap, zones, id, lone = entry.snap, entry.zones, loneID, true
	case hasCustomers:
		if !hasID {
			return answerJSON{}, errors.New(`"customers" needs "customerId": the customer or endpoint to evaluate`)
		}
		entry := ev.inlineTree(req.Customers)
		if entry.err != nil {
			return answerJSON{}, entry.err
		}
		snap, zones, id = entry.snap, entry.zones, req.CustomerID
	case hasID:
		if ev.tree == nil {
			return answerJSON{}, errors.New(`"customerId" alone needs eval --tree FILE; or send the tree inline as "customers"`)
		}
		snap, zones, id = ev.tree, ev.treeZones, req.CustomerID
	default:
		return answerJSON{}, errors.New(`say what to evaluate: "schedule", or "customerId" with "customers" or --tree`)
	}
	zone, err := nodeZone(snap, zones, id)
	if err != nil {
		return answerJSON{}, err
	}
	at, err := parseInstant("at", req.At, zone.loc)
	if err != nil {
		return answerJSON{}, err
	}
	res, err := ask(question{snap: snap, id: id, lone: lone, zone: zone.loc, at: at, explain: req.Explain, next: req.Next})
	if err != nil {
		return answerJSON{}, err
	}
	return res.json, nil
}

// nodeZone returns (and remembers in zones) the zone of node id.
func nodeZone(snap *voicesched.Snapshot, zones map[string]zoneInfo, id string) (zoneInfo, error) {
	if z, ok := zones[id]; ok {
		return z, nil
	}
	if _, err := snap.EffectiveSchedule(id); err != nil {
		return zoneInfo{}, err
	}
	loc, zoneID := zoneOf(snap, id)
	z := zoneInfo{loc: loc, id: zoneID}
	zones[id] = z
	return z, nil
}

// loneSchedule returns the compiled lone schedule for raw, from the cache
// when the same text was seen before.
func (ev *evaluator) loneSchedule(raw json.RawMessage) *compiled {
	if entry, ok := ev.schedules.get(raw); ok {
		return entry
	}
	entry := &compiled{zones: map[string]zoneInfo{}}
	var s voicesched.Schedule
	if err := json.Unmarshal(raw, &s); err != nil {
		entry.err = memberDecodeError("schedule", err)
	} else if entry.snap, err = loneSnapshot(&s); err != nil {
		entry.err = err
	}
	ev.schedules.put(raw, entry)
	return entry
}

// inlineTree returns the loaded inline tree for raw, cached like schedules.
func (ev *evaluator) inlineTree(raw json.RawMessage) *compiled {
	if entry, ok := ev.trees.get(raw); ok {
		return entry
	}
	entry := &compiled{zones: map[string]zoneInfo{}}
	var customers []*voicesched.CustomerInfo
	if err := json.Unmarshal(raw, &customers); err != nil {
		entry.err = memberDecodeError("customers", err)
	} else {
		engine := voicesched.New()
		if err := engine.Load(voicesched.Tree{Customers: customers}); err != nil {
			entry.err = fmt.Errorf("the inline tree cannot be loaded: %v", err)
		} else {
			entry.snap = engine.Snapshot()
		}
	}
	ev.trees.put(raw, entry)
	return entry
}

// memberDecodeError says why a member of a request does not decode.
func memberDecodeError(member string, err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		where := member
		if typeErr.Field != "" {
			where += "." + typeErr.Field
		}
		return fmt.Errorf("%s should be %s, not a JSON %s", where, jsonKind(typeErr.Type.String()), typeErr.Value)
	}
	return fmt.Errorf("%s cannot be decoded: %v", member, err)
}

// byteSize prints a limit for people: "16 MiB", "1024 bytes".
func byteSize(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
