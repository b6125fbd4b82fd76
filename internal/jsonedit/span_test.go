package jsonedit

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindElementFindsTheRecordByItsID(t *testing.T) {
	doc := []byte(`{"tags": [{"id": "clinic-maple"}], "customers": [
  {"id": "reseller", "name": "R"},
  {"name": "M", "id": "clinic-maple", "data": {"id": "not this"}},
  7, {"noid": true}
], "endpoints": []}`)
	span, err := FindElement(doc, "customers", "clinic-maple")
	require.NoError(t, err)
	assert.Equal(t, `{"name": "M", "id": "clinic-maple", "data": {"id": "not this"}}`, string(doc[span.Start:span.End]))

	_, err = FindElement(doc, "customers", "nobody")
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestFindElementReadsNamesAndIDsAsDecodingDoes(t *testing.T) {
	for _, tc := range []struct {
		scenario, doc, want string
	}{
		{"an escaped id", `{"customers": [{"id": "clinic\u002dmaple"}]}`, `{"id": "clinic\u002dmaple"}`},
		{"the list member in another case", `{"Customers": [{"id": "clinic-maple"}]}`, `{"id": "clinic-maple"}`},
		{"a repeated list member: the last counts", `{"customers": [{"id": "clinic-maple", "n": 1}], "customers": [{"id": "clinic-maple", "n": 2}]}`, `{"id": "clinic-maple", "n": 2}`},
		{"the id member in another case", `{"customers": [{"ID": "clinic-maple"}]}`, `{"ID": "clinic-maple"}`},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			span, err := FindElement([]byte(tc.doc), "customers", "clinic-maple")
			require.NoError(t, err)
			assert.Equal(t, tc.want, tc.doc[span.Start:span.End])
		})
	}
}

func TestFindElementRefusesWhatItCannotEditSafely(t *testing.T) {
	for _, tc := range []struct{ scenario, doc string }{
		{"two records with the id", `{"customers": [{"id": "a"}, {"id": "a"}]}`},
		{"a list that is not a list", `{"customers": {"id": "a"}}`},
		{"not an object", `[{"id": "a"}]`},
		{"broken JSON", `{"customers": [{"id": "a"}`},
		{"a second document", `{"customers": [{"id": "a"}]} {}`},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			_, err := FindElement([]byte(tc.doc), "customers", "a")
			assert.Error(t, err)
		})
	}
}

// The sample tree with one customer replaced: every byte before and after
// the record is as it was, and the record sits at its old indentation.
func TestReplaceKeepsTheRestOfTheFileByteForByte(t *testing.T) {
	doc, err := os.ReadFile("../../testdata/sample/tree.json")
	require.NoError(t, err)
	span, err := FindElement(doc, "customers", "clinic-maple")
	require.NoError(t, err)
	var record map[string]any
	require.NoError(t, json.Unmarshal(doc[span.Start:span.End], &record))
	record["name"] = "Maple Street Family Clinic"
	out, err := Replace(doc, span, record)
	require.NoError(t, err)
	assert.Equal(t, doc[:span.Start], out[:span.Start])
	tail := len(doc) - span.End
	assert.Equal(t, doc[span.End:], out[len(out)-tail:])
	var tree struct {
		Customers []map[string]any `json:"customers"`
	}
	require.NoError(t, json.Unmarshal(out, &tree))
	found := false
	for _, c := range tree.Customers {
		if c["id"] == "clinic-maple" {
			found = true
			assert.Equal(t, "Maple Street Family Clinic", c["name"])
		}
	}
	assert.True(t, found)
	lineStart := bytes.LastIndexByte(out[:span.Start], '\n') + 1
	firstMember := out[span.Start+2:]
	assert.True(t, bytes.HasPrefix(firstMember, append(append([]byte{}, out[lineStart:span.Start]...), "  \""...)),
		"members are indented one step in from the record")
}

func TestReplaceWritesAOneLineRecordOnOneLine(t *testing.T) {
	doc := []byte(`{"customers": [{"id": "a", "name": "x"}, {"id": "b"}]}`)
	span, err := FindElement(doc, "customers", "a")
	require.NoError(t, err)
	out, err := Replace(doc, span, map[string]string{"id": "a", "name": "<y>"})
	require.NoError(t, err)
	assert.Equal(t, `{"customers": [{"id":"a","name":"<y>"}, {"id": "b"}]}`, string(out))
}

func FuzzFindElement(f *testing.F) {
	for _, seed := range []string{
		`{"customers": [{"id": "a"}, {"id": "b", "x": [1, {"id": "a"}]}]}`,
		`{"Customers": [{"id": "a"}], "customers": null}`,
		"{\n  \"customers\": [\n    {\n      \"id\": \"a\"\n    }\n  ]\n}",
		`{"customers": [1, "a", {"id": 5}, {"id": "a"}]}`,
		`{"customers": [`, `[]`, ``,
	} {
		f.Add([]byte(seed), "a")
	}
	f.Fuzz(func(t *testing.T, doc []byte, id string) {
		span, err := FindElement(doc, "customers", id)
		if err != nil {
			return
		}
		require.True(t, 0 <= span.Start && span.Start < span.End && span.End <= len(doc))
		var record struct {
			ID string `json:"id"`
		}
		require.NoError(t, json.Unmarshal(doc[span.Start:span.End], &record))
		require.Equal(t, id, record.ID)
		out, err := Replace(doc, span, map[string]string{"id": id, "name": "changed"})
		require.NoError(t, err)
		require.True(t, json.Valid(out), "the edited document is JSON")
		again, err := FindElement(out, "customers", id)
		require.NoError(t, err)
		require.Equal(t, span.Start, again.Start, "the record stays where it was")
	})
}

// The record keeps its member order; a member it did not have stays absent
// when the new value is empty, and is added when it is not.
func TestReplaceWritesTheRecordInItsOldShape(t *testing.T) {
	type record struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		IsStaging bool   `json:"isStaging"`
		Seats     int    `json:"seats"`
		Note      string `json:"note,omitempty"`
	}
	doc := []byte("{\"customers\": [\n  {\n    \"name\": \"Old\",\n    \"ID\": \"a\",\n    \"note\": \"gone soon\"\n  }\n]}")
	span, err := FindElement(doc, "customers", "a")
	require.NoError(t, err)
	out, err := Replace(doc, span, record{ID: "a", Name: "New", Seats: 3})
	require.NoError(t, err)
	assert.Equal(t, "{\"customers\": [\n  {\n    \"name\": \"New\",\n    \"id\": \"a\",\n    \"seats\": 3\n  }\n]}", string(out))
}

// A member whose empty value means something (a Value that is the empty
// string, not no value) is written, though the old record did not have it.
func TestReplaceKeepsAnEmptyMemberThatMeansSomething(t *testing.T) {
	type value struct {
		StringValue *string  `json:"stringValue,omitempty"`
		NumberValue *float64 `json:"numberValue,omitempty"`
	}
	type record struct {
		ID   string           `json:"id"`
		Data map[string]value `json:"data"`
	}
	doc := []byte(`{"customers": [{"id": "a", "data": {"x": {"numberValue": 1}}}]}`)
	span, err := FindElement(doc, "customers", "a")
	require.NoError(t, err)
	empty := ""
	out, err := Replace(doc, span, record{ID: "a", Data: map[string]value{"x": {StringValue: &empty}}})
	require.NoError(t, err)
	assert.Equal(t, `{"customers": [{"id":"a","data":{"x":{"stringValue":""}}}]}`, string(out))
}
