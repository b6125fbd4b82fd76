package voicesched

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// EvaluateAll shares one evaluation between nodes whose answers are alike;
// every node's answer must still be exactly its own, on platform trees,
// random trees (zones that do not resolve, force-closed nodes, nodes that
// follow their parent's state) and a tree whose inheriting nodes carry notes.
func TestEvaluateAllAgreesWithEvaluateOnManyTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 13))
	trees := map[string]Tree{"platform": smallPlatform(4)}
	for k := range 8 {
		trees[fmt.Sprintf("random%d", k)] = randomTree(rng)
	}
	notes := smallPlatform(1)
	for _, c := range notes.Customers {
		if c.Schedule != nil && c.Schedule.Inherit {
			c.Schedule.TimeZoneID = "Mars/Olympus_Mons" // an inheriting node with a note
		}
	}
	trees["notes"] = notes
	for name, tree := range trees {
		t.Run(name, func(t *testing.T) {
			e := New()
			require.NoError(t, e.Load(tree))
			s := e.Snapshot()
			for range 30 {
				at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.Int64N(int64(365 * 24 * time.Hour))))
				all := s.EvaluateAll(at)
				require.Equal(t, s.Len(), all.Len())
				count, withErrors := 0, 0
				for id, got := range all.All() {
					count++
					if len(got.Errors) > 0 {
						withErrors++
					}
					want, err := s.Evaluate(id, at)
					require.NoError(t, err)
					require.Equal(t, want, got, "%s at %v", id, at)
				}
				require.Equal(t, s.Len(), count)
				if name == "notes" {
					require.Positive(t, withErrors, "the notes tree's inheriting nodes report their notes")
				}
			}
		})
	}
}
