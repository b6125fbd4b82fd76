package voicesched

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleSnapshot(t testing.TB) *Snapshot {
	t.Helper()
	e := New()
	require.NoError(t, e.Load(loadTreeFile(t, "testdata/sample/tree.json")))
	return e.Snapshot()
}

func TestFindResolvesWhatAnAgentKnows(t *testing.T) {
	snap := sampleSnapshot(t)
	for _, tc := range []struct {
		scenario, query, want string
	}{
		{"the GUID-like id itself", "clinic-maple", "clinic-maple"},
		{"the clinic's name read off the contract", "Maple Street Clinic", "clinic-maple"},
		{"the reference id on the invoice", "MSC-17", "clinic-maple"},
		{"the reference id typed in lower case", "msc-17", "clinic-maple"},
		{"the name with a stray space", "  Maple Street Clinic ", "clinic-maple"},
		{"an endpoint by id", "ep-maple-dr-lee", "ep-maple-dr-lee"},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			got, err := snap.Find(tc.query)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestFindSuggestsNodesForATypo(t *testing.T) {
	snap := sampleSnapshot(t)
	_, err := snap.Find("clinic-mapel")
	var lookup *LookupError
	require.ErrorAs(t, err, &lookup)
	require.NotEmpty(t, lookup.Suggestions)
	assert.LessOrEqual(t, len(lookup.Suggestions), 3)
	assert.Equal(t, NodeRef{ID: "clinic-maple", Name: "Maple Street Clinic"}, lookup.Suggestions[0])
	assert.Contains(t, err.Error(), `did you mean clinic-maple "Maple Street Clinic"?`)
	var notFound *NotFoundError
	require.True(t, errors.As(err, &notFound), "a name that matches nothing is a NotFoundError too")
	assert.Equal(t, "clinic-mapel", notFound.ID)
}

func TestFindSuggestsNodesWhoseNameContainsTheWord(t *testing.T) {
	snap := sampleSnapshot(t)
	_, err := snap.Find("harbour")
	var lookup *LookupError
	require.ErrorAs(t, err, &lookup)
	require.NotEmpty(t, lookup.Suggestions)
	assert.LessOrEqual(t, len(lookup.Suggestions), 3)
	for _, s := range lookup.Suggestions {
		assert.Contains(t, s.ID, "harbour")
	}
}

func TestFindRefusesAFarOffWordWithoutSuggestions(t *testing.T) {
	snap := sampleSnapshot(t)
	_, err := snap.Find("zzzzqqqq")
	var lookup *LookupError
	require.ErrorAs(t, err, &lookup)
	assert.Empty(t, lookup.Suggestions)
	assert.NotContains(t, err.Error(), "did you mean")
}

func TestFindRefusesANameTwoNodesShare(t *testing.T) {
	e := New()
	require.NoError(t, e.Load(Tree{Customers: []*CustomerInfo{
		{EntityInfo: EntityInfo{ID: "a"}, Name: "Front Desk"},
		{EntityInfo: EntityInfo{ID: "b"}, Name: "Front Desk", ParentCustomerID: "a"},
	}}))
	_, err := e.Snapshot().Find("Front Desk")
	var lookup *LookupError
	require.ErrorAs(t, err, &lookup)
	assert.Equal(t, []NodeRef{{ID: "a", Name: "Front Desk"}, {ID: "b", Name: "Front Desk"}}, lookup.Ambiguous)
	assert.Contains(t, err.Error(), "give the id")
	var notFound *NotFoundError
	assert.False(t, errors.As(err, &notFound), "an ambiguous name is not a missing one")
}

func TestFindPrefersAnExactNameOverOneInAnotherCase(t *testing.T) {
	e := New()
	require.NoError(t, e.Load(Tree{Customers: []*CustomerInfo{
		{EntityInfo: EntityInfo{ID: "a"}, Name: "LAB"},
		{EntityInfo: EntityInfo{ID: "b"}, Name: "Lab", ParentCustomerID: "a"},
	}}))
	got, err := e.Snapshot().Find("Lab")
	require.NoError(t, err)
	assert.Equal(t, "b", got)
}

// Whatever is typed, Find answers with a node of the snapshot or a
// LookupError, and suggests at most three nodes that exist.
func FuzzFind(f *testing.F) {
	for _, seed := range []string{"clinic-maple", "Maple Street Clinic", "msc-17", "clinic-mapel", "harbour", "", "  ", "\xff\xfe", "ep"} {
		f.Add(seed)
	}
	snap := sampleSnapshot(f)
	f.Fuzz(func(t *testing.T, query string) {
		id, err := snap.Find(query)
		if err == nil {
			require.True(t, snap.Customer(id) != nil || snap.Endpoint(id) != nil, id)
			return
		}
		var lookup *LookupError
		require.ErrorAs(t, err, &lookup)
		require.LessOrEqual(t, len(lookup.Suggestions), maxSuggestions)
		for _, s := range lookup.Suggestions {
			require.True(t, snap.Customer(s.ID) != nil || snap.Endpoint(s.ID) != nil, s.ID)
		}
	})
}
