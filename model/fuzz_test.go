package model

import (
	"encoding/json"
	"testing"
)

// FuzzShapeProblems: any document, checked against each record type, gives
// problems with paths and never panics; a document that decodes without
// error has no shape errors.
func FuzzShapeProblems(f *testing.F) {
	for _, seed := range []string{
		`{"customerId":"c","name":"x","tagIds":["a"],"schedule":{"rules":[{"frequency":"Weekly","byDay":[{"dayOfWeek":"Monday"}]}]}}`,
		`{"customers":[{"id":"a","tags":[{"color":"Pink"}],"data":{"k":{"listValue":[{"x":{"numberValue":1}}]}}}]}`,
		`{"rules":[{"priority":1.5,"byMonth":"1"}],"colour":1}`,
		`[1,2]`, `null`, `{"a b":{"c":[]}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !json.Valid(raw) {
			return
		}
		for _, target := range []any{&PatchCustomer{}, &Tree{}, &Schedule{}, &CustomerInfo{}} {
			problems := ShapeProblems(raw, target)
			for _, p := range problems {
				if p.Path == "" || p.Code == "" || p.Message == "" {
					t.Fatalf("incomplete problem %+v", p)
				}
			}
			if !problems.HasErrors() {
				if err := json.Unmarshal(raw, target); err != nil {
					t.Fatalf("no shape errors but decoding fails: %v", err)
				}
			}
		}
	})
}
