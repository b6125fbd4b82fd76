package protocol

import (
	"bytes"
	"fmt"
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

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

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
	j, empty, err := s.open(i, '}')
	if err != nil || empty {
		return j, err
	}
	defer func() { s.depth-- }()
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
		var more bool
		if j, more, err = s.next(valueEnd, '}', "an object"); err != nil || !more {
			return j, err
		}
	}
}

func (s *jsonScanner) array(i int) (int, error) {
	j, empty, err := s.open(i, ']')
	if err != nil || empty {
		return j, err
	}
	defer func() { s.depth-- }()
	for {
		end, err := s.value(j)
		if err != nil {
			return end, err
		}
		var more bool
		if j, more, err = s.next(end, ']', "a list"); err != nil || !more {
			return j, err
		}
	}
}

// open enters the object or list whose opening byte is at i, one level
// deeper (the caller leaves it: s.depth--, unless empty or err). An empty
// one (closer next) is left at once: j is past its closer. Otherwise j is
// its first element's start.
func (s *jsonScanner) open(i int, closer byte) (j int, empty bool, err error) {
	if s.depth++; s.depth > maxNesting {
		s.depth--
		return i, false, s.fail(i, "nested too deeply")
	}
	j = s.space(i + 1)
	if j < len(s.data) && s.data[j] == closer {
		s.depth--
		return j + 1, true, nil
	}
	return j, false, nil
}

// next reads what follows an element of an object or list (in, "an
// object" or "a list") that ends at end: a comma (more: j is the next
// element's start) or the closer (j is past it).
func (s *jsonScanner) next(end int, closer byte, in string) (j int, more bool, err error) {
	j = s.space(end)
	if j < len(s.data) && s.data[j] == ',' {
		return s.space(j + 1), true, nil
	}
	if j < len(s.data) && s.data[j] == closer {
		return j + 1, false, nil
	}
	return j, false, s.fail(j, "unexpected %s, expecting ',' or '%c' in %s", s.describeByte(j), closer, in)
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
