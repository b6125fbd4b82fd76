package condition

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/expr-lang/expr/file"
)

// Stable error codes carried by [Error.Code]. Callers may switch on them; the
// message beside them is for people and may change.
const (
	// CodeTooLong: the text is longer than [MaxLength] bytes.
	CodeTooLong = "too-long"
	// CodeTooDeep: brackets and unary operators nest deeper than [MaxDepth].
	CodeTooDeep = "too-deep"
	// CodeTooManyNodes: the parsed expression has more than [MaxNodes] nodes.
	CodeTooManyNodes = "too-many-nodes"
	// CodeRangeNotAllowed: the expression uses a range a..b.
	CodeRangeNotAllowed = "range-not-allowed"
	// CodeNestedPredicate: a predicate builtin (all, any, map, filter, ...)
	// appears inside the arguments of another one.
	CodeNestedPredicate = "nested-predicate"
	// CodeUnknownName: a variable, customer field or function that the
	// condition language does not have. The message lists the known ones.
	CodeUnknownName = "unknown-name"
	// CodeNotBool: the expression's type is not bool (at compile time), or
	// its value was not a bool (at evaluation time, for values of unknown
	// type such as data.flag).
	CodeNotBool = "not-bool"
	// CodeSyntax: the text is not a valid expression, or uses syntax the
	// condition language leaves out (let declarations).
	CodeSyntax = "syntax"
	// CodeType: the expression is well formed but its operands do not fit,
	// for example hour + "x" or customer.tags > 3.
	CodeType = "type"
	// CodeRuntime: evaluation failed, for example ordering a missing data
	// key (data.missing > 3) or comparing values of different types.
	CodeRuntime = "runtime"
)

// Error is a compile error, or (with Code [CodeRuntime] or [CodeNotBool]) an
// evaluation error returned by [Program.Eval].
//
// Pos is the byte offset in the condition text the problem concerns, or -1
// when it is not tied to one place (a runtime error whose location expr could
// not report). Code is one of the Code constants. Message is one sentence a
// support agent can read to a customer; it never repeats Code or Pos.
type Error struct {
	Code    string
	Pos     int
	Message string
}

// Error formats the error as "message (code at byte N)", or "message (code)"
// when Pos is -1.
func (e *Error) Error() string {
	if e.Pos < 0 {
		return fmt.Sprintf("condition: %s (%s)", e.Message, e.Code)
	}
	return fmt.Sprintf("condition: %s (%s at byte %d)", e.Message, e.Code, e.Pos)
}

// newError builds an *Error; it keeps construction sites short.
func newError(code string, pos int, format string, args ...any) *Error {
	return &Error{Code: code, Pos: pos, Message: fmt.Sprintf(format, args...)}
}

// fromExprError converts an error from expr's lexer, parser, checker or vm into
// an *Error with the given code. expr locates problems in runes; Pos is in
// bytes, so the rune index is translated against the source text.
func fromExprError(code, text string, err error) *Error {
	var located *file.Error
	if errors.As(err, &located) {
		return &Error{Code: code, Pos: runeToByte(text, located.From), Message: located.Message}
	}
	return &Error{Code: code, Pos: -1, Message: err.Error()}
}

// runeToByte returns the byte offset of the rune with index runeIndex in text,
// clamped to [0, len(text)]. expr reports locations as rune indexes.
func runeToByte(text string, runeIndex int) int {
	if runeIndex <= 0 {
		return 0
	}
	seen := 0
	for offset := 0; offset < len(text); {
		if seen == runeIndex {
			return offset
		}
		_, size := utf8.DecodeRuneInString(text[offset:])
		offset += size
		seen++
	}
	return len(text)
}
