package voicesched

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/internal/treegen"
)

// withoutMemo turns the answer memos off (as the rule-evaluation benchmarks do).
func withoutMemo() Option { return func(c *config) { c.memo = false } }

// sameAnswer fails unless a and b say the same thing; rules are compared by
// identity within their schedules (two engines compile their own).
func sameAnswer(t *testing.T, want, got Answer, msgAndArgs ...any) {
	t.Helper()
	ruleOf := func(a Answer) string {
		if a.Rule == nil {
			return ""
		}
		return fmt.Sprintf("%s#%d", a.Rule.ID, a.Rule.Index)
	}
	require.Equal(t, ruleOf(want), ruleOf(got), msgAndArgs...)
	want.Rule, got.Rule, want.Trace, got.Trace = nil, nil, nil, nil
	require.Equal(t, want, got, msgAndArgs...)
}

// sameAnswersAt fails unless every node of want answers at instant at as it
// does in got.
func sameAnswersAt(t *testing.T, want, got *Snapshot, at time.Time, context string) {
	t.Helper()
	for _, id := range want.IDs() {
		w, err := want.Evaluate(id, at)
		require.NoError(t, err)
		g, err := got.Evaluate(id, at)
		require.NoError(t, err)
		sameAnswer(t, w, g, "%s: %s at %v", context, id, at)
	}
}

// smallPlatform is a platform-shaped tree of a few clinics.
func smallPlatform(clinics int) Tree { return platformTree(treegen.Size{Clinics: clinics}) }

// Remembered answers are the answers: on several trees, at instants that
// mostly move forward (as "now" does) with jumps back, every node's answer
// with the memos equals its answer worked out afresh.
func TestTheAnswerMemoAgreesWithEvaluationWithoutIt(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 5))
	trees := map[string]Tree{"platform": smallPlatform(3)}
	for k := range 6 {
		trees[fmt.Sprintf("random%d", k)] = randomTree(rng)
	}
	trees["sample"] = sampleEngine(t).Snapshot().Tree()
	for name, tree := range trees {
		t.Run(name, func(t *testing.T) {
			memo, plain := New(), New(withoutMemo())
			require.NoError(t, memo.Load(tree))
			require.NoError(t, plain.Load(tree))
			ms, ps := memo.Snapshot(), plain.Snapshot()
			ids := ms.IDs()
			at := time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.Int64N(int64(24 * time.Hour))))
			for step := range 400 {
				switch {
				case step%50 == 49:
					at = at.Add(-time.Duration(rng.Int64N(int64(48 * time.Hour))))
				case step%7 == 0:
					at = at.Add(time.Duration(rng.Int64N(int64(time.Minute))))
				default:
					at = at.Add(time.Duration(rng.Int64N(int64(3 * time.Hour))))
				}
				for _, id := range ids {
					want, err := ps.Evaluate(id, at)
					require.NoError(t, err)
					got, err := ms.Evaluate(id, at)
					require.NoError(t, err)
					sameAnswer(t, want, got, "%s at %v", id, at)
					if step%4 == 0 {
						wantChange, wantOK, wantErr := ps.NextChange(id, at)
						gotChange, gotOK, gotErr := ms.NextChange(id, at)
						require.Equal(t, wantErr, gotErr)
						require.Equal(t, wantOK, gotOK, "%s at %v", id, at)
						require.Equal(t, wantChange, gotChange, "%s at %v", id, at)
					}
				}
			}
		})
	}
}

// Readers fill memos while a writer replaces a clinic's schedule and data:
// within each snapshot, a remembered answer equals the explained one (which
// never uses the memo), and -race stays quiet.
func TestMemosFilledByReadersWhileAWriterPatches(t *testing.T) {
	e := New()
	tree := smallPlatform(2)
	require.NoError(t, e.Load(tree))
	clinic := tree.Customers[1]
	var ids []string
	for _, c := range tree.Customers {
		ids = append(ids, c.ID)
	}
	for _, ep := range tree.Endpoints {
		ids = append(ids, ep.ID)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for r := range 3 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(r), 7))
			at := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
			for {
				select {
				case <-stop:
					return
				default:
				}
				at = at.Add(time.Duration(rng.Int64N(int64(20 * time.Minute))))
				s := e.Snapshot()
				id := ids[rng.IntN(len(ids))]
				got, err := s.Evaluate(id, at)
				if err != nil {
					t.Error(err)
					return
				}
				want, err := s.Explain(id, at)
				if err != nil {
					t.Error(err)
					return
				}
				want.Trace = nil
				if fmt.Sprint(want) != fmt.Sprint(got) {
					t.Errorf("%s at %v: remembered %+v, explained %+v", id, at, got, want)
					return
				}
			}
		})
	}
	schedules := []*Schedule{clinic.Schedule.Clone(), clinic.Schedule.Clone()}
	schedules[1].DefaultState = "Closed for the day"
	schedules[1].Rules = schedules[1].Rules[:2]
	for k := range 150 {
		late := k%3 == 0
		_, err := e.Patch(PatchCustomer{CustomerID: clinic.ID, Schedule: Some(schedules[k%2]),
			Data: Some(Struct{"lateHours": &Value{BoolValue: &late}})}, "test", nil)
		require.NoError(t, err)
	}
	close(stop)
	wg.Wait()
}

// A write keeps the memos of the nodes whose answers it cannot change and
// replaces the others' (build.go refresh): after every one of many random
// patches — schedules swapped between customers, inherit switched, zones
// and parents changed — every node's answer, asked at a "now" that moves
// forward so that memos fill and are hit, equals its answer on an engine
// without memos that took the same patches.
func TestMemosStayRightAcrossPatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 23))
	for round := range 6 {
		tree := smallPlatform(3)
		if round%2 == 1 {
			tree = randomTree(rng)
		}
		memo, plain := New(), New(withoutMemo())
		require.NoError(t, memo.Load(tree))
		require.NoError(t, plain.Load(tree))
		customers := memo.Snapshot().Tree().Customers
		at := time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC)
		for step := range 60 {
			c := customers[rng.IntN(len(customers))]
			p := PatchCustomer{CustomerID: c.ID}
			switch rng.IntN(4) {
			case 0:
				other := customers[rng.IntN(len(customers))]
				p.Schedule = Some(other.Schedule.Clone())
			case 1:
				sched := memo.Snapshot().Customer(c.ID).Schedule.Clone()
				if sched == nil {
					sched = &Schedule{}
				}
				sched.Inherit = !sched.Inherit
				p.Schedule = Some(sched)
			case 2:
				sched := memo.Snapshot().Customer(c.ID).Schedule.Clone()
				if sched == nil {
					sched = &Schedule{}
				}
				sched.TimeZoneID = []string{"", "Europe/London", "America/Chicago", "Asia/Tokyo"}[rng.IntN(4)]
				p.Schedule = Some(sched)
			default:
				p.ParentCustomerID = Some(customers[rng.IntN(len(customers))].ID)
			}
			_, errMemo := memo.Patch(p, "test", nil)
			_, errPlain := plain.Patch(p, "test", nil)
			require.Equal(t, errPlain == nil, errMemo == nil, "round %d step %d: %v / %v", round, step, errMemo, errPlain)
			for range 3 {
				at = at.Add(time.Duration(rng.Int64N(int64(2 * time.Hour))))
				sameAnswersAt(t, plain.Snapshot(), memo.Snapshot(), at, fmt.Sprintf("round %d step %d", round, step))
			}
		}
	}
}
