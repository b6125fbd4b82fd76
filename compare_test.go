package voicesched

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
)

// checkComparison holds changes (which must be complete: nothing cut)
// against evaluating both snapshots: every change is in force at its first
// and last second and at every step inside it, with the rules it names;
// changes are sorted, disjoint and maximal to the second; and every step of
// [from, to) at which one of ids differs lies in a change.
func checkComparison(t *testing.T, before, after *Snapshot, ids []string, from, to time.Time, step time.Duration, changes []StateChange) {
	t.Helper()
	byNode := map[string][]StateChange{}
	for k, c := range changes {
		if k > 0 {
			prev := changes[k-1]
			require.True(t, prev.NodeID < c.NodeID || prev.NodeID == c.NodeID && !c.From.Before(prev.To),
				"changes sorted by node, then from, and disjoint: %v then %v", prev, c)
		}
		require.True(t, c.From.Before(c.To), "%v is not empty", c)
		require.False(t, c.From.Before(from) || c.To.After(to), "%v lies inside the window", c)
		require.NotEqual(t, c.Before, c.After, "%v", c)
		for _, at := range []time.Time{c.From, c.To.Add(-time.Second)} {
			b, err := before.Evaluate(c.NodeID, at)
			require.NoError(t, err)
			a, err := after.Evaluate(c.NodeID, at)
			require.NoError(t, err)
			require.Equal(t, c.Before, b.StateName, "before, at %v, in %v", at, c)
			require.Equal(t, c.After, a.StateName, "after, at %v, in %v", at, c)
		}
		b, _ := before.Evaluate(c.NodeID, c.From)
		a, _ := after.Evaluate(c.NodeID, c.From)
		assert.Equal(t, ruleRef(b.Rule), ruleRef(c.BeforeRule), "the rule deciding before at the start of %v", c)
		assert.Equal(t, ruleRef(a.Rule), ruleRef(c.AfterRule), "the rule deciding after at the start of %v", c)
		// Maximal: the second before and the second after hold another pair.
		for _, at := range []time.Time{c.From.Add(-time.Second), c.To} {
			if at.Before(from) || !at.Before(to) {
				continue
			}
			b, _ := before.Evaluate(c.NodeID, at)
			a, _ := after.Evaluate(c.NodeID, at)
			require.False(t, b.StateName == c.Before && a.StateName == c.After, "%v is not maximal: %v holds the same pair", c, at)
		}
		byNode[c.NodeID] = append(byNode[c.NodeID], c)
	}
	for _, id := range ids {
		list := byNode[id]
		k := 0
		for at := from; at.Before(to); at = at.Add(step) {
			for k < len(list) && !at.Before(list[k].To) {
				k++
			}
			inside := k < len(list) && !at.Before(list[k].From)
			b, err := before.Evaluate(id, at)
			require.NoError(t, err)
			a, err := after.Evaluate(id, at)
			require.NoError(t, err)
			if b.StateName == a.StateName {
				if inside {
					t.Fatalf("%s at %v: both say %q, yet %v is reported", id, at, b.StateName, list[k])
				}
				continue
			}
			require.True(t, inside, "%s at %v: %q before, %q after, and no change reported", id, at, b.StateName, a.StateName)
			require.Equal(t, list[k].Before, b.StateName)
			require.Equal(t, list[k].After, a.StateName)
		}
	}
}

// mutateTree returns a copy of tree with a few of its schedules changed the
// ways admins change them: a rule dropped, a state renamed, a zone dropped
// or changed, inherit or forceClosed toggled.
func mutateTree(rng *rand.Rand, tree Tree) Tree {
	out := Tree{Tags: tree.Tags}
	for _, c := range tree.Customers {
		out.Customers = append(out.Customers, c.Clone())
	}
	for n := 1 + rng.IntN(2); n > 0; n-- {
		c := out.Customers[rng.IntN(len(out.Customers))]
		mutateSchedule(rng, c.Schedule, c.ParentCustomerID != "")
	}
	return out
}

func mutateSchedule(rng *rand.Rand, s *Schedule, hasParent bool) {
	switch rng.IntN(6) {
	case 0:
		if len(s.Rules) > 0 {
			s.Rules = slices.Delete(s.Rules, 0, 1)
		}
	case 1:
		if len(s.Rules) > 0 {
			s.Rules[len(s.Rules)-1].State = "Renamed"
		}
	case 2:
		s.TimeZoneID = ""
	case 3:
		s.TimeZoneID = []string{"America/Chicago", "Europe/Berlin", "Australia/Adelaide"}[rng.IntN(3)]
	case 4:
		s.Inherit = !s.Inherit && hasParent
	default:
		s.ForceClosed = !s.ForceClosed
	}
}

