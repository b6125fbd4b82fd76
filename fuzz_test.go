package voicesched

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"
)

func FuzzDecodeCustomer(f *testing.F) {
	seed, err := os.ReadFile("testdata/seed/customer_response.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	for _, s := range []string{`{}`, `{"tags":[{"color":42}]}`, `{"data":{"a":{"listValue":[null]}}}`, `{"id":"\ud800"}`,
		`{"integrationData":{"x":null}}`, `{"billingSettings":{"base":{"baseCost":1e308}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var c CustomerInfo
		if json.Unmarshal(raw, &c) != nil {
			return
		}
		out, err := json.Marshal(&c)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		var back CustomerInfo
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("decode own output: %v", err)
		}
		again, _ := json.Marshal(&back)
		if string(again) != string(out) {
			t.Fatalf("round trip changed:\n%s\n%s", out, again)
		}
		if clone := c.Clone(); clone == nil {
			t.Fatal("clone")
		}
		for _, p := range ValidateCustomer(&c) {
			if p.Path == "" || p.Code == "" {
				t.Fatalf("a problem without a path or code: %+v", p)
			}
		}
	})
}

// FuzzPatchApply: any PatchCustomer JSON against the sample tree never
// panics, and an error leaves the tree exactly as it was.
func FuzzPatchApply(f *testing.F) {
	for _, s := range []string{
		`{"customerId":"clinic-maple","name":"X"}`,
		`{"customerId":"clinic-maple","parentCustomerId":"dept-maple-lab"}`,
		`{"customerId":"reseller-northwind","parentCustomerId":"clinic-harbour"}`,
		`{"customerId":"dept-maple-lab","parentCustomerId":""}`,
		`{"customerId":"clinic-maple","data":{"region":null,"x":{"numberValue":1}},"tagIds":["tag-vip","tag-vip","nope"]}`,
		`{"customerId":"clinic-harbour","schedule":{"timeZoneId":"Nowhere","rules":[{"simpleRuleType":"Time","frequency":"Hourly","interval":2,"byHour":[1],"state":"x"}]}}`,
		`{"customerId":"clinic-maple","schedule":{"rules":[{"simpleRuleType":"Always","state":"Open","condition":"((((((("}]}}`,
		`{"customerId":"clinic-maple","expectedDateLastModified":"stale","name":"Y"}`,
		`{"customerId":"ep-maple-dr-lee"}`, `{"customerId":"","name":null}`,
	} {
		f.Add([]byte(s))
	}
	tree := loadTreeFile(f, "testdata/sample/tree.json")
	f.Fuzz(func(t *testing.T, raw []byte) {
		var p PatchCustomer
		if json.Unmarshal(raw, &p) != nil {
			return
		}
		e := New(WithClock(func() time.Time { return patchClock }))
		if err := e.Load(tree); err != nil {
			t.Fatal(err)
		}
		before, _ := json.Marshal(e.Snapshot().Tree())
		snap := e.Snapshot()
		validated := e.ValidatePatch(p, nil)
		_ = ValidatePatch(p)
		_, err := e.Patch(p, "fuzz", nil)
		if (err == nil) != !validated.HasErrors() {
			t.Fatalf("ValidatePatch found %v but Patch says %v", validated, err)
		}
		if err != nil {
			after, _ := json.Marshal(e.Snapshot().Tree())
			if string(before) != string(after) || e.Snapshot() != snap {
				t.Fatalf("a failed patch (%v) changed the tree", err)
			}
			return
		}
		// After a successful patch the tree is still well formed.
		s := e.Snapshot()
		for _, id := range s.IDs() {
			if _, err := s.Evaluate(id, patchClock); err != nil {
				t.Fatal(err)
			}
		}
		if len(s.IDs()) != s.Len() {
			t.Fatalf("%d nodes reachable of %d", len(s.IDs()), s.Len())
		}
	})
}

// FuzzLoadTree: any tree file loads or is refused with an error; a loaded
// tree answers for every node and finds next changes without hanging.
func FuzzLoadTree(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input it finds, and
	// minimising a copy of the 13 KB sample tree stalls it for minutes.
	for _, s := range []string{
		`{"customers":[{"id":"r","schedule":{"timeZoneId":"America/New_York","defaultState":"Closed","rules":[{"id":"h","state":"Open","simpleRuleType":"Time","frequency":"Weekly","startTime":"09:00","endTime":"17:00","byDay":[{"dayOfWeek":1},{"dayOfWeek":5}]}]}},{"id":"c","parentCustomerId":"r","schedule":{"rules":[{"state":"Off","simpleRuleType":"CustomerState","customerState":"closed"},{"state":"Lunch","simpleRuleType":"Always","condition":"hour == 12"}]}}],"endpoints":[{"id":"e","customerId":"c"}]}`,
		`{"customers":[{"id":"a","parentCustomerId":"b"},{"id":"b","parentCustomerId":"a"}]}`,
		`{"customers":[{"id":"a"},{"id":"a"}]}`,
		`{"customers":[{"id":"a"}],"endpoints":[{"id":"a","customerId":"a"}]}`,
		`{"customers":[{"id":"a","schedule":{"inherit":true}},{"id":"b","parentCustomerId":"a","schedule":{"rules":[{"simpleRuleType":1,"customerState":"Open","state":"x"}]}}]}`,
		`{"customers":[null]}`, `{"endpoints":[{"id":"e"}]}`,
	} {
		f.Add([]byte(s), int64(1796000000))
	}
	f.Fuzz(func(t *testing.T, raw []byte, unix int64) {
		var tree Tree
		if json.Unmarshal(raw, &tree) != nil {
			return
		}
		problems := ValidateTree(tree)
		e := New(WithHorizon(30 * 24 * time.Hour))
		if err := e.Load(tree); err != nil {
			if !problems.HasErrors() {
				t.Fatalf("Load refused the tree (%v) but ValidateTree found no error", err)
			}
			return
		}
		at := time.Unix(unix%(100*365*86400), 0)
		s := e.Snapshot()
		for _, id := range s.IDs() {
			if _, err := s.Explain(id, at); err != nil {
				t.Fatal(err)
			}
			if ch, ok, _ := s.NextChange(id, at); ok && !ch.At.After(at) {
				t.Fatalf("next change %v not after %v", ch.At, at)
			}
		}
	})
}

// FuzzPutEndpoint: any endpoint record is put or refused; a refused put
// changes nothing, and after a put every node answers as it does in an
// engine loaded afresh from the resulting tree (PutEndpoint refreshes only
// what the endpoint touches).
func FuzzPutEndpoint(f *testing.F) {
	const tree = `{"customers":[{"id":"r","schedule":{"timeZoneId":"Europe/London","defaultState":"Open"}},` +
		`{"id":"c","parentCustomerId":"r","data":{"late":{"boolValue":true}},"schedule":{"rules":[{"state":"Holiday","simpleRuleType":"Always","condition":"hour == 12"}]}},` +
		`{"id":"d","parentCustomerId":"c","schedule":{"inherit":true}}],"endpoints":[{"id":"e","customerId":"d"},{"id":"f","customerId":"c","schedule":{"defaultState":"Busy"}}]}`
	for _, s := range []string{
		`{"id":"e","customerId":"c"}`,
		`{"id":"g","customerId":"d","schedule":{"rules":[{"state":"Late","simpleRuleType":"Always","condition":"customer.data.late == true"}]}}`,
		`{"id":"f","customerId":"r","schedule":{"rules":[{"state":"Off","simpleRuleType":"CustomerState","customerState":"Holiday"}]}}`,
		`{"id":"c","customerId":"r"}`, `{"id":"h","customerId":"e"}`, `{"id":"h","customerId":"nobody"}`, `{"id":"","customerId":"r"}`,
	} {
		f.Add([]byte(s), int64(1796000000))
	}
	f.Fuzz(func(t *testing.T, raw []byte, unix int64) {
		var ep Endpoint
		if json.Unmarshal(raw, &ep) != nil {
			return
		}
		var start Tree
		if err := json.Unmarshal([]byte(tree), &start); err != nil {
			t.Fatal(err)
		}
		e := New(WithHorizon(30 * 24 * time.Hour))
		if err := e.Load(start); err != nil {
			t.Fatal(err)
		}
		before := e.Snapshot()
		if err := e.PutEndpoint(&ep); err != nil {
			if e.Snapshot() != before {
				t.Fatalf("a refused put (%v) changed the snapshot", err)
			}
			return
		}
		fresh := New(WithHorizon(30 * 24 * time.Hour))
		if err := fresh.Load(e.Snapshot().Tree()); err != nil {
			t.Fatalf("the tree after a put does not load: %v", err)
		}
		at := time.Unix(unix%(100*365*86400), 0)
		s, fs := e.Snapshot(), fresh.Snapshot()
		for _, id := range fs.IDs() {
			want, err := fs.Evaluate(id, at)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Evaluate(id, at)
			if err != nil {
				t.Fatal(err)
			}
			if want.StateName != got.StateName || want.Reason != got.Reason || want.NodeID != got.NodeID || fmt.Sprint(want.Errors) != fmt.Sprint(got.Errors) {
				t.Fatalf("%s at %v: put gives %+v, a fresh load %+v", id, at, got, want)
			}
		}
	})
}
