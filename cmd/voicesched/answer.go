package main

import (
	"bytes"
	"encoding/json"
	"time"
	"unicode/utf8"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/schedule"
)

// answerJSON is one answer of the eval protocol (and of test --format json).
// The member names and their order are public; absent members are omitted.
type answerJSON struct {
	ID         json.RawMessage `json:"id,omitempty"`
	StateName  string          `json:"stateName"`
	TimeZoneID string          `json:"timeZoneId,omitempty"`
	Reason     string          `json:"reason,omitempty"`
	NodeID     string          `json:"nodeId,omitempty"`
	RuleID     string          `json:"ruleId,omitempty"`
	RuleName   string          `json:"ruleName,omitempty"`
	FlowID     string          `json:"flowId,omitempty"`
	FlowParams schedule.Struct `json:"flowParams,omitempty"`
	NextChange string          `json:"nextChange,omitempty"`
	NextState  string          `json:"nextState,omitempty"`
	Trace      []traceJSON     `json:"trace,omitempty"`
	Errors     []string        `json:"errors,omitempty"`
}

// traceJSON is one step of a trace: a rule looked at, or an inheritance step
// (index -1). nodeId is omitted for a lone schedule.
type traceJSON struct {
	NodeID  string `json:"nodeId,omitempty"`
	RuleID  string `json:"ruleId,omitempty"`
	Name    string `json:"name,omitempty"`
	Index   int    `json:"index"`
	Matched bool   `json:"matched"`
	Why     string `json:"why"`
}

// question is one evaluation to make: node id of snap at instant at, its
// zone for printing times, and what to add to the plain answer.
type question struct {
	snap    *voicesched.Snapshot
	id      string
	lone    bool
	zone    *time.Location
	at      time.Time
	explain bool
	next    bool
}

// result is an answer with the library's values kept for printing.
type result struct {
	answer  voicesched.Answer
	change  voicesched.Change
	changes bool // a next change was found
	json    answerJSON
}

// ask answers q through the library's Snapshot methods, so that the
// command's answers are the library's.
func ask(q question) (result, error) {
	var r result
	var err error
	if q.explain {
		r.answer, err = q.snap.Explain(q.id, q.at)
	} else {
		r.answer, err = q.snap.Evaluate(q.id, q.at)
	}
	if err != nil {
		return r, err
	}
	a := r.answer
	out := answerJSON{StateName: a.StateName, TimeZoneID: a.TimeZoneID, Reason: string(a.Reason)}
	if !q.lone {
		out.NodeID = a.NodeID
	}
	if a.Rule != nil {
		out.RuleID, out.RuleName, out.FlowID, out.FlowParams = a.Rule.ID, a.Rule.Name, a.Rule.FlowID, a.Rule.FlowParams
	}
	if len(a.Errors) > 0 {
		out.Errors = append([]string(nil), a.Errors...)
	}
	if q.explain {
		out.Trace = make([]traceJSON, len(a.Trace))
		for i, step := range a.Trace {
			out.Trace[i] = traceJSON{RuleID: step.RuleID, Name: step.Name, Index: step.Index, Matched: step.Matched, Why: step.Why}
			if !q.lone {
				out.Trace[i].NodeID = step.NodeID
			}
		}
	}
	if q.next {
		change, ok, err := q.snap.NextChange(q.id, q.at)
		switch {
		case err != nil:
			out.Errors = append(out.Errors, err.Error())
		case ok:
			r.change, r.changes = change, true
			out.NextChange = formatInstant(change.At, q.zone)
			out.NextState = change.State
		}
	}
	r.json = out
	return r, nil
}

// appendAnswer appends a as one line of JSON, byte for byte what
// encoding/json writes with HTML escaping off (TestAppendAnswerMatchesEncodingJSON),
// but without reflection: eval writes one of these per line.
func appendAnswer(dst []byte, a *answerJSON) ([]byte, error) {
	dst = append(dst, '{')
	first := true
	member := func(name string) {
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = append(dst, '"')
		dst = append(dst, name...)
		dst = append(dst, '"', ':')
	}
	text := func(name, value string) {
		if value != "" {
			member(name)
			dst = appendJSONString(dst, value)
		}
	}
	if len(a.ID) > 0 {
		member("id")
		var err error
		if dst, err = appendCompact(dst, a.ID); err != nil {
			return dst, err
		}
	}
	member("stateName")
	dst = appendJSONString(dst, a.StateName)
	text("timeZoneId", a.TimeZoneID)
	text("reason", a.Reason)
	text("nodeId", a.NodeID)
	text("ruleId", a.RuleID)
	text("ruleName", a.RuleName)
	text("flowId", a.FlowID)
	if len(a.FlowParams) > 0 {
		member("flowParams")
		raw, err := marshalNoEscape(a.FlowParams)
		if err != nil {
			return dst, err
		}
		dst = append(dst, raw...)
	}
	text("nextChange", a.NextChange)
	text("nextState", a.NextState)
	if len(a.Trace) > 0 {
		member("trace")
		raw, err := marshalNoEscape(a.Trace)
		if err != nil {
			return dst, err
		}
		dst = append(dst, raw...)
	}
	if len(a.Errors) > 0 {
		member("errors")
		dst = append(dst, '[')
		for i, e := range a.Errors {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, e)
		}
		dst = append(dst, ']')
	}
	return append(dst, '}'), nil
}

// appendCompact appends raw JSON without insignificant space.
func appendCompact(dst, raw []byte) ([]byte, error) {
	if !bytes.ContainsAny(raw, " \t\r\n") {
		return append(dst, raw...), nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return dst, err
	}
	return append(dst, buf.Bytes()...), nil
}

// marshalNoEscape is json.Marshal with HTML escaping off and no newline.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string the way encoding/json does
// with HTML escaping off: quotes, backslashes and control characters
// escaped, invalid UTF-8 replaced by U+FFFD, U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
