package voicesched

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/voicesched/voicesched/schedule"
)

// An Answer's JSON is the eval protocol's answer (see internal/protocol),
// so a Go caller that marshals an Answer and an NDJSON client of
// "voicesched eval" read one shape. The members, in this order, empty ones
// omitted except stateName:
//
//	stateName, timeZoneId, reason, nodeId,
//	ruleId, ruleName, flowId, flowParams, source   (the deciding rule)
//	trace, errors
//
// The protocol adds "id" first, "nextChange" and "nextState" before
// "trace", and "warnings" last (AnswerExtras). The encoder is written out
// by hand rather than by reflection because eval writes one answer a line.

// AnswerExtras are the members an eval answer has beside the Answer's own.
type AnswerExtras struct {
	// ID is the request's id: one JSON value in compact form (no newline),
	// written as it is. Nil or empty: no id member.
	ID json.RawMessage
	// NextChange (ISO-8601 with the zone's offset) and NextState are the
	// next change, when one was asked for and found.
	NextChange, NextState string
	// Warnings are remarks on the request itself (unknown members).
	Warnings []string
}

// MarshalJSON encodes a as an eval answer without the request's members.
// encoding/json escapes <, > and & in its output as usual; an Encoder with
// SetEscapeHTML(false) leaves them, as eval does.
func (a Answer) MarshalJSON() ([]byte, error) {
	return a.AppendJSON(nil, AnswerExtras{})
}

// AppendJSON appends a, with the extra members of an eval answer, as one
// line of JSON (no newline, no HTML escaping) to dst.
func (a *Answer) AppendJSON(dst []byte, extra AnswerExtras) ([]byte, error) {
	w := objectWriter{dst: append(dst, '{')}
	if len(extra.ID) > 0 {
		w.member("id")
		w.dst = append(w.dst, extra.ID...)
	}
	w.member("stateName")
	w.dst = appendJSONString(w.dst, a.StateName)
	w.text("timeZoneId", a.TimeZoneID)
	w.text("reason", string(a.Reason))
	w.text("nodeId", a.NodeID)
	if rule := a.Rule; rule != nil && rule.SchedulingRule != nil {
		w.text("ruleId", rule.ID)
		w.text("ruleName", rule.Name)
		w.text("flowId", rule.FlowID)
		if len(rule.FlowParams) > 0 {
			w.member("flowParams")
			raw, err := marshalNoEscape(rule.FlowParams)
			if err != nil {
				return dst, err
			}
			w.dst = append(w.dst, raw...)
		}
		w.text("source", rule.Source)
	}
	w.text("nextChange", extra.NextChange)
	w.text("nextState", extra.NextState)
	if len(a.Trace) > 0 {
		w.member("trace")
		w.dst = append(w.dst, '[')
		for i := range a.Trace {
			if i > 0 {
				w.dst = append(w.dst, ',')
			}
			w.dst = a.Trace[i].appendJSON(w.dst)
		}
		w.dst = append(w.dst, ']')
	}
	w.texts("errors", a.Errors)
	w.texts("warnings", extra.Warnings)
	return append(w.dst, '}'), nil
}

// MarshalJSON encodes a trace step as in an answer's trace: nodeId, ruleId,
// name (each omitted when empty), index, matched, shadowed (only when
// true: a rule that matched after the deciding one), why. An inheritance
// step has index -1.
func (s TraceStep) MarshalJSON() ([]byte, error) { return s.appendJSON(nil), nil }

func (s *TraceStep) appendJSON(dst []byte) []byte {
	w := objectWriter{dst: append(dst, '{')}
	w.text("nodeId", s.NodeID)
	w.text("ruleId", s.RuleID)
	w.text("name", s.Name)
	w.member("index")
	w.dst = strconv.AppendInt(w.dst, int64(s.Index), 10)
	w.member("matched")
	w.dst = strconv.AppendBool(w.dst, s.Matched)
	if s.Shadowed {
		w.member("shadowed")
		w.dst = append(w.dst, "true"...)
	}
	w.member("why")
	w.dst = appendJSONString(w.dst, s.Why)
	return append(w.dst, '}')
}

// answerWire is an answer as it is read back: the Answer's members (the
// extras of an eval answer are ignored).
type answerWire struct {
	StateName  string          `json:"stateName"`
	TimeZoneID string          `json:"timeZoneId"`
	Reason     schedule.Reason `json:"reason"`
	NodeID     string          `json:"nodeId"`
	RuleID     string          `json:"ruleId"`
	RuleName   string          `json:"ruleName"`
	FlowID     string          `json:"flowId"`
	FlowParams Struct          `json:"flowParams"`
	Source     string          `json:"source"`
	Trace      []TraceStep     `json:"trace"`
	Errors     []string        `json:"errors"`
}

// UnmarshalJSON reads an answer written by MarshalJSON or by eval. The
// deciding rule is rebuilt from the rule members when the reason is "rule"
// or any of them is present; it holds only what the answer says (id, name,
// state, flow, source), and its Index is -1 because an answer does not
// carry the rule's position.
func (a *Answer) UnmarshalJSON(b []byte) error {
	var w answerWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*a = Answer{StateName: w.StateName, TimeZoneID: w.TimeZoneID, Reason: w.Reason, NodeID: w.NodeID, Trace: w.Trace, Errors: w.Errors}
	if w.Reason == schedule.ReasonRule || w.RuleID != "" || w.RuleName != "" || w.FlowID != "" || len(w.FlowParams) > 0 || w.Source != "" {
		a.Rule = &schedule.RuleInfo{
			SchedulingRule: &SchedulingRule{ID: w.RuleID, Name: w.RuleName, State: w.StateName, FlowID: w.FlowID, FlowParams: w.FlowParams, Source: w.Source},
			Index:          -1,
		}
	}
	return nil
}

// objectWriter appends the members of one JSON object.
type objectWriter struct {
	dst    []byte
	filled bool
}

// member appends a member name (and the comma before it when needed).
func (w *objectWriter) member(name string) {
	if w.filled {
		w.dst = append(w.dst, ',')
	}
	w.filled = true
	w.dst = append(w.dst, '"')
	w.dst = append(w.dst, name...)
	w.dst = append(w.dst, '"', ':')
}

// text appends a string member unless value is empty.
func (w *objectWriter) text(name, value string) {
	if value != "" {
		w.member(name)
		w.dst = appendJSONString(w.dst, value)
	}
}

// texts appends a list of strings unless it is empty.
func (w *objectWriter) texts(name string, values []string) {
	if len(values) == 0 {
		return
	}
	w.member(name)
	w.dst = append(w.dst, '[')
	for i, v := range values {
		if i > 0 {
			w.dst = append(w.dst, ',')
		}
		w.dst = appendJSONString(w.dst, v)
	}
	w.dst = append(w.dst, ']')
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
