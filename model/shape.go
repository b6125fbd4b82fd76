package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/voicesched/voicesched/internal/suggest"
)

// ShapeProblems walks the JSON document raw alongside the Go type of v (a
// *Schedule, *CustomerInfo, *PatchCustomer, *Tree, …; only its type is
// used) and lists, with their paths, every member the type does not have
// (warnings, CodeUnknownMember: decoding ignores them, the API grows) and
// every value decoding would refuse (errors: CodeWrongType, CodeBadValue,
// CodeBadNumber). encoding/json stops at its first refusal and does not say
// where in a list it was; this finds them all, with indices. Member names
// are matched as encoding/json matches them (exactly, then ignoring case);
// paths use the type's own spelling. raw must be valid JSON (nil otherwise).
func ShapeProblems(raw []byte, v any) Problems {
	var doc any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil
	}
	var s shapeChecker
	s.check(doc, reflect.TypeOf(v), "", 0)
	return s.problems
}

// UnknownMembers is ShapeProblems restricted to the members the type of v
// does not know (warnings).
func UnknownMembers(raw []byte, v any) Problems {
	var out Problems
	for _, p := range ShapeProblems(raw, v) {
		if p.Code == CodeUnknownMember {
			out = append(out, p)
		}
	}
	return out
}

// optional is implemented by Opt only: the shape of an Opt member is the
// shape of its value.
type optional interface{ valueType() reflect.Type }

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	optionalType    = reflect.TypeFor[optional]()
)

// maxShapeDepth bounds the walk; encoding/json refuses deeper documents.
const maxShapeDepth = 10000

type shapeChecker struct {
	problems Problems
	// prune drops from the document every value decoding would refuse
	// (Decode decodes what is left).
	prune bool
}

func (s *shapeChecker) add(path, code string, sev Severity, format string, args ...any) {
	if path == "" {
		path = "(document)"
	}
	s.problems = append(s.problems, Problem{Path: path, Code: code, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// check checks value (from a json.Decoder with UseNumber) against type t,
// and reports whether decoding would refuse value itself (not one of its
// members or items: those are pruned from it when s.prune is set).
func (s *shapeChecker) check(value any, t reflect.Type, path string, depth int) bool {
	if value == nil || t == nil || depth > maxShapeDepth {
		return false // null leaves a member at its zero value, whatever its type
	}
	if t.Kind() != reflect.Pointer && t.Implements(optionalType) {
		return s.check(value, reflect.Zero(t).Interface().(optional).valueType(), path, depth)
	}
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(unmarshalerType) {
		raw, err := json.Marshal(value)
		if err != nil {
			s.add(path, CodeBadValue, SeverityError, "%v", err)
			return true
		}
		target := reflect.New(t).Interface().(json.Unmarshaler)
		if err := target.UnmarshalJSON(raw); err != nil {
			s.add(path, CodeBadValue, SeverityError, "%v", err)
			return true
		}
		return false
	}
	switch t.Kind() {
	case reflect.Pointer:
		return s.check(value, t.Elem(), path, depth)
	case reflect.Struct:
		object, ok := value.(map[string]any)
		if !ok {
			s.wrongType(path, "an object", value)
			return true
		}
		fields := jsonFields(t)
		for _, key := range sortedKeys(object) {
			field, ok := fields.lookup(key)
			if !ok {
				if near, found := suggest.Nearest(key, fields.names()); found {
					s.add(memberPath(path, key), CodeUnknownMember, SeverityWarning,
						"%q is not a member of %s; it is ignored, so %s keeps its value; did you mean %q?", key, t.Name(), near, near)
					continue
				}
				s.add(memberPath(path, key), CodeUnknownMember, SeverityWarning,
					"%q is not a member of %s; it is ignored", key, t.Name())
				continue
			}
			if s.check(object[key], field.typ, memberPath(path, field.name), depth+1) && s.prune {
				delete(object, key)
			}
		}
	case reflect.Slice:
		list, ok := value.([]any)
		if !ok {
			s.wrongType(path, "a list", value)
			return true
		}
		for i, item := range list {
			if s.check(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i), depth+1) && s.prune {
				list[i] = nil // the zero value keeps the later items' indices
			}
		}
	case reflect.Map:
		object, ok := value.(map[string]any)
		if !ok {
			s.wrongType(path, "an object", value)
			return true
		}
		for _, key := range sortedKeys(object) {
			if s.check(object[key], t.Elem(), memberPath(path, key), depth+1) && s.prune {
				delete(object, key)
			}
		}
	case reflect.String:
		if _, ok := value.(string); !ok {
			s.wrongType(path, "a string", value)
			return true
		}
	case reflect.Bool:
		if _, ok := value.(bool); !ok {
			s.wrongType(path, "true or false", value)
			return true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := value.(json.Number)
		if !ok {
			s.wrongType(path, "a whole number", value)
			return true
		}
		if _, err := strconv.ParseInt(n.String(), 10, t.Bits()); err != nil {
			if strings.ContainsAny(n.String(), ".eE") {
				s.add(path, CodeBadNumber, SeverityError, "%s is not a whole number", Truncate(n.String(), 40))
			} else {
				s.add(path, CodeBadNumber, SeverityError, "%s is too large", Truncate(n.String(), 40))
			}
			return true
		}
	case reflect.Float32, reflect.Float64:
		n, ok := value.(json.Number)
		if !ok {
			s.wrongType(path, "a number", value)
			return true
		}
		if _, err := strconv.ParseFloat(n.String(), t.Bits()); err != nil {
			s.add(path, CodeBadNumber, SeverityError, "%s is out of range", Truncate(n.String(), 40))
			return true
		}
	}
	return false
}

func (s *shapeChecker) wrongType(path, want string, got any) {
	s.add(path, CodeWrongType, SeverityError, "should be %s, not %s", want, DescribeJSON(got))
}

// DescribeJSON names the kind of a JSON value decoded with UseNumber, for
// messages: "an object", "the string \"x\"", "the number 1.5".
func DescribeJSON(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "the string " + strconv.Quote(Truncate(v, 40))
	case bool:
		return strconv.FormatBool(v)
	case json.Number:
		return "the number " + Truncate(v.String(), 40)
	}
	return fmt.Sprintf("%v", v)
}

// memberPath appends member key to path; keys that are not plain names are
// written in brackets ("data[\"a b\"]").
func memberPath(path, key string) string {
	plain := key != ""
	for _, r := range key {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			plain = false
			break
		}
	}
	if !plain {
		return path + "[" + strconv.Quote(key) + "]"
	}
	return JoinPath(path, key)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

type jsonField struct {
	name string
	typ  reflect.Type
}

type fieldTable []jsonField

// names lists the members' JSON names.
func (ft fieldTable) names() []string {
	out := make([]string, len(ft))
	for i, f := range ft {
		out[i] = f.name
	}
	return out
}

// lookup matches a member name as encoding/json does: exactly, else
// ignoring case.
func (ft fieldTable) lookup(key string) (jsonField, bool) {
	for _, f := range ft {
		if f.name == key {
			return f, true
		}
	}
	for _, f := range ft {
		if strings.EqualFold(f.name, key) {
			return f, true
		}
	}
	return jsonField{}, false
}

// jsonFields lists the JSON members of struct type t, embedded structs
// flattened, as encoding/json sees them.
func jsonFields(t reflect.Type) fieldTable {
	var out fieldTable
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				out = append(out, jsonFields(ft)...)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, jsonField{name: name, typ: f.Type})
	}
	return out
}
