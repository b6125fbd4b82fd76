package voicesched

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/voicesched/voicesched/internal/jsonpath"
)

// absentMemberCodes are the codes whose path may name a member that is not
// in the input: the member that should be there (docs/semantics.md#lint-codes).
// Their parent is always in the input.
var absentMemberCodes = map[string]bool{
	CodeNoDefaultState: true, CodeOneWindowAtEpoch: true, CodeRuleAfterAlways: true, CodeShadowedRule: true,
	CodeIgnoredByRuleType: true, CodeEmptyState: true, CodeEmptyCustomerState: true, CodeNoParentState: true,
	CodeEmptyStartDate: true, CodeIgnoredField: true, "empty-set": true,
	CodeEmptyID: true, CodeEmptyName: true, CodeParentNotFound: true,
}

// FuzzReadDocumentProblemPaths runs the whole validation path the command
// line runs (ReadDocument: tell the kind, decode, validate, lint) on any
// document: it never panics, and every problem's path exists in the input,
// or, for a member that should be there and is not, its parent does.
func FuzzReadDocumentProblemPaths(f *testing.F) {
	for _, name := range []string{"testdata/sample/tree.json", "testdata/cli/misrouting_schedule.json", "testdata/cli/broken_tree.json",
		"testdata/cli/bad_schedule.json", "testdata/cli/customer.json", "testdata/cli/patch_problems.json", "testdata/cli/patch_misspelt.json"} {
		raw, err := os.ReadFile(filepath.FromSlash(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	for _, s := range []string{
		`{"customers":[{"id":"c","name":"C","schedule":{"defaultState":"Open","rules":[{"state":"Holiday","simpleRuleType":"Time","isAllDay":true,"frequency":"Yearly","startDate":"2026-12-25"}]}},` +
			`{"id":"d","name":"D","parentCustomerId":"c","schedule":{"rules":[{"state":"x","simpleRuleType":"CustomerState","customerState":"Holidy"}]}}]}`,
		`{"customerId":"c","data":{"a":{"boolValue":true,"stringValue":"x"}},"nmae":"x"}`,
		`{"customers":[{"id":"c","data":{"a.b":{"structValue":{"x[0]":{"numberValue":1,"listValue":[]}}}}}],"endpoints":[{"id":"e"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		done := make(chan struct{})
		go func() {
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				panic(fmt.Sprintf("validation is still running after 5 s on %q", raw))
			}
		}()
		doc := ReadDocument(raw, "", nil)
		close(done)
		var decoded any
		if json.Unmarshal(raw, &decoded) != nil {
			return // not JSON: the problems name the document
		}
		for _, p := range doc.Problems {
			if p.Code == "" || p.Message == "" {
				t.Fatalf("problem without code or message: %+v", p)
			}
			if p.Path == "(document)" {
				continue
			}
			if _, ok := jsonpath.Resolve(decoded, p.Path); ok {
				continue
			}
			parent, isMember := jsonpath.Parent(p.Path)
			if !absentMemberCodes[p.Code] || !isMember {
				t.Fatalf("problem %s: path %q is not in the input %s", p.Code, p.Path, raw)
			}
			if _, ok := jsonpath.Resolve(decoded, parent); !ok {
				t.Fatalf("problem %s: neither %q nor its parent %q is in the input %s", p.Code, p.Path, parent, raw)
			}
		}
	})
}
