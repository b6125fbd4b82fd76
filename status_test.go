package voicesched

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/internal/treegen"
)

// Every node's Status answer is the one Evaluate gives, at instants that
// cover holidays, lunch, weekends and the small hours, on the sample tree
// and on a generated platform tree.
func TestStatusAnswersAsEvaluateDoesForEveryNode(t *testing.T) {
	platform := New()
	require.NoError(t, platform.Load(platformTree(treegen.Size{Clinics: 3})))
	for name, snap := range map[string]*Snapshot{"sample": sampleSnapshot(t), "platform": platform.Snapshot()} {
		for _, at := range []string{"2026-11-26T15:00:00Z", "2026-11-25T17:30:00Z", "2026-11-28T15:00:00Z", "2026-12-25T04:00:00Z", "2026-07-04T12:00:00Z"} {
			t.Run(name+" at "+at, func(t *testing.T) {
				instant, err := time.Parse(time.RFC3339, at)
				require.NoError(t, err)
				all, err := snap.Status("", instant)
				require.NoError(t, err)
				require.Len(t, all, snap.Len())
				for _, n := range all {
					want, err := snap.Evaluate(n.ID, instant)
					require.NoError(t, err)
					assert.Equal(t, want, n.Answer, n.ID)
				}
			})
		}
	}
}

func TestStatusListsTheTreeInOrderWithDepths(t *testing.T) {
	snap := sampleSnapshot(t)
	all, err := snap.Status("", time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	ids := make([]string, len(all))
	position := map[string]int{}
	for i, n := range all {
		ids[i] = n.ID
		position[n.ID] = i
	}
	assert.Equal(t, snap.IDs(), ids, "tree order is the order IDs gives")
	for _, n := range all {
		if n.ParentID == "" {
			assert.Equal(t, 0, n.Depth, n.ID)
			continue
		}
		parent := all[position[n.ParentID]]
		assert.Less(t, position[n.ParentID], position[n.ID], "a parent comes before %s", n.ID)
		assert.Equal(t, parent.Depth+1, n.Depth, n.ID)
		assert.Equal(t, KindCustomer, parent.Kind, "only customers have children")
	}
	lee := all[position["ep-maple-dr-lee"]]
	assert.Equal(t, KindEndpoint, lee.Kind)
}

func TestStatusOfOneCustomerIsItsSubtree(t *testing.T) {
	snap := sampleSnapshot(t)
	at := time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
	all, err := snap.Status("", at)
	require.NoError(t, err)
	sub, err := snap.Status("clinic-maple", at)
	require.NoError(t, err)
	require.NotEmpty(t, sub)
	assert.Equal(t, "clinic-maple", sub[0].ID)
	assert.Equal(t, 0, sub[0].Depth)
	assert.Equal(t, "reseller-northwind", sub[0].ParentID, "the top keeps its parent")
	start := -1
	for i, n := range all {
		if n.ID == "clinic-maple" {
			start = i
		}
	}
	require.GreaterOrEqual(t, start, 0)
	for k, n := range sub {
		whole := all[start+k]
		assert.Equal(t, whole.ID, n.ID)
		assert.Equal(t, whole.Answer, n.Answer, n.ID)
		assert.Equal(t, whole.Depth-all[start].Depth, n.Depth, n.ID)
	}
	if next := start + len(sub); next < len(all) {
		assert.LessOrEqual(t, all[next].Depth, all[start].Depth, "the subtree ends where the next sibling or uncle starts")
	}

	_, err = snap.Status("nobody", at)
	var notFound *NotFoundError
	assert.ErrorAs(t, err, &notFound)
}

func TestStatusJSONHasEveryMemberOfThePublicShape(t *testing.T) {
	snap := sampleSnapshot(t)
	sub, err := snap.Status("clinic-maple", time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	raw, err := json.Marshal(sub[0])
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"clinic-maple","name":"Maple Street Clinic","parentId":"reseller-northwind","kind":"customer",
		"stateName":"Holiday","reason":"rule","nodeId":"clinic-maple","ruleId":"hol-thanksgiving",
		"ruleName":"Thanksgiving (fourth Thursday of November)","flowId":"`+sub[0].Answer.Rule.FlowID+`","timeZoneId":"America/New_York"}`, string(raw))
	var members []string
	dec := json.NewDecoder(bytes.NewReader(raw))
	_, _ = dec.Token()
	for dec.More() {
		tok, err := dec.Token()
		require.NoError(t, err)
		members = append(members, tok.(string))
		var skip json.RawMessage
		require.NoError(t, dec.Decode(&skip))
	}
	assert.Equal(t, []string{"id", "name", "parentId", "kind", "stateName", "reason", "nodeId", "ruleId", "ruleName", "flowId", "timeZoneId"}, members)
}

func BenchmarkStatus(b *testing.B) {
	p := platformFor(b, treegen.Size110k)
	snap := p.engine.Snapshot()
	at := time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		all, err := snap.Status("", at)
		if err != nil || len(all) != snap.Len() {
			b.Fatal(err)
		}
	}
}
