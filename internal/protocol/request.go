package protocol

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
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
}

func (r *request) reset() { *r = request{} }

var jsonNull = json.RawMessage("null")

// present reports whether a raw member was given and is not null.
func present(raw json.RawMessage) bool {
	return len(raw) > 0 && !bytes.Equal(raw, jsonNull)
}

// requestMembers are the members a request may have, as matched by name.
var requestMembers = []string{"id", "at", "schedule", "customers", "customerId", "explain", "next"}

// parseRequest reads one request line into req. The raw members of req
// point into line. The error is a *syntaxError (id unknown), or a
// *typeError / other error after which req.ID is set when the line had one.
func parseRequest(line []byte, req *request) error {
	s := jsonScanner{data: line}
	start := s.space(0)
	if start >= len(line) {
		return s.fail(start, "the line holds no JSON value")
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
			}
		})
	}
	if err != nil {
		return err
	}
	if rest := s.space(end); rest != len(line) {
		return s.fail(rest, "unexpected %s after the request", s.describeByte(rest))
	}
	if line[start] != '{' {
		return fmt.Errorf("the line holds %s; a request is a JSON object", kindOf(line[start]))
	}
	raw := func(k int) []byte { return line[spans[k][0]:spans[k][1]] }
	req.ID = raw(0)
	req.Schedule = raw(2)
	req.Customers = raw(3)
	var firstErr error
	keep := func(e error) {
		if firstErr == nil {
			firstErr = e
		}
	}
	if v := raw(1); len(v) > 0 {
		var e error
		if req.At, e = stringValue("at", v); e != nil {
			keep(e)
		}
	}
	if v := raw(4); len(v) > 0 {
		var e error
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
			keep(&typeError{member: b.name, want: "true or false", got: kindOf(v[0])})
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
func stringValue(member string, v []byte) (string, error) {
	switch v[0] {
	case 'n':
		return "", nil
	case '"':
		if bytes.IndexByte(v, '\\') < 0 && utf8.Valid(v) {
			return string(v[1 : len(v)-1]), nil
		}
		var text string
		if err := json.Unmarshal(v, &text); err != nil {
			return "", fmt.Errorf("%s: %v", member, err)
		}
		return text, nil
	}
	return "", &typeError{member: member, want: "a string", got: kindOf(v[0])}
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
