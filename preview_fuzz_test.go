package voicesched

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzPreviewPatch: any PatchCustomer JSON previewed against the sample tree
// never panics, publishes nothing, applies exactly when Patch's checks find
// no error, and reports sorted, non-empty changes inside the window.
func FuzzPreviewPatch(f *testing.F) {
	for _, s := range []string{
		closeEarlyOnDec24,
		`{"customerId":"clinic-maple","parentCustomerId":"clinic-harbour"}`,
		`{"customerId":"dept-maple-lab","parentCustomerId":""}`,
		`{"customerId":"clinic-harbour","schedule":{"forceClosed":true}}`,
		`{"customerId":"clinic-maple","tagIds":["tag-medical"],"data":{"region":null,"x":{"numberValue":1}}}`,
		`{"customerId":"reseller-northwind","schedule":{"timeZoneId":"Europe/Paris","rules":[{"simpleRuleType":"Always","state":"Open","condition":"minute % 7 == 0"}]}}`,
		`{"customerId":"clinic-maple","schedule":{"rules":[{"simpleRuleType":"Always","state":"Open","condition":"((("}]}}`,
		`{"customerId":"ep-maple-dr-lee","name":"x"}`, `{"customerId":"nobody"}`, `{}`,
	} {
		f.Add([]byte(s))
	}
	tree := loadTreeFile(f, "testdata/sample/tree.json")
	from := time.Date(2026, 12, 23, 0, 0, 0, 0, time.UTC)
	to := from.Add(48 * time.Hour)
	f.Fuzz(func(t *testing.T, raw []byte) {
		var p PatchCustomer
		if json.Unmarshal(raw, &p) != nil {
			return
		}
		e := New(WithClock(func() time.Time { return patchClock }), WithSearchBudget(20000))
		if err := e.Load(tree); err != nil {
			t.Fatal(err)
		}
		s := e.Snapshot()
		preview, err := s.PreviewPatch(&p, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if e.Snapshot() != s {
			t.Fatal("a preview published a snapshot")
		}
		if problems := e.ValidatePatch(p, nil); preview.Applies == problems.HasErrors() {
			t.Fatalf("applies %v, but Patch's checks say %v", preview.Applies, problems)
		}
		for k, c := range preview.Changes {
			if !c.From.Before(c.To) || c.From.Before(from) || c.To.After(to) || c.Before == c.After {
				t.Fatalf("bad change %v", c)
			}
			if k > 0 && preview.Changes[k-1].NodeID == c.NodeID && c.From.Before(preview.Changes[k-1].To) {
				t.Fatalf("overlapping changes %v, %v", preview.Changes[k-1], c)
			}
		}
		if _, err := json.Marshal(preview); err != nil {
			t.Fatal(err)
		}
	})
}
