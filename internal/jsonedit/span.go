// Package jsonedit changes one record of a JSON file in place: it finds the
// bytes of an object in a list member of the document ("customers") by the
// object's id, so a caller can put a re-encoded record there and leave
// every other byte of the file as it was — member order, spacing, members
// a re-encoding would add or drop — and write the record itself in its old
// shape (its member order, its absent members left absent when empty).
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
	"reflect"
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

// Replace returns doc with the bytes of span replaced by value, written in
// the old value's shape so that a diff shows only what changed: at every
// level, where both are objects the members the old one has come in its
// order, members only the new one has follow, and of those a member whose
// value is empty (false, 0, "", null, [] or {}) is left out, as the old
// value left it out; where both are lists they merge item by item.
// A value that was on one line is written compact; one that spread over
// lines is indented like it (the indentation of the line it starts on, and
// the step of its first member).
func Replace(doc []byte, span Span, value any) ([]byte, error) {
	old := doc[span.Start:span.End]
	encoded, err := marshal(value)
	if err != nil {
		return nil, err
	}
	encoded = shaped(old, encoded, value)
	var out bytes.Buffer
	if !bytes.ContainsAny(old, "\n") {
		err = json.Compact(&out, encoded)
	} else {
		prefix := lineIndent(doc, span.Start)
		step := "  "
		if nl := bytes.IndexByte(old, '\n'); nl >= 0 {
			inner := lineIndent(old, nl+1+leading(old[nl+1:]))
			if strings.HasPrefix(inner, prefix) && len(inner) > len(prefix) {
				step = inner[len(prefix):]
			}
		}
		err = json.Indent(&out, encoded, prefix, step)
	}
	if err != nil {
		return nil, err
	}
	edited := make([]byte, 0, len(doc)-len(old)+out.Len())
	edited = append(edited, doc[:span.Start]...)
	edited = append(edited, out.Bytes()...)
	return append(edited, doc[span.End:]...), nil
}

// member is one member of an object, its value as written.
type member struct {
	key   string
	value json.RawMessage
}

// members lists the members of a JSON object in order; ok is false when
// raw is not one.
func members(raw []byte) ([]member, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, false
		}
		out = append(out, member{key: tok.(string), value: value})
	}
	return out, true
}

// shaped returns value's encoding in old's shape when that decodes to the
// same value as encoded does: leaving an empty member out is not always
// the same as writing it (a {"stringValue": ""} is not a {}), so each shape
// is checked by decoding it into value's type, and a shape that reads
// differently gives way — first to one that keeps every member, then to
// the plain encoding.
func shaped(old, encoded []byte, value any) []byte {
	want, ok := canonical(encoded, value)
	if !ok {
		return encoded
	}
	for _, dropEmpty := range []bool{true, false} {
		candidate := merge(old, encoded, dropEmpty)
		if got, ok := canonical(candidate, value); ok && bytes.Equal(got, want) {
			return candidate
		}
	}
	return encoded
}

// canonical decodes raw into a new value of like's type and encodes it
// again: two encodings that read as the same value give the same bytes.
func canonical(raw []byte, like any) ([]byte, bool) {
	t := reflect.TypeOf(like)
	if t == nil {
		return nil, false
	}
	target := reflect.New(t)
	if json.Unmarshal(raw, target.Interface()) != nil {
		return nil, false
	}
	out, err := json.Marshal(target.Elem().Interface())
	return out, err == nil
}

// merge writes the value encoded in the shape of old (see Replace), at
// every level: objects keep old's member order, lists merge item by item;
// dropEmpty leaves out the empty members old did not have.
func merge(old, encoded []byte, dropEmpty bool) []byte {
	if before, ok := members(old); ok {
		if after, ok := members(encoded); ok {
			return mergeMembers(before, after, dropEmpty)
		}
	}
	if before, ok := items(old); ok {
		if after, ok := items(encoded); ok {
			var b bytes.Buffer
			b.WriteByte('[')
			for i, item := range after {
				if i > 0 {
					b.WriteByte(',')
				}
				if i < len(before) {
					item = merge(before[i], item, dropEmpty)
				}
				b.Write(item)
			}
			b.WriteByte(']')
			return b.Bytes()
		}
	}
	return encoded
}

func mergeMembers(before, after []member, dropEmpty bool) []byte {
	used := make([]bool, len(after))
	find := func(key string) int {
		for i, m := range after {
			if !used[i] && strings.EqualFold(m.key, key) {
				return i
			}
		}
		return -1
	}
	var ordered []member
	for _, m := range before {
		if i := find(m.key); i >= 0 {
			used[i] = true
			ordered = append(ordered, member{key: after[i].key, value: merge(m.value, after[i].value, dropEmpty)})
		}
	}
	for i, m := range after {
		if !used[i] && !(dropEmpty && isEmpty(m.value)) {
			ordered = append(ordered, m)
		}
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ordered {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(m.key)
		b.Write(key)
		b.WriteByte(':')
		b.Write(m.value)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// items lists the items of a JSON list; ok is false when raw is not one.
func items(raw []byte) ([]json.RawMessage, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, false
	}
	var out []json.RawMessage
	for dec.More() {
		var item json.RawMessage
		if err := dec.Decode(&item); err != nil {
			return nil, false
		}
		out = append(out, item)
	}
	return out, true
}

// isEmpty reports whether a JSON value is false, 0, "", null, [] or {}.
func isEmpty(raw json.RawMessage) bool {
	switch string(bytes.TrimSpace(raw)) {
	case "false", "0", `""`, "null", "[]", "{}":
		return true
	}
	return false
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

// marshal encodes v compactly without HTML escaping.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
