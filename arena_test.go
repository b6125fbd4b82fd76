package voicesched

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Strings from the arena equal what was copied, survive later copies (which
// append to the same block) and long ones are copied on their own.
func TestStringArenaCopies(t *testing.T) {
	var a stringArena
	var want, got []string
	for k := range 5000 {
		s := strings.Repeat(string(rune('a'+k%26)), k%40)
		want = append(want, s)
		got = append(got, a.copy(s))
	}
	long := strings.Repeat("x", arenaLongest+1)
	require.Equal(t, long, a.copy(long))
	require.Equal(t, want, got)
}

// Load keeps the ids, names and parent ids it was given, however it stores
// them.
func TestLoadKeepsRecordStrings(t *testing.T) {
	tree := smallPlatform(2)
	e := New()
	require.NoError(t, e.Load(tree))
	s := e.Snapshot()
	for _, c := range tree.Customers {
		got := s.Customer(c.ID)
		require.NotNil(t, got)
		require.Equal(t, [3]string{c.ID, c.Name, c.ParentCustomerID}, [3]string{got.ID, got.Name, got.ParentCustomerID})
	}
	for _, ep := range tree.Endpoints {
		got := s.Endpoint(ep.ID)
		require.NotNil(t, got)
		require.Equal(t, *ep, *got)
	}
}
