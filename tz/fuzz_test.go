package tz

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLoad checks that Load never panics and that its answers hang
// together: a success is a known zone under one of its accepted spellings;
// a failure is an *UnknownZoneError for exactly that id whose suggestions
// all load.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"America/New_York",
		"Asia/Calcutta",
		"US/Eastern",
		"UTC",
		"Etc/UTC",
		"Eastern Standard Time",
		"  eastern STANDARD time\t",
		"America/New_Yrok",
		"",
		" ",
		"Local",
		"../../etc/passwd",
		"/etc/localtime",
		"America/../Europe/London",
		"Europe/London\x00",
		"\xff\xfe",
		"Ωmega Standard Time",
		strings.Repeat("a", 300),
		strings.Repeat("Eastern Standard Time", 4),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		loc, err := Load(id)
		if err == nil {
			if loc == nil {
				t.Fatalf("Load(%q) returned nil, nil", id)
			}
			trimmed := strings.TrimSpace(id)
			_, isWindows := WindowsToIANA(id)
			if !isWindows && !isName(trimmed) {
				t.Fatalf("Load(%q) accepted an id that is neither a name nor a Windows id", id)
			}
			return
		}
		var unknown *UnknownZoneError
		if !errors.As(err, &unknown) {
			t.Fatalf("Load(%q) error %T, want *UnknownZoneError", id, err)
		}
		if unknown.ID != id {
			t.Fatalf("error ID %q, want %q", unknown.ID, id)
		}
		if len(unknown.Suggestions) > maxSuggestions {
			t.Fatalf("%d suggestions", len(unknown.Suggestions))
		}
		for _, suggestion := range unknown.Suggestions {
			if _, err := Load(suggestion); err != nil {
				t.Fatalf("suggestion %q for %q does not load: %v", suggestion, id, err)
			}
		}
		if message := err.Error(); !utf8.ValidString(message) {
			t.Fatalf("error message is not valid UTF-8: %q", message)
		}
	})
}

func isName(id string) bool {
	for _, name := range ianaNames {
		if strings.EqualFold(name, id) {
			return true
		}
	}
	return false
}
