package voicesched

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A scenario file: a tree (a path relative to the file, or inline), and
// questions a person would ask of it with the answers they expect.
type scenarioFile struct {
	Tree      json.RawMessage `json:"tree"`
	Scenarios []struct {
		Name   string `json:"name"`
		ID     string `json:"id"`
		At     string `json:"at"`
		Expect struct {
			StateName  string `json:"stateName"`
			Reason     string `json:"reason"`
			RuleID     string `json:"ruleId"`
			NodeID     string `json:"nodeId"`
			TimeZoneID string `json:"timeZoneId"`
			FlowID     string `json:"flowId"`
			Errors     int    `json:"errors"`
		} `json:"expect"`
		Next *struct {
			At    string `json:"at"`
			State string `json:"state"`
		} `json:"next"`
		NoNext bool `json:"noNext"`
	} `json:"scenarios"`
}

func loadTreeFile(t testing.TB, path string) Tree {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var tree Tree
	require.NoError(t, json.Unmarshal(raw, &tree))
	return tree
}

func TestScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "scenarios", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	total := 0
	for _, file := range files {
		raw, err := os.ReadFile(file)
		require.NoError(t, err)
		var sf scenarioFile
		require.NoError(t, json.Unmarshal(raw, &sf), file)
		var tree Tree
		var treePath string
		if json.Unmarshal(sf.Tree, &treePath) == nil {
			tree = loadTreeFile(t, filepath.Join(filepath.Dir(file), treePath))
		} else {
			require.NoError(t, json.Unmarshal(sf.Tree, &tree), file)
		}
		engine := New()
		require.NoError(t, engine.Load(tree), file)
		snap := engine.Snapshot()
		for _, sc := range sf.Scenarios {
			total++
			t.Run(filepath.Base(file)+"/"+sc.Name, func(t *testing.T) {
				at, err := time.Parse(time.RFC3339, sc.At)
				require.NoError(t, err)
				got, err := snap.Explain(sc.ID, at)
				require.NoError(t, err)
				e := sc.Expect
				assert.Equal(t, e.StateName, got.StateName, "state; trace: %+v", got.Trace)
				if e.Reason != "" {
					assert.Equal(t, e.Reason, string(got.Reason), "reason")
				}
				if e.RuleID != "" {
					require.NotNil(t, got.Rule, "deciding rule")
					assert.Equal(t, e.RuleID, got.Rule.ID, "rule")
				}
				if e.FlowID != "" {
					require.NotNil(t, got.Rule, "deciding rule")
					assert.Equal(t, e.FlowID, got.Rule.FlowID, "flowId")
				}
				if e.NodeID != "" {
					assert.Equal(t, e.NodeID, got.NodeID, "deciding node")
				}
				if e.TimeZoneID != "" {
					assert.Equal(t, e.TimeZoneID, got.TimeZoneID, "zone")
				}
				assert.Len(t, got.Errors, e.Errors, "errors: %v", got.Errors)
				// Evaluate (no trace) must give the same answer as Explain.
				plain, err := snap.Evaluate(sc.ID, at)
				require.NoError(t, err)
				assert.Equal(t, got.StateName, plain.StateName)
				assert.Equal(t, got.Rule, plain.Rule)
				if sc.Next != nil || sc.NoNext {
					ch, ok, err := snap.NextChange(sc.ID, at)
					require.NoError(t, err)
					if sc.NoNext {
						assert.False(t, ok, "no change expected, got %v", ch)
						return
					}
					require.True(t, ok, "a change is expected")
					want, err := time.Parse(time.RFC3339, sc.Next.At)
					require.NoError(t, err)
					assert.Equal(t, want.UTC(), ch.At.UTC(), "next change instant")
					assert.Equal(t, sc.Next.State, ch.State, "next state")
				}
			})
		}
	}
	assert.GreaterOrEqual(t, total, 30, "scenario count")
}
