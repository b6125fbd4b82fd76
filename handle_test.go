package voicesched

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAHandleAnswersAsItsIDDoesAcrossVersions(t *testing.T) {
	e := New()
	tree := smallPlatform(2)
	require.NoError(t, e.Load(tree))
	s := e.Snapshot()
	at := time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)
	handles := map[string]Handle{}
	for _, id := range s.IDs() {
		h, err := s.Lookup(id)
		require.NoError(t, err)
		assert.Equal(t, id, h.ID())
		handles[id] = h
		var byHandle Answer
		require.NoError(t, s.EvaluateHandle(&byHandle, h, at))
		byID, err := s.Evaluate(id, at)
		require.NoError(t, err)
		require.Equal(t, byID, byHandle, id)
		chHandle, okHandle, err := s.NextChangeHandle(h, at)
		require.NoError(t, err)
		chID, okID, err := s.NextChange(id, at)
		require.NoError(t, err)
		require.Equal(t, okID, okHandle)
		require.Equal(t, chID, chHandle, id)
	}

	// A removal rebuilds the tree and moves nodes: the handles still find theirs.
	removed := tree.Endpoints[0].ID
	require.NoError(t, e.RemoveEndpoint(removed))
	later := e.Snapshot()
	for id, h := range handles {
		var a Answer
		err := later.EvaluateHandle(&a, h, at)
		if id == removed {
			var notFound *NotFoundError
			require.ErrorAs(t, err, &notFound)
			continue
		}
		require.NoError(t, err)
		want, err := later.Evaluate(id, at)
		require.NoError(t, err)
		require.Equal(t, want, a, id)
	}
	_, err := later.Lookup(removed)
	var notFound *NotFoundError
	require.ErrorAs(t, err, &notFound)
	var a Answer
	require.Error(t, later.EvaluateHandle(&a, Handle{}, at), "the zero handle resolves nothing")
}
