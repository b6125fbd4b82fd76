package ical

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/voicesched/voicesched"
)

// sampleSnapshot loads testdata/sample/tree.json into an engine.
func sampleSnapshot(t testing.TB) *voicesched.Snapshot {
	t.Helper()
	raw, err := os.ReadFile("../testdata/sample/tree.json")
	require.NoError(t, err)
	var tree voicesched.Tree
	require.NoError(t, json.Unmarshal(raw, &tree))
	engine := voicesched.New()
	require.NoError(t, engine.Load(tree))
	return engine.Snapshot()
}
