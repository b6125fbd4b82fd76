// Package jsonpath resolves the paths that validation problems carry
// ("schedule.rules[2].byDay[0].offset") against a decoded JSON document, so
// tests and fuzz targets can check that every problem points at something
// in the input.
//
// Members are matched as encoding/json matches them when decoding into a
// struct: the exact name first, then without regard to letter case. A key
// that is not a plain name is written quoted in brackets (data["a.b"], [""])
// as package model writes it; an unquoted name may still contain '.' or '[',
// so at each object the longest member name that fits the rest of the path
// wins.
package jsonpath

import (
	"strconv"
	"strings"
)

// Resolve returns the value at path in doc (as decoded by encoding/json
// into an any: map[string]any, []any, string, float64 or json.Number,
// bool, nil) and whether the path exists. The empty path is doc itself.
func Resolve(doc any, path string) (any, bool) {
	if path == "" {
		return doc, true
	}
	switch node := doc.(type) {
	case map[string]any:
		if strings.HasPrefix(path, "[\"") {
			// A member written as a quoted key: ["a.b"], [""].
			quoted, err := strconv.QuotedPrefix(path[1:])
			if err != nil || !strings.HasPrefix(path[1+len(quoted):], "]") {
				return nil, false
			}
			key, _ := strconv.Unquote(quoted)
			value, ok := node[key]
			if !ok {
				return nil, false
			}
			return Resolve(value, strings.TrimPrefix(path[1+len(quoted)+1:], "."))
		}
		if strings.HasPrefix(path, "[") {
			return nil, false
		}
		best, bestRest, found := "", "", false
		consider := func(key string) {
			rest, ok := cutMember(path, key)
			if ok && (!found || len(key) > len(best)) {
				best, bestRest, found = key, rest, true
			}
		}
		for key := range node {
			consider(key)
		}
		if !found {
			return nil, false
		}
		// The longest name may lead nowhere when a shorter one also fits
		// ("a.b" and "a" with member "b"): try every candidate.
		if value, ok := Resolve(node[best], bestRest); ok {
			return value, true
		}
		for key := range node {
			if key == best {
				continue
			}
			if rest, ok := cutMember(path, key); ok {
				if value, ok := Resolve(node[key], rest); ok {
					return value, true
				}
			}
		}
		return nil, false
	case []any:
		if !strings.HasPrefix(path, "[") {
			return nil, false
		}
		end := strings.IndexByte(path, ']')
		if end < 0 {
			return nil, false
		}
		index, err := strconv.Atoi(path[1:end])
		if err != nil || index < 0 || index >= len(node) {
			return nil, false
		}
		rest := path[end+1:]
		rest = strings.TrimPrefix(rest, ".")
		return Resolve(node[index], rest)
	}
	return nil, false
}

// cutMember reports whether path starts with member key (exactly or
// without regard to case) followed by the end, '.' or '[', and returns the
// rest after a '.'.
func cutMember(path, key string) (string, bool) {
	if len(path) < len(key) {
		return "", false
	}
	head := path[:len(key)]
	if head != key && !strings.EqualFold(head, key) {
		return "", false
	}
	rest := path[len(key):]
	switch {
	case rest == "":
		return "", true
	case rest[0] == '.':
		return rest[1:], true
	case rest[0] == '[':
		return rest, true
	}
	return "", false
}

// Parent returns the path of the member or element that holds path's last
// member ("rules[2]" for "rules[2].frequency", "" for "defaultState"), and
// whether path's last step is a member name (not a list index). Member names
// containing '.' are not told apart here; callers use it for the paths of
// absent members, which are always plain names.
func Parent(path string) (string, bool) {
	if strings.HasSuffix(path, "]") {
		return "", false
	}
	dot := strings.LastIndexByte(path, '.')
	if dot < 0 {
		return "", true
	}
	return path[:dot], true
}
