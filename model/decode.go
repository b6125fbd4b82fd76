package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
)

// Decode decodes the JSON document raw into v (a *Schedule, *CustomerInfo,
// *PatchCustomer, *Tree, …) and returns every problem of its shape with its
// path (as ShapeProblems: unknown members are warnings, values decoding
// refuses are errors). Unlike encoding/json, which stops at the first value
// it refuses, Decode leaves each refused value out — a member as if it were
// absent, a list item as if it were null, so the later items keep their
// indices — and decodes the rest, so that validation can still check
// everything else. Text that is not one JSON value is a CodeBadJSON error
// with its line and column; then, as when the document is not an object
// at all, v is left as it was and decoded is false.
func Decode(raw []byte, v any) (problems Problems, decoded bool) {
	bad := func(format string, args ...any) (Problems, bool) {
		return Problems{{Path: "(document)", Code: CodeBadJSON, Severity: SeverityError, Message: fmt.Sprintf(format, args...)}}, false
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return bad("the document is empty; it should hold one JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return bad("%s", SyntaxMessage(raw, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad("there is more after the JSON value; the document should hold exactly one")
	}
	s := shapeChecker{prune: true}
	if s.check(doc, reflect.TypeOf(v), "", 0) {
		return s.problems, false // the document itself is refused
	}
	pruned, err := json.Marshal(doc)
	if err == nil {
		err = json.Unmarshal(pruned, v)
	}
	if err != nil {
		// The shape check should have pruned it; say so rather than nothing.
		s.add("", CodeBadValue, SeverityError, "%v", err)
		return s.problems, false
	}
	return s.problems, true
}

// SyntaxMessage describes why raw is not one JSON value, with the line and
// column of a syntax error.
func SyntaxMessage(raw []byte, err error) string {
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		line, col := LineColumn(raw, syntaxErr.Offset-1) // Offset counts the bad byte
		return fmt.Sprintf("not valid JSON at line %d, column %d: %v", line, col, syntaxErr)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the JSON ends too early"
	}
	return "not valid JSON: " + err.Error()
}

// LineColumn converts a byte offset of raw to a 1-based line and column.
func LineColumn(raw []byte, offset int64) (int, int) {
	offset = max(0, min(offset, int64(len(raw))))
	before := raw[:offset]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}
