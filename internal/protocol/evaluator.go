package protocol

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

// Bounds of the protocol.
const (
	// MaxLineBytes is the longest request line answered; a longer one gets
	// an error line.
	MaxLineBytes     = 16 << 20
	cacheEntries     = 4096     // compiled records kept
	cacheBytes       = 64 << 20 // bytes of JSON text kept as keys
	readBufferBytes  = 64 << 10
	writeBufferBytes = 64 << 10
)

// nodeInfo is what the answers about one node share: the zone they are
// given in and the errors of the schedule that decides (ScheduleErrors).
type nodeInfo struct {
	loc   *time.Location
	notes []string
}

// compiled is a cached record: a lone schedule or an inline tree, ready to
// answer, or the reason it cannot.
type compiled struct {
	snap  *voicesched.Snapshot
	nodes map[string]nodeInfo // per node, filled as asked
	err   *Error
}

// Evaluator answers request lines. It keeps its caches and its request
// between lines, so it is not safe for concurrent use: run one per stream.
type Evaluator struct {
	tree      *voicesched.Snapshot // the tree customerId-only requests ask, or nil
	treeNodes map[string]nodeInfo
	schedules *lru[*compiled]
	trees     *lru[*compiled]
	maxLine   int // longer lines are answered with an error
	req       request
	id        []byte // the request's id, compacted
}

// NewEvaluator returns an evaluator whose requests with only a customerId
// are asked of tree (nil: such requests are answered with an error).
func NewEvaluator(tree *voicesched.Snapshot) *Evaluator {
	return &Evaluator{
		tree:      tree,
		treeNodes: map[string]nodeInfo{},
		schedules: newLRU[*compiled](cacheEntries, cacheBytes),
		trees:     newLRU[*compiled](cacheEntries/16, cacheBytes),
		maxLine:   MaxLineBytes,
	}
}

