package protocol

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/voicesched/voicesched"
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

// Evaluator answers request lines. It keeps its caches and its request
// between lines, so it is not safe for concurrent use: run one per stream.
type Evaluator struct {
	tree      *voicesched.Snapshot // the tree customerId-only requests ask, or nil
	treeZones map[string]zoneInfo
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
		treeZones: map[string]zoneInfo{},
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

// AppendAnswer appends the answer to one request line (without its
// newline) to dst, newline included. It never fails: what cannot be
// answered is an error line.
func (ev *Evaluator) AppendAnswer(dst, line []byte) []byte {
	req := &ev.req
	req.reset()
	if len(bytes.TrimSpace(line)) == 0 {
		return ev.errorLine(dst, nil, "the line is empty; each line should hold one JSON request.")
	}
	if err := parseRequest(line, req); err != nil {
		var syntaxErr *syntaxError
		if errors.As(err, &syntaxErr) {
			return ev.errorLine(dst, nil, Sentence("the line is not valid JSON: "+err.Error()))
		}
		return ev.errorLine(dst, req.ID, Sentence(err.Error())) // the rest of the line was read
	}
	res, err := ev.answer(req)
	if err != nil {
		return ev.errorLine(dst, req.ID, Sentence(err.Error()))
	}
	out, err := res.AppendJSON(dst, ev.compactID(req.ID), nil)
	if err != nil {
		return ev.errorLine(dst, req.ID, Sentence("the answer cannot be encoded: "+err.Error()))
	}
	return append(out, '\n')
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

// errorLine appends {"id": id or null, "error": msg} and a newline.
func (ev *Evaluator) errorLine(dst []byte, id json.RawMessage, msg string) []byte {
	dst = append(dst, `{"id":`...)
	dst = append(dst, ev.compactID(id)...)
	dst = append(dst, `,"error":`...)
	var text bytes.Buffer
	enc := json.NewEncoder(&text)
	enc.SetEscapeHTML(false) // as in answers
	if enc.Encode(msg) != nil {
		text.Reset()
		text.WriteString(`"the error cannot be encoded."`)
	}
	dst = append(dst, bytes.TrimSuffix(text.Bytes(), []byte{'\n'})...)
	return append(dst, '}', '\n')
}

// answer evaluates one decoded request.
func (ev *Evaluator) answer(req *request) (Result, error) {
	hasSchedule, hasCustomers := present(req.Schedule), present(req.Customers)
	hasID := req.CustomerID != ""
	if req.At == "" {
		return Result{}, errors.New(`"at" is missing: say when, as an ISO-8601 date-time`)
	}
	var snap *voicesched.Snapshot
	var zones map[string]zoneInfo
	var id string
	lone := false
	switch {
	case hasSchedule && (hasCustomers || hasID):
		return Result{}, errors.New(`give either "schedule" or "customerId" (with "customers" or --tree), not both`)
	case hasSchedule:
		entry := ev.loneSchedule(req.Schedule)
		if entry.err != nil {
			return Result{}, entry.err
		}
		snap, zones, id, lone = entry.snap, entry.zones, LoneID, true
	case hasCustomers:
		if !hasID {
			return Result{}, errors.New(`"customers" needs "customerId": the customer or endpoint to evaluate`)
		}
		entry := ev.inlineTree(req.Customers)
		if entry.err != nil {
			return Result{}, entry.err
		}
		snap, zones, id = entry.snap, entry.zones, req.CustomerID
	case hasID:
		if ev.tree == nil {
			return Result{}, errors.New(`"customerId" alone needs eval --tree FILE; or send the tree inline as "customers"`)
		}
		snap, zones, id = ev.tree, ev.treeZones, req.CustomerID
	default:
		return Result{}, errors.New(`say what to evaluate: "schedule", or "customerId" with "customers" or --tree`)
	}
	zone, err := nodeZone(snap, zones, id)
	if err != nil {
		return Result{}, err
	}
	at, err := schedule.ParseInstant("at", req.At, zone.loc)
	if err != nil {
		return Result{}, err
	}
	return Ask(Question{Snap: snap, ID: id, Lone: lone, Zone: zone.loc, At: at, Explain: req.Explain, Next: req.Next})
}

// nodeZone returns (and remembers in zones) the zone of node id.
func nodeZone(snap *voicesched.Snapshot, zones map[string]zoneInfo, id string) (zoneInfo, error) {
	if z, ok := zones[id]; ok {
		return z, nil
	}
	if _, err := snap.EffectiveSchedule(id); err != nil {
		return zoneInfo{}, err
	}
	loc, zoneID := ZoneOf(snap, id)
	z := zoneInfo{loc: loc, id: zoneID}
	zones[id] = z
	return z, nil
}

// loneSchedule returns the compiled lone schedule for raw, from the cache
// when the same text was seen before.
func (ev *Evaluator) loneSchedule(raw json.RawMessage) *compiled {
	if entry, ok := ev.schedules.get(raw); ok {
		return entry
	}
	entry := &compiled{zones: map[string]zoneInfo{}}
	var s voicesched.Schedule
	if err := json.Unmarshal(raw, &s); err != nil {
		entry.err = memberDecodeError("schedule", err)
	} else if entry.snap, err = LoneSnapshot(&s); err != nil {
		entry.err = err
	}
	ev.schedules.put(raw, entry)
	return entry
}

// inlineTree returns the loaded inline tree for raw, cached like schedules.
func (ev *Evaluator) inlineTree(raw json.RawMessage) *compiled {
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
		return fmt.Errorf("%s should be %s, not a JSON %s", where, JSONKind(typeErr.Type.String()), typeErr.Value)
	}
	return fmt.Errorf("%s cannot be decoded: %v", member, err)
}
