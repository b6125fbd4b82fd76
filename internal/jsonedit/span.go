// Package jsonedit changes one record of a JSON file in place: it finds the
// bytes of an object in a list member of the document ("customers") by the
// object's id, so a caller can put a re-encoded record there and leave
// every other byte of the file as it was — member order, spacing, members
// a re-encoding would add or drop.
//
// It reads the document with encoding/json's tokenizer, so it matches member
// names as decoding does (exactly, else ignoring case; of repeated members
// the last counts) and takes an id with escapes ("clinic\u002d1") for the
// id it decodes to.
package jsonedit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Span is the byte range [Start, End) of one JSON value in a document.
type Span struct {
	Start, End int
}

// ErrNotFound reports that no element of the list has the id.
var ErrNotFound = errors.New("no element with that id")

// FindElement returns the span of the object in doc's top-level list member
// list whose "id" member is id. doc must be one JSON object; an element
// that is not an object, or has no id, is skipped; two elements with the
// id are an error, as is a list member that is not a list.
func FindElement(doc []byte, list, id string) (Span, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return Span{}, errors.New("the document is not a JSON object")
	}
	var found Span
	matches := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Span{}, err
		}
		key, _ := tok.(string)
		if !strings.EqualFold(key, list) {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return Span{}, err
			}
			continue
		}
		// A later member with the name (in any case) replaces an earlier
		// one, as in decoding: what counts is the last.
		span, n, err := findIn(dec, doc, id)
		if err != nil {
			return Span{}, fmt.Errorf("%s: %w", key, err)
		}
		found, matches = span, n
	}
	if _, err := dec.Token(); err != nil {
		return Span{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return Span{}, errors.New("there is more after the JSON object")
	}
	switch matches {
	case 0:
		return Span{}, ErrNotFound
	case 1:
		return found, nil
	}
	return Span{}, fmt.Errorf("%d elements have the id %q", matches, id)
}

// findIn reads the list value the decoder is at and returns the span of
// its element with the id, and how many elements have it.
func findIn(dec *json.Decoder, doc []byte, id string) (Span, int, error) {
	tok, err := dec.Token()
	if err != nil {
		return Span{}, 0, err
	}
	if tok != json.Delim('[') {
		if tok == nil {
			return Span{}, 0, nil // null: an empty list
		}
		return Span{}, 0, errors.New("not a list")
	}
	var found Span
	matches := 0
	for dec.More() {
		start := valueStart(doc, int(dec.InputOffset()))
		var element json.RawMessage
		if err := dec.Decode(&element); err != nil {
			return Span{}, 0, err
		}
		end := int(dec.InputOffset())
		var record struct {
			ID *string `json:"id"`
		}
		if json.Unmarshal(element, &record) != nil || record.ID == nil || *record.ID != id {
			continue
		}
		found, matches = Span{Start: start, End: end}, matches+1
	}
	if _, err := dec.Token(); err != nil { // the closing bracket
		return Span{}, 0, err
	}
	return found, matches, nil
}

// valueStart skips the white space and the comma after offset (where the
// decoder stopped) to where the next value starts.
func valueStart(doc []byte, offset int) int {
	for offset < len(doc) {
		switch doc[offset] {
		case ' ', '\t', '\n', '\r', ',':
			offset++
		default:
			return offset
		}
	}
	return offset
}

// Replace returns doc with the bytes of span replaced by value, indented to
// sit where the old value did: a value that was on one line is written
// compact; one that spread over lines is indented like it (the indentation
// of the line it starts on, and the step of its first member).
func Replace(doc []byte, span Span, value any) ([]byte, error) {
	old := doc[span.Start:span.End]
	var encoded []byte
	var err error
	if !bytes.ContainsAny(old, "\n") {
		encoded, err = marshal(value, "", "")
	} else {
		prefix := lineIndent(doc, span.Start)
		step := "  "
		if nl := bytes.IndexByte(old, '\n'); nl >= 0 {
			inner := lineIndent(old, nl+1+leading(old[nl+1:]))
			if strings.HasPrefix(inner, prefix) && len(inner) > len(prefix) {
				step = inner[len(prefix):]
			}
		}
		encoded, err = marshal(value, prefix, step)
	}
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(doc)-len(old)+len(encoded))
	out = append(out, doc[:span.Start]...)
	out = append(out, encoded...)
	return append(out, doc[span.End:]...), nil
}

// lineIndent is the white space from the start of the line holding
// offset up to the first other byte.
func lineIndent(doc []byte, offset int) string {
	lineStart := bytes.LastIndexByte(doc[:offset], '\n') + 1
	return string(doc[lineStart : lineStart+leading(doc[lineStart:])])
}

func leading(b []byte) int {
	n := 0
	for n < len(b) && (b[n] == ' ' || b[n] == '\t') {
		n++
	}
	return n
}

// marshal encodes v without HTML escaping, indented when step is not
// empty, without a trailing newline.
func marshal(v any, prefix, step string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if step != "" {
		enc.SetIndent(prefix, step)
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