func TestCompareAgreesWithEveryMinuteOnRandomTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 15))
	reported := 0
	for k := 0; k < 20; k++ {
		tree := randomTree(rng)
		before, after := New(), New()
		require.NoError(t, before.Load(tree))
		require.NoError(t, after.Load(mutateTree(rng, tree)))
		// Three days that hold a DST change somewhere (late October to early November).
		from := time.Date(2026, 10, 22+rng.IntN(8), rng.IntN(24), 0, 0, 0, time.UTC)
		to := from.Add(3 * 24 * time.Hour)
		t.Run(fmt.Sprintf("tree%d", k), func(t *testing.T) {
			cmp, err := Compare(before.Snapshot(), after.Snapshot(), from, to)
			require.NoError(t, err)
			require.Empty(t, cmp.Cut)
			require.Empty(t, cmp.Added)
			require.Empty(t, cmp.Removed)
			checkComparison(t, before.Snapshot(), after.Snapshot(), before.Snapshot().IDs(), from, to, time.Minute, cmp.Changes)
			reported += len(cmp.Changes)
		})
	}
	require.Greater(t, reported, 20, "the mutations change states")
}

// withRandomEndpoints adds endpoints to some customers of tree: without a
// schedule (they answer as their customer), or following its state.
func withRandomEndpoints(rng *rand.Rand, tree Tree) Tree {
	for k, c := range tree.Customers {
		if rng.IntN(2) == 0 {
			continue
		}
		ep := &Endpoint{ID: fmt.Sprintf("ep%d", k), Name: "Phone", CustomerID: c.ID}
		if rng.IntN(2) == 0 {
			ep.Schedule = &Schedule{DefaultState: "Unavailable", Rules: []SchedulingRule{{ID: "follow", State: "Available",
				SimpleRuleType: model.RuleCustomerState, CustomerState: []string{"Open", "Closed", "Lunch"}[rng.IntN(3)]}}}
		}
		tree.Endpoints = append(tree.Endpoints, ep)
	}
	return tree
}

// randomPatch is a patch of a random customer of s of a random kind: a new
// schedule, a move, a switch, a dropped zone.
func randomPatch(rng *rand.Rand, s *Snapshot) PatchCustomer {
	var ids []string
	for _, id := range s.IDs() {
		if s.Customer(id) != nil {
			ids = append(ids, id)
		}
	}
	id := ids[rng.IntN(len(ids))]
	p := PatchCustomer{CustomerID: id}
	c := s.Customer(id)
	switch rng.IntN(4) {
	case 0: // a whole new schedule, borrowed from a random tree
		other := randomTree(rng)
		p.Schedule = Some(other.Customers[len(other.Customers)-1].Schedule)
	case 1: // a move under a random customer that is not below it
		var parents []string
		for _, cand := range ids {
			if i, j := s.indexOr(id), s.indexOr(cand); cand != id && !s.isAncestor(i, j) {
				parents = append(parents, cand)
			}
		}
		if len(parents) > 0 && rng.IntN(4) > 0 {
			p.ParentCustomerID = Some(parents[rng.IntN(len(parents))])
		} else {
			p.ParentCustomerID = Some("")
		}
	default:
		sched := c.Schedule.Clone()
		mutateSchedule(rng, sched, c.ParentCustomerID != "")
		p.Schedule = Some(sched)
	}
	return p
}