// Stream answers every line of in on out. Answers are buffered and flushed
// whenever no more input is waiting, so a client that writes one request
// and waits for its answer is served at once. The error is a failure to
// read in or write out; a bad request is answered, never returned.
func (ev *Evaluator) Stream(in io.Reader, out io.Writer) error {
	br := bufio.NewReaderSize(in, readBufferBytes)
	bw := bufio.NewWriterSize(out, writeBufferBytes)
	var lineBuf, head, answer []byte
	for {
		if br.Buffered() == 0 {
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("cannot write answers: %v", err)
			}
		}
		line, tooLong, readErr := readLine(br, &lineBuf, &head, ev.maxLine)
		if len(line) > 0 || tooLong || readErr == nil {
			if tooLong {
				answer = ev.errorLine(answer[:0], leadingID(head), nil, fail(CodeLineTooLong, "the line is longer than %s; it was skipped", byteSize(ev.maxLine)))
			} else {
				answer = ev.AppendAnswer(answer[:0], line)
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

// headBytes is how much of an over-long line is kept to find its id.
const headBytes = 4 << 10

// readLine reads one line (without its newline). It returns a slice of
// br's buffer when the line is whole in it, else assembles the line in
// *scratch (kept for the next long line). A line longer than max bytes
// is read to its end and dropped: tooLong is set, and *head holds the
// line's first headBytes bytes (or fewer). err is the reader's error
// (io.EOF after a last line with no newline, too). The line is valid until
// the next read.
func readLine(br *bufio.Reader, scratch, head *[]byte, max int) (line []byte, tooLong bool, err error) {
	buf := (*scratch)[:0]
	defer func() {
		if cap(buf) <= 4*readBufferBytes {
			*scratch = buf[:0]
		}
	}()
	keepHead := func(parts ...[]byte) {
		h := (*head)[:0]
		for _, p := range parts {
			h = append(h, p[:min(len(p), headBytes-len(h))]...)
		}
		*head = h
	}
	for {
		frag, err := br.ReadSlice('\n')
		if err == nil && len(buf) == 0 && !tooLong {
			line = trimNewline(frag)
			if len(line) > max {
				keepHead(line)
				return nil, true, nil
			}
			return line, false, nil
		}
		if !tooLong {
			if len(buf)+len(frag) > max+2 { // +2: the newline, maybe after a CR
				keepHead(buf, frag)
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
			keepHead(line)
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

// AppendAnswer appends the answer to one request line (without its
// newline) to dst, newline included. It never fails: what cannot be
// answered is an error line.
func (ev *Evaluator) AppendAnswer(dst, line []byte) []byte {
	req := &ev.req
	req.reset()
	if len(bytes.TrimSpace(line)) == 0 {
		return ev.errorLine(dst, nil, nil, fail(CodeEmptyLine, "the line is empty; each line should hold one JSON request."))
	}
	if err := parseRequest(line, req); err != nil {
		if err.Code == CodeInvalidJSON {
			return ev.errorLine(dst, nil, nil, err)
		}
		return ev.errorLine(dst, req.ID, ev.warnings(req), err) // the rest of the line was read
	}
	res, err := ev.answer(req)
	if err != nil {
		return ev.errorLine(dst, req.ID, ev.warnings(req), err)
	}
	out, encErr := res.AppendJSON(dst, ev.compactID(req.ID), ev.warnings(req))
	if encErr != nil {
		return ev.errorLine(dst, req.ID, nil, fail(CodeInternal, "the answer cannot be encoded: %v", encErr))
	}
	return append(out, '\n')
}

// warnings says what was wrong with a request that did not stop it from
// being answered: its unknown members, each with the nearest known name.
func (ev *Evaluator) warnings(req *request) []string {
	if req.Unknowns == 0 {
		return nil
	}
	out := make([]string, 0, len(req.Unknown)+1)
	for _, name := range req.Unknown {
		w := fmt.Sprintf("unknown member %q is ignored", name)
		if near := nearestMember(name); near != "" {
			w = fmt.Sprintf("unknown member %q is ignored (did you mean %q?)", name, near)
		}
		out = append(out, w)
	}
	if more := req.Unknowns - len(req.Unknown); more > 0 {
		out = append(out, fmt.Sprintf("and %d more unknown members are ignored", more))
	}
	return out
}

// compactID returns id without insignificant space, or null when the
// request had none (or it was null).
func (ev *Evaluator) compactID(id json.RawMessage) json.RawMessage {
	if !present(id) {
		return jsonNull
	}
	if !bytes.ContainsAny(id, " \t\r\n") {
		return id
	}
	var buf bytes.Buffer
	if json.Compact(&buf, id) != nil {
		return jsonNull // unreachable: the scanner checked the line
	}
	ev.id = append(ev.id[:0], buf.Bytes()...)
	return ev.id
}

// errorLine appends {"id": id or null, "code": …, "error": …} (with
// "warnings" when there are any) and a newline.
func (ev *Evaluator) errorLine(dst []byte, id json.RawMessage, warnings []string, e *Error) []byte {
	dst = append(dst, `{"id":`...)
	dst = append(dst, ev.compactID(id)...)
	dst = append(dst, `,"code":`...)
	dst = appendText(dst, e.Code)
	dst = append(dst, `,"error":`...)
	dst = appendText(dst, Sentence(e.Message))
	if len(warnings) > 0 {
		dst = append(dst, `,"warnings":[`...)
		for i, w := range warnings {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendText(dst, w)
		}
		dst = append(dst, ']')
	}
	return append(dst, '}', '\n')
}

// appendText appends s as a JSON string, HTML characters unescaped as in
// answers. Error lines are rare enough for encoding/json.
func appendText(dst []byte, s string) []byte {
	var text bytes.Buffer
	enc := json.NewEncoder(&text)
	enc.SetEscapeHTML(false)
	if enc.Encode(s) != nil {
		return append(dst, `""`...) // unreachable: a string always encodes
	}
	return append(dst, bytes.TrimSuffix(text.Bytes(), []byte{'\n'})...)
}

// answer evaluates one decoded request.
func (ev *Evaluator) answer(req *request) (Result, *Error) {
	hasSchedule, hasCustomers := present(req.Schedule), present(req.Customers)
	hasID := req.CustomerID != ""
	if req.At == "" {
		return Result{}, fail(CodeMissingAt, `"at" is missing: say when, as an ISO-8601 date-time`)
	}
	var snap *voicesched.Snapshot
	var known map[string]nodeInfo
	var id string
	lone := false
	switch {
	case hasSchedule && (hasCustomers || hasID):
		return Result{}, fail(CodeTwoSubjects, `give either "schedule" or "customerId" (with "customers" or --tree), not both`)
	case hasSchedule:
		entry := ev.loneSchedule(req.Schedule)
		if entry.err != nil {
			return Result{}, entry.err
		}
		snap, known, id, lone = entry.snap, entry.nodes, LoneID, true
	case hasCustomers:
		if !hasID {
			return Result{}, fail(CodeNoCustomerID, `"customers" needs "customerId": the customer or endpoint to evaluate`)
		}
		entry := ev.inlineTree(req.Customers)
		if entry.err != nil {
			return Result{}, entry.err
		}
		snap, known, id = entry.snap, entry.nodes, req.CustomerID
	case hasID:
		if ev.tree == nil {
			return Result{}, fail(CodeNoTree, `"customerId" alone needs eval --tree FILE; or send the tree inline as "customers"`)
		}
		snap, known, id = ev.tree, ev.treeNodes, req.CustomerID
	default:
		return Result{}, fail(CodeNoSubject, `say what to evaluate: "schedule", or "customerId" with "customers" or --tree`)
	}
	if !lone {
		// An id, or a name or referenceId only one node has (with
		// did-you-mean candidates when it names none).
		found, err := snap.Find(id)
		if err != nil {
			return Result{}, coded(CodeUnknownNode, err)
		}
		id = found
	}
	info, err := nodeFacts(snap, known, id)
	if err != nil {
		return Result{}, coded(CodeUnknownNode, err)
	}
	at, err := schedule.ParseInstant("at", req.At, info.loc)
	if err != nil {
		return Result{}, coded(CodeBadAt, err)
	}
	res, err := Ask(Question{Snap: snap, ID: id, Lone: lone, Zone: info.loc, At: at, Explain: req.Explain, Next: req.Next, Notes: info.notes})
	if err != nil {
		return Result{}, coded(CodeUnknownNode, err)
	}
	return res, nil
}

// nodeFacts returns (and remembers in known) what every answer about node
// id needs: its zone and the errors of the schedule that decides for it.
func nodeFacts(snap *voicesched.Snapshot, known map[string]nodeInfo, id string) (nodeInfo, error) {
	if info, ok := known[id]; ok {
		return info, nil
	}
	notes, err := ScheduleErrors(snap, id)
	if err != nil {
		return nodeInfo{}, err
	}
	loc, _ := ZoneOf(snap, id)
	info := nodeInfo{loc: loc, notes: notes}
	known[id] = info
	return info, nil
}

// loneSchedule returns the compiled lone schedule for raw, from the cache
// when the same text was seen before.
func (ev *Evaluator) loneSchedule(raw json.RawMessage) *compiled {
	if entry, ok := ev.schedules.get(raw); ok {
		return entry
	}
	entry := &compiled{nodes: map[string]nodeInfo{}}
	var s voicesched.Schedule
	if err := json.Unmarshal(raw, &s); err != nil {
		entry.err = coded(CodeBadSchedule, memberDecodeError("schedule", raw, &voicesched.Schedule{}, err))
	} else if entry.snap, err = LoneSnapshot(&s); err != nil {
		entry.err = coded(CodeBadSchedule, err)
	}
	ev.schedules.put(raw, entry)
	return entry
}

// inlineTree returns the loaded inline tree for raw, cached like schedules.
func (ev *Evaluator) inlineTree(raw json.RawMessage) *compiled {
	if entry, ok := ev.trees.get(raw); ok {
		return entry
	}
	entry := &compiled{nodes: map[string]nodeInfo{}}
	var customers []*voicesched.CustomerInfo
	if err := json.Unmarshal(raw, &customers); err != nil {
		entry.err = coded(CodeBadTree, memberDecodeError("customers", raw, &[]*voicesched.CustomerInfo{}, err))
	} else {
		engine := voicesched.New()
		if err := engine.Load(voicesched.Tree{Customers: customers}); err != nil {
			entry.err = fail(CodeBadTree, "the inline tree cannot be loaded: %v", err)
		} else {
			entry.snap = engine.Snapshot()
		}
	}
	ev.trees.put(raw, entry)
	return entry
}

// maxDecodeProblems bounds the problems one error line names.
const maxDecodeProblems = 8

// memberDecodeError says why a member of a request does not decode (err,
// decoding raw into v's type): every value it refuses, with its path
// (model.Decode), up to maxDecodeProblems of them.
func memberDecodeError(member string, raw json.RawMessage, v any, err error) error {
	problems, _ := model.Decode(raw, v)
	refused := problems.Errors().WithPrefix(member)
	if len(refused) == 0 {
		return fmt.Errorf("%s cannot be decoded: %v", member, err)
	}
	parts := make([]string, 0, min(len(refused), maxDecodeProblems)+1)
	for _, p := range refused[:min(len(refused), maxDecodeProblems)] {
		parts = append(parts, p.Path+": "+strings.TrimSuffix(p.Message, "."))
	}
	if extra := len(refused) - maxDecodeProblems; extra > 0 {
		parts = append(parts, fmt.Sprintf("and %d more", extra))
	}
	return fmt.Errorf("%s cannot be decoded: %s", member, strings.Join(parts, "; "))
}
