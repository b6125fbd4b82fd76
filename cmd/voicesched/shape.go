package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/voicesched/voicesched/schedule"
)

// Problem codes of the JSON shape check (the library's codes cover the rest).
const (
	codeBadJSON     = "bad-json"     // the text is not JSON
	codeWrongType   = "wrong-type"   // a member holds the wrong kind of JSON value
	codeBadValue    = "bad-value"    // a value its type refuses (an unknown enum name)
	codeBadNumber   = "bad-number"   // a number that does not fit its member
	codeUnknownKind = "unknown-kind" // the document is none of the four kinds
)

// shapeChecker walks a decoded JSON document alongside the Go type it is
// decoded into and lists, with their paths, every member the type does not
// have (warnings: decoding ignores them, SPEC §2) and every value decoding
// would refuse (errors). encoding/json stops at its first refusal and does
// not say where in a list it was; this finds them all, with indices.
type shapeChecker struct {
	problems schedule.Problems
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

func (s *shapeChecker) add(path, code string, sev schedule.Severity, format string, args ...any) {
	if path == "" {
		path = "(document)"
	}
	s.problems = append(s.problems, schedule.Problem{Path: path, Code: code, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// check checks value (from a json.Decoder with UseNumber) against type t.
func (s *shapeChecker) check(value any, t reflect.Type, path string) {
	if value == nil {
		return // null leaves a member at its zero value, whatever its type
	}
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(unmarshalerType) {
		if isOpt(t) {
			field, _ := t.FieldByName("Value")
			s.check(value, field.Type, path)
			return
		}
		raw, err := json.Marshal(value)
		if err != nil {
			s.add(path, codeBadValue, schedule.SeverityError, "%v", err)
			return
		}
		target := reflect.New(t).Interface().(json.Unmarshaler)
		if err := target.UnmarshalJSON(raw); err != nil {
			s.add(path, codeBadValue, schedule.SeverityError, "%v", err)
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		s.check(value, t.Elem(), path)
	case reflect.Struct:
		object, ok := value.(map[string]any)
		if !ok {
			s.wrongType(path, "an object", value)
			return
		}
		fields := jsonFields(t)
		for _, key := range sortedKeys(object) {
			field, ok := fields.lookup(key)
			if !ok {
				s.add(joinPath(path, key), schedule.CodeUnknownMember, schedule.SeverityWarning,
					"%q is not a member of %s; it is ignored", key, typeLabel(t))
				continue
			}
			s.check(object[key], field.typ, joinPath(path, field.name))
		}
	case reflect.Slice:
		list, ok := value.([]any)
		if !ok {
			s.wrongType(path, "a list", value)
			return
		}
		for i, item := range list {
			s.check(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		object, ok := value.(map[string]any)
		if !ok {
			s.wrongType(path, "an object", value)
			return
		}
		for _, key := range sortedKeys(object) {
			s.check(object[key], t.Elem(), joinPath(path, key))
		}
	case reflect.String:
		if _, ok := value.(string); !ok {
			s.wrongType(path, "a string", value)
		}
	case reflect.Bool:
		if _, ok := value.(bool); !ok {
			s.wrongType(path, "true or false", value)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := value.(json.Number)
		if !ok {
			s.wrongType(path, "a whole number", value)
			return
		}
		if _, err := strconv.ParseInt(n.String(), 10, t.Bits()); err != nil {
			if strings.ContainsAny(n.String(), ".eE") {
				s.add(path, codeBadNumber, schedule.SeverityError, "%s is not a whole number", truncateText(n.String(), 40))
			} else {
				s.add(path, codeBadNumber, schedule.SeverityError, "%s is too large", truncateText(n.String(), 40))
			}
		}
	case reflect.Float32, reflect.Float64:
		n, ok := value.(json.Number)
		if !ok {
			s.wrongType(path, "a number", value)
			return
		}
		if _, err := strconv.ParseFloat(n.String(), t.Bits()); err != nil {
			s.add(path, codeBadNumber, schedule.SeverityError, "%s is out of range", truncateText(n.String(), 40))
		}
	}
}

func (s *shapeChecker) wrongType(path, want string, got any) {
	s.add(path, codeWrongType, schedule.SeverityError, "should be %s, not %s", want, describeValue(got))
}

// describeValue names the kind of a decoded JSON value.
func describeValue(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "the string " + strconv.Quote(truncateText(v, 40))
	case bool:
		return strconv.FormatBool(v)
	case json.Number:
		return "the number " + truncateText(v.String(), 40)
	}
	return fmt.Sprintf("%v", v)
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// isOpt reports whether t is an instance of voicesched.Opt.
func isOpt(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && strings.HasPrefix(t.Name(), "Opt[") && strings.HasSuffix(t.PkgPath(), "/voicesched")
}

// typeLabel names a struct type for messages: "SchedulingRule".
func typeLabel(t reflect.Type) string {
	if isOpt(t) {
		return "the patch"
	}
	return t.Name()
}

// joinPath appends member key to path; keys that are not plain names are
// written in brackets.
func joinPath(path, key string) string {
	plain := key != ""
	for _, r := range key {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			plain = false
			break
		}
	}
	switch {
	case !plain:
		return path + "[" + strconv.Quote(key) + "]"
	case path == "":
		return key
	}
	return path + "." + key
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

// naturalLess orders JSON paths as a reader scans a document: runs of
// digits compare by value, so rules[2] comes before rules[10].
func naturalLess(a, b string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			na, nb := strings.TrimLeft(a[si:i], "0"), strings.TrimLeft(b[sj:j], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			continue
		}
		if a[i] != b[j] {
			return a[i] < b[j]
		}
		i++
		j++
	}
	return len(a)-i < len(b)-j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
