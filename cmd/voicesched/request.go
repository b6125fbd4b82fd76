package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Decoding an eval request is the hot path of eval: a request line is
// mostly its schedule, which the cache already holds, so the line is not
// decoded with encoding/json (which would scan the schedule twice and copy
// it) but checked once by the small validating scanner below, which notes
// where each member's value lies. Members are then read from those spans;
// the schedule's bytes are decoded only when the cache does not hold them.
// The scanner accepts exactly what encoding/json accepts (checked by
// FuzzRequestScanner), matches member names as encoding/json does (exactly,
// else ignoring case) and, like it, keeps the last of repeated members.

// maxNesting is encoding/json's limit on nested arrays and objects.
const maxNesting = 10000

// syntaxError is malformed JSON at a byte offset.
type syntaxError struct {
	offset int
	msg    string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%s at byte %d", e.msg, e.offset+1) }

// typeError is a request member holding the wrong kind of JSON value.
type typeError struct {
	member string
	want   string
	got    string
}

func (e *typeError) Error() string {
	return fmt.Sprintf("%s should be %s, not %s", e.member, e.want, e.got)
}

// jsonScanner validates JSON text.
type jsonScanner struct {
	data  []byte
	depth int
}

func (s *jsonScanner) fail(i int, format string, args ...any) error {
	return &syntaxError{offset: i, msg: fmt.Sprintf(format, args...)}
}

func (s *jsonScanner) space(i int) int {
	for i < len(s.data) {
		switch s.data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// describeByte names the byte at i for an error message.
func (s *jsonScanner) describeByte(i int) string {
	if i >= len(s.data) {
		return "the end of the line"
	}
	c := s.data[i]
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// value checks the value starting at i (no leading space) and returns the
// index just after it.
func (s *jsonScanner) value(i int) (int, error) {
	if i >= len(s.data) {
		return i, s.fail(i, "unexpected end of the line, expecting a value")
	}
	switch c := s.data[i]; {
	case c == '{':
		return s.object(i, nil)
	case c == '[':
		return s.array(i)
	case c == '"':
		end, _, err := s.str(i)
		return end, err
	case c == '-' || c >= '0' && c <= '9':
		return s.number(i)
	case c == 't':
		return s.literal(i, "true")
	case c == 'f':
		return s.literal(i, "false")
	case c == 'n':
		return s.literal(i, "null")
	}
	return i, s.fail(i, "unexpected %s, expecting a value", s.describeByte(i))
}

func (s *jsonScanner) literal(i int, lit string) (int, error) {
	if !bytes.HasPrefix(s.data[i:], []byte(lit)) {
		return i, s.fail(i, "invalid literal, expecting %s", lit)
	}
	return i + len(lit), nil
}

// str checks the string starting at the quote at i; escaped tells whether
// it holds escapes (then its bytes are not its value).
func (s *jsonScanner) str(i int) (end int, escaped bool, err error) {
	for j := i + 1; j < len(s.data); j++ {
		switch c := s.data[j]; {
		case c == '"':
			return j + 1, escaped, nil
		case c == '\\':
			escaped = true
			j++
			if j >= len(s.data) {
				return j, escaped, s.fail(j, "unexpected end of the line in a string")
			}
			switch s.data[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(s.data) {
					return j, escaped, s.fail(j, "unexpected end of the line in a \\u escape")
				}
				for k := j + 1; k <= j+4; k++ {
					if !isHex(s.data[k]) {
						return k, escaped, s.fail(k, "invalid character in a \\u escape")
					}
				}
				j += 4
			default:
				return j, escaped, s.fail(j, "invalid escape \\%c in a string", s.data[j])
			}
		case c < 0x20:
			return j, escaped, s.fail(j, "control character 0x%02x in a string", c)
		}
	}
	return len(s.data), escaped, s.fail(len(s.data), "unexpected end of the line in a string")
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// number checks a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *jsonScanner) number(i int) (int, error) {
	j := i
	if s.data[j] == '-' {
		j++
	}
	digits := func() bool {
		start := j
		for j < len(s.data) && isDigit(s.data[j]) {
			j++
		}
		return j > start
	}
	switch {
	case j < len(s.data) && s.data[j] == '0':
		j++
	case !digits():
		return j, s.fail(j, "invalid number")
	}
	if j < len(s.data) && s.data[j] == '.' {
		j++
		if !digits() {
			return j, s.fail(j, "invalid number: digits must follow the decimal point")
		}
	}
	if j < len(s.data) && (s.data[j] == 'e' || s.data[j] == 'E') {
		j++
		if j < len(s.data) && (s.data[j] == '+' || s.data[j] == '-') {
			j++
		}
		if !digits() {
			return j, s.fail(j, "invalid number: digits must follow the exponent")
		}
	}
	return j, nil
}

// object checks the object starting at the brace at i, calling member (when
// not nil) with each key's span (quotes included) and its value's span.
func (s *jsonScanner) object(i int, member func(keyStart, keyEnd int, keyEscaped bool, valueStart, valueEnd int)) (int, error) {
	if s.depth++; s.depth > maxNesting {
		return i, s.fail(i, "nested too deeply")
	}
	defer func() { s.depth-- }()
	j := s.space(i + 1)
	if j < len(s.data) && s.data[j] == '}' {
		return j + 1, nil
	}
	for {
		if j >= len(s.data) || s.data[j] != '"' {
			return j, s.fail(j, "unexpected %s, expecting a member name in quotes", s.describeByte(j))
		}
		keyEnd, keyEscaped, err := s.str(j)
		if err != nil {
			return keyEnd, err
		}
		k := s.space(keyEnd)
		if k >= len(s.data) || s.data[k] != ':' {
			return k, s.fail(k, "unexpected %s, expecting ':' after a member name", s.describeByte(k))
		}
		valueStart := s.space(k + 1)
		valueEnd, err := s.value(valueStart)
		if err != nil {
			return valueEnd, err
		}
		if member != nil {
			member(j, keyEnd, keyEscaped, valueStart, valueEnd)
		}
		j = s.space(valueEnd)
		if j < len(s.data) && s.data[j] == ',' {
			j = s.space(j + 1)
			continue
		}
		if j < len(s.data) && s.data[j] == '}' {
			return j + 1, nil
		}
		return j, s.fail(j, "unexpected %s, expecting ',' or '}' in an object", s.describeByte(j))
	}
}

func (s *jsonScanner) array(i int) (int, error) {
	if s.depth++; s.depth > maxNesting {
		return i, s.fail(i, "nested too deeply")
	}
	defer func() { s.depth-- }()
	j := s.space(i + 1)
	if j < len(s.data) && s.data[j] == ']' {
		return j + 1, nil
	}
	for {
		end, err := s.value(j)
		if err != nil {
			return end, err
		}
		j = s.space(end)
		if j < len(s.data) && s.data[j] == ',' {
			j = s.space(j + 1)
			continue
		}
		if j < len(s.data) && s.data[j] == ']' {
			return j + 1, nil
		}
		return j, s.fail(j, "unexpected %s, expecting ',' or ']' in a list", s.describeByte(j))
	}
}

// validJSON reports whether data is one JSON value, surrounded by space at
// most, as json.Valid does.
func validJSON(data []byte) bool {
	s := jsonScanner{data: data}
	end, err := s.value(s.space(0))
	return err == nil && s.space(end) == len(data)
}

// kindOf names the JSON kind of a value by its first byte.
func kindOf(first byte) string {
	switch {
	case first == '{':
		return "an object"
	case first == '[':
		return "a list"
	case first == '"':
		return "a string"
	case first == 't' || first == 'f':
		return "true or false"
	case first == 'n':
		return "null"
	}
	return "a number"
}

// requestMembers are the members a request may have, as matched by name.
var requestMembers = []string{"id", "at", "schedule", "customers", "customerId", "explain", "next"}

// parseRequest reads one request line into req. The raw members of req
// point into line. The error is a *syntaxError (id unknown), or a
// *typeError / other error after which req.ID is set when the line had one.
func parseRequest(line []byte, req *evalRequest) error {
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
