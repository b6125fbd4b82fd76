package protocol

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	"github.com/voicesched/voicesched/internal/suggest"
)

// request is one request line, read by parseRequest. Its raw members
// point into the line, so it is valid only while the line is.
type request struct {
	ID         json.RawMessage
	At         string // "" when absent or null
	Schedule   json.RawMessage
	Customers  json.RawMessage
	CustomerID string // "" when absent or null
	Explain    bool
	Next       bool
	// Unknown are the first maxWarnings member names that match no
	// request member; Unknowns counts them all.
	Unknown  []string
	Unknowns int
}

func (r *request) reset() { *r = request{Unknown: r.Unknown[:0]} }

// maxWarnings bounds the unknown members named in one answer.
const maxWarnings = 8

// noteUnknown records an unknown member name.
func (r *request) noteUnknown(name []byte) {
	if r.Unknowns++; len(r.Unknown) < maxWarnings {
		r.Unknown = append(r.Unknown, string(name))
	}
}

var jsonNull = json.RawMessage("null")

// present reports whether a raw member was given and is not null.
func present(raw json.RawMessage) bool {
	return len(raw) > 0 && !bytes.Equal(raw, jsonNull)
}

// requestMembers are the members a request may have, as matched by name.
var requestMembers = []string{"id", "at", "schedule", "customers", "customerId", "explain", "next"}

// parseRequest reads one request line into req. The raw members of req
// point into line. After an error coded CodeInvalidJSON nothing of req is
// known; after any other, req.ID is set when the line had one.
func parseRequest(line []byte, req *request) *Error {
	s := jsonScanner{data: line}
	start := s.space(0)
	if start >= len(line) {
		return fail(CodeInvalidJSON, "the line is not valid JSON: it holds no JSON value")
	}
	var spans [7][2]int // value span of each of requestMembers, [0,0] when absent
	var err error
	var end int
	if line[start] != '{' {
		end, err = s.value(start)
	} else {
		end, err = s.object(start, func(keyStart, keyEnd int, keyEscaped bool, valueStart, valueEnd int) {
			name := line[keyStart+1 : keyEnd-1]
			if keyEscaped {
				name = unescapeKey(line[keyStart:keyEnd])
			}
			if k := matchMember(name); k >= 0 {
				spans[k] = [2]int{valueStart, valueEnd}
			} else {
				req.noteUnknown(name)
			}
		})
	}
	if err == nil {
		if rest := s.space(end); rest != len(line) {
			err = s.fail(rest, "unexpected %s after the request", s.describeByte(rest))
		}
	}
	if err != nil {
		req.Unknown, req.Unknowns = req.Unknown[:0], 0
		return fail(CodeInvalidJSON, "the line is not valid JSON: %v", err)
	}
	if line[start] != '{' {
		return fail(CodeNotAnObject, "the line holds %s; a request is a JSON object", kindOf(line[start]))
	}
	raw := func(k int) []byte { return line[spans[k][0]:spans[k][1]] }
	req.ID = raw(0)
	req.Schedule = raw(2)
	req.Customers = raw(3)
	var firstErr *Error
	keep := func(e *Error) {
		if firstErr == nil {
			firstErr = e
		}
	}
	if v := raw(1); len(v) > 0 {
		var e *Error
		if req.At, e = stringValue("at", v); e != nil {
			keep(e)
		}
	}
	if v := raw(4); len(v) > 0 {
		var e *Error
		if req.CustomerID, e = stringValue("customerId", v); e != nil {
			keep(e)
		}
	}
	for _, b := range []struct {
		name   string
		member int
		dst    *bool
	}{{"explain", 5, &req.Explain}, {"next", 6, &req.Next}} {
		switch v := raw(b.member); {
		case len(v) == 0 || v[0] == 'n':
		case v[0] == 't':
			*b.dst = true
		case v[0] == 'f':
			*b.dst = false
		default:
			keep(wrongType(b.name, "true or false", v[0]))
		}
	}
	return firstErr
}

// matchMember finds name among requestMembers: exactly, else ignoring case.
func matchMember(name []byte) int {
	for k, m := range requestMembers {
		if string(name) == m {
			return k
		}
	}
	for k, m := range requestMembers {
		if bytes.EqualFold(name, []byte(m)) {
			return k
		}
	}
	return -1
}

// stringValue reads a member that must be a string; null reads as "",
// which requests treat as absent.
func stringValue(member string, v []byte) (string, *Error) {
	switch v[0] {
	case 'n':
		return "", nil
	case '"':
		if bytes.IndexByte(v, '\\') < 0 && utf8.Valid(v) {
			return string(v[1 : len(v)-1]), nil
		}
		var text string
		if err := json.Unmarshal(v, &text); err != nil {
			return "", fail(CodeWrongType, "%s: %v", member, err)
		}
		return text, nil
	}
	return "", wrongType(member, "a string", v[0])
}

// wrongType is a request member holding the wrong kind of JSON value.
func wrongType(member, want string, first byte) *Error {
	return fail(CodeWrongType, "%s should be %s, not %s", member, want, kindOf(first))
}

// unescapeKey returns the name a quoted member name with escapes stands for
// (nil if it cannot be read, which the scanner has already ruled out).
func unescapeKey(quoted []byte) []byte {
	var name string
	if json.Unmarshal(quoted, &name) != nil {
		return nil
	}
	return []byte(name)
}

// leadingID returns the id of a request from the first bytes of its line
// (an over-long line, not read whole): the members are read in order while
// each is complete within head, and the last "id" among them counts. Nil
// when head does not start an object or no id was read.
func leadingID(head []byte) json.RawMessage {
	s := jsonScanner{data: head}
	start := s.space(0)
	if start >= len(head) || head[start] != '{' {
		return nil
	}
	var id json.RawMessage
	// The scan stops with an error where head is cut; the members before
	// that point were reported whole. A value must be followed by a byte
	// of head: a number cut short would otherwise read as complete.
	s.object(start, func(keyStart, keyEnd int, keyEscaped bool, valueStart, valueEnd int) {
		name := head[keyStart+1 : keyEnd-1]
		if keyEscaped {
			name = unescapeKey(head[keyStart:keyEnd])
		}
		if valueEnd < len(head) && matchMember(name) == 0 {
			id = head[valueStart:valueEnd]
		}
	})
	return id
}

// nearestMember returns the request member nearest to an unknown name
// (internal/suggest: case folded, a few edits at most), or "".
func nearestMember(name string) string {
	near, _ := suggest.Nearest(name, requestMembers)
	return near
}