func TestPreviewAgreesWithEveryMinuteOnRandomPatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 1215))
	applied, reported := 0, 0
	for k := 0; k < 24; k++ {
		e := New()
		require.NoError(t, e.Load(withRandomEndpoints(rng, randomTree(rng))))
		s := e.Snapshot()
		p := randomPatch(rng, s)
		from := time.Date(2026, 10, 22+rng.IntN(8), rng.IntN(24), 0, 0, 0, time.UTC)
		to := from.Add(3 * 24 * time.Hour)
		t.Run(fmt.Sprintf("tree%d/%s", k, p.CustomerID), func(t *testing.T) {
			preview, err := s.PreviewPatch(&p, from, to)
			require.NoError(t, err)
			require.Same(t, s, e.Snapshot(), "a preview publishes nothing")
			validation := e.ValidatePatch(p, nil)
			require.Equal(t, !validation.HasErrors(), preview.Applies, "%v", validation)
			if !preview.Applies {
				require.Equal(t, validation.Errors(), preview.Problems.Errors())
				require.Empty(t, preview.Changes)
				return
			}
			applied++
			reported += len(preview.Changes)
			require.Empty(t, preview.Cut)
			// The whole tree is checked, so a change outside the
			// customer's subtree would be caught as unreported.
			checkComparison(t, s, preview.After, s.IDs(), from, to, time.Minute, preview.Changes)
			// The preview's snapshot is what Patch publishes.
			_, err = e.Patch(p, "", nil)
			require.NoError(t, err)
			for _, id := range s.IDs() {
				at := from.Add(time.Duration(rng.Int64N(int64(to.Sub(from)))))
				want, _ := e.Snapshot().Evaluate(id, at)
				got, _ := preview.After.Evaluate(id, at)
				require.Equal(t, want.StateName, got.StateName, "%s at %v", id, at)
			}
		})
	}
	require.Greater(t, applied, 12, "most random patches apply")
	require.Greater(t, reported, 20, "the patches change states")
}

func TestCompareOfOneSnapshotWithItselfIsEmpty(t *testing.T) {
	s := sampleEngine(t).Snapshot()
	from := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	cmp, err := Compare(s, s, from, from.Add(14*24*time.Hour))
	require.NoError(t, err)
	assert.Empty(t, cmp.Changes)
	assert.Empty(t, cmp.Cut)
}

func TestCompareRefusesAWindowThatEndsBeforeItStarts(t *testing.T) {
	s := sampleEngine(t).Snapshot()
	from := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	_, err := Compare(s, s, from, from.Add(-time.Hour))
	require.ErrorContains(t, err, "ends")
}

func TestCompareListsNodesOnlyOneTreeHas(t *testing.T) {
	tree := loadTreeFile(t, "testdata/sample/tree.json")
	smaller := tree
	smaller.Endpoints = slices.DeleteFunc(slices.Clone(tree.Endpoints), func(ep *Endpoint) bool { return ep.ID == "ep-maple-dr-lee" })
	a, b := New(), New()
	require.NoError(t, a.Load(tree))
	require.NoError(t, b.Load(smaller))
	from := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	cmp, err := Compare(a.Snapshot(), b.Snapshot(), from, from.Add(24*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, []string{"ep-maple-dr-lee"}, cmp.Removed)
	assert.Empty(t, cmp.Added)
	assert.Empty(t, cmp.Changes)
	cmp, err = Compare(b.Snapshot(), a.Snapshot(), from, from.Add(24*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, []string{"ep-maple-dr-lee"}, cmp.Added)
}

// A search that spends its budget is reported as cut, and what was
// searched up to then is still compared.
func TestCompareReportsACutSearch(t *testing.T) {
	tree := Tree{Customers: []*CustomerInfo{{EntityInfo: EntityInfo{ID: "busy"}, Name: "Busy", Schedule: &Schedule{
		TimeZoneID: "UTC", DefaultState: "Quiet", Rules: []SchedulingRule{{ID: "odd-seconds", State: "Ringing",
			SimpleRuleType: model.RuleAlways, Condition: "second % 2 == 1"}}}}}}
	before := New(WithSearchBudget(500))
	require.NoError(t, before.Load(tree))
	changed := Tree{Customers: []*CustomerInfo{tree.Customers[0].Clone()}}
	changed.Customers[0].Schedule.DefaultState = "Silent"
	after := New(WithSearchBudget(500))
	require.NoError(t, after.Load(changed))
	from := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	cmp, err := Compare(before.Snapshot(), after.Snapshot(), from, from.Add(24*time.Hour))
	require.NoError(t, err)
	require.Equal(t, []string{"busy"}, cmp.Cut)
	require.NotEmpty(t, cmp.Changes)
	last := cmp.Changes[len(cmp.Changes)-1]
	require.True(t, last.To.Before(from.Add(24*time.Hour)), "the changes stop where the search stopped")
	checkComparison(t, before.Snapshot(), after.Snapshot(), nil, from, last.To, time.Second, cmp.Changes)
}
