package schedule

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// UnknownMembers lists the JSON members of raw that the Go type of v does
// not know, as warnings with their paths ("rules[0].colour"). Decoding
// ignores unknown members (the API grows); Validate can list them. raw must
// be valid JSON; v is only used for its type (a pointer or a value).
// Member names are matched as encoding/json matches them: exactly, then
// without regard to case.
func UnknownMembers(raw []byte, v any) Problems {
	var doc any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil
	}
	var out Problems
	walkUnknown(doc, reflect.TypeOf(v), "", &out, 0)
	sort.SliceStable(out, func(a, b int) bool { return out[a].Path < out[b].Path })
	return out
}

func joinPath(base, member string) string {
	if base == "" {
		return member
	}
	return base + "." + member
}

// wireType unwraps pointers and the Opt[T] wrapper of patch members.
func wireType(t reflect.Type) reflect.Type {
	for t != nil {
		switch {
		case t.Kind() == reflect.Pointer:
			t = t.Elem()
		case t.Kind() == reflect.Struct && isOpt(t):
			f, _ := t.FieldByName("Value")
			t = f.Type
		default:
			return t
		}
	}
	return t
}

func isOpt(t reflect.Type) bool {
	set, ok1 := t.FieldByName("Set")
	null, ok2 := t.FieldByName("Null")
	_, ok3 := t.FieldByName("Value")
	return ok1 && ok2 && ok3 && t.NumField() == 3 && set.Type.Kind() == reflect.Bool && null.Type.Kind() == reflect.Bool
}

// jsonFields maps the JSON names of a struct's fields (embedded structs
// flattened) to their types.
func jsonFields(t reflect.Type, into map[string]reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			jsonFields(f.Type, into)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		into[name] = f.Type
	}
}

const maxUnknownDepth = 128

func walkUnknown(doc any, t reflect.Type, path string, out *Problems, depth int) {
	t = wireType(t)
	if t == nil || depth > maxUnknownDepth {
		return
	}
	switch node := doc.(type) {
	case map[string]any:
		switch t.Kind() {
		case reflect.Struct:
			fields := map[string]reflect.Type{}
			jsonFields(t, fields)
			keys := make([]string, 0, len(node))
			for k := range node {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				ft, ok := fields[k]
				if !ok {
					for name, typ := range fields {
						if strings.EqualFold(name, k) {
							ft, ok = typ, true
							break
						}
					}
				}
				if !ok {
					*out = append(*out, Problem{Path: joinPath(path, k), Code: CodeUnknownMember, Severity: SeverityWarning,
						Message: fmt.Sprintf("%q is not a member this version knows; it is ignored", k)})
					continue
				}
				walkUnknown(node[k], ft, joinPath(path, k), out, depth+1)
			}
		case reflect.Map:
			for k, v := range node {
				walkUnknown(v, t.Elem(), joinPath(path, k), out, depth+1)
			}
		}
	case []any:
		if t.Kind() == reflect.Slice {
			for i, v := range node {
				walkUnknown(v, t.Elem(), fmt.Sprintf("%s[%d]", path, i), out, depth+1)
			}
		}
	}
}
