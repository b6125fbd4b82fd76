package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDetectKindTellsWhatAFileHolds(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want DocumentKind
	}{
		{`{"customers": []}`, DocTree},
		{`{"Endpoints": []}`, DocTree},
		{`{"customerId": "c", "name": "x"}`, DocPatch},
		{`{"id": "c", "customerId": "p"}`, DocCustomer},
		{`{"id": "c"}`, DocCustomer},
		{`{"name": "new customer", "schedule": {}}`, DocCustomer},
		{`{"rules": []}`, DocSchedule},
		{`{"TimeZoneId": "UTC"}`, DocSchedule},
		{`{"forceClosed": true}`, DocSchedule},
		{`{}`, ""},
		{`{"colour": "blue"}`, ""},
		{`[{"rules": []}]`, ""},
		{`{"rules": [}`, ""},
		{``, ""},
	} {
		assert.Equal(t, tc.want, DetectKind([]byte(tc.doc)), tc.doc)
	}
}

func FuzzDetectKind(f *testing.F) {
	for _, seed := range []string{`{"customers": []}`, `{"customerId": "c"}`, `{"rules": [}`, `[]`, `{"id": 1, "ID": 2}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		kind := DetectKind(raw)
		if kind != "" {
			assert.Contains(t, DocumentKinds, kind)
		}
	})
}
