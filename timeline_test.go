package voicesched

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
)

// checkTimeline compares Timeline over [from, to) with Evaluate at every
// step: each instant must be in the state of the interval that holds it,
// and each interval's first instant must differ from the instant before.
func checkTimeline(t *testing.T, s *Snapshot, id string, from, to time.Time, step time.Duration) {
	t.Helper()
	intervals, err := s.Timeline(id, from, to)
	require.NoError(t, err)
	require.NotEmpty(t, intervals)
	require.Equal(t, from, intervals[0].From)
	require.Equal(t, to, intervals[len(intervals)-1].To)
	for k, iv := range intervals {
		if k > 0 {
			require.Equal(t, intervals[k-1].To, iv.From, "intervals are consecutive")
			require.NotEqual(t, intervals[k-1].State, iv.State, "adjacent intervals differ")
			before, err := s.Evaluate(id, iv.From.Add(-time.Second))
			require.NoError(t, err)
			require.Equal(t, intervals[k-1].State, before.StateName, "%s: one second before %v", id, iv.From)
		}
	}
	k := 0
	for at := from; at.Before(to); at = at.Add(step) {
		for !at.Before(intervals[k].To) {
			k++
		}
		a, err := s.Evaluate(id, at)
		require.NoError(t, err)
		if a.StateName != intervals[k].State {
			t.Fatalf("%s at %v (%v): evaluate says %q, timeline says %q (interval %v–%v)", id, at, at.In(time.UTC),
				a.StateName, intervals[k].State, intervals[k].From, intervals[k].To)
		}
	}
}

func TestTimelineAgreesWithEveryMinuteOnTheSampleTree(t *testing.T) {
	s := sampleEngine(t).Snapshot()
	from := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) // the week of Thanksgiving
	for _, id := range s.IDs() {
		t.Run(id, func(t *testing.T) {
			checkTimeline(t, s, id, from, from.Add(7*24*time.Hour), time.Minute)
		})
	}
}

// Around every DST transition of the sample's zones, every second.
func TestTimelineAgreesWithEverySecondAroundDST(t *testing.T) {
	s := sampleEngine(t).Snapshot()
	transitions := []string{
		"2026-03-08T08:00:00Z", // US spring forward (New York 07:00Z, Chicago 08:00Z)
		"2026-03-08T07:00:00Z",
		"2026-11-01T06:00:00Z", // US fall back (New York)
		"2026-11-01T07:00:00Z", // Chicago
		"2026-03-29T01:00:00Z", // Europe/London
		"2026-10-25T01:00:00Z",
		"2026-04-04T16:00:00Z", // Australia/Sydney fall back
		"2026-10-03T16:00:00Z", // Sydney spring forward
	}
	for _, tr := range transitions {
		at, err := time.Parse(time.RFC3339, tr)
		require.NoError(t, err)
		for _, id := range []string{"reseller-northwind", "clinic-maple", "dept-maple-lab", "clinic-harbour", "dept-harbour-oncall"} {
			t.Run(tr+"/"+id, func(t *testing.T) {
				checkTimeline(t, s, id, at.Add(-2*time.Hour), at.Add(2*time.Hour), time.Second)
			})
		}
	}
}

// An overnight shift across both US DST nights, every second.
func TestOvernightShiftOnDSTNightsEverySecond(t *testing.T) {
	e := New()
	require.NoError(t, e.Load(Tree{Customers: []*CustomerInfo{{EntityInfo: EntityInfo{ID: "support"}, Name: "Support",
		Schedule: &Schedule{TimeZoneID: "America/New_York", DefaultState: "Day", Rules: []SchedulingRule{{
			ID: "night", State: "Night", SimpleRuleType: model.RuleTime, Frequency: model.FrequencyDaily,
			StartDate: "2026-01-01", StartTime: "01:30", EndTime: "02:30"}}}}}}))
	s := e.Snapshot()
	for _, day := range []string{"2026-03-08T04:00:00Z", "2026-11-01T04:00:00Z"} {
		from, _ := time.Parse(time.RFC3339, day)
		checkTimeline(t, s, "support", from, from.Add(5*time.Hour), time.Second)
	}
}

// randomTree builds a small tree of random schedules: windows of random
// frequency, holidays, inheritance, parent-following rules, conditions.
func randomTree(rng *rand.Rand) Tree {
	zones := []string{"America/New_York", "Europe/London", "Australia/Sydney", "America/Sao_Paulo", "Asia/Kolkata", "Pacific/Chatham", ""}
	states := []string{"Open", "Closed", "Lunch", "Holiday"}
	var tree Tree
	n := 2 + rng.IntN(5)
	for i := 0; i < n; i++ {
		c := &CustomerInfo{EntityInfo: EntityInfo{ID: fmt.Sprintf("n%d", i)}, Name: fmt.Sprintf("N%d", i)}
		if i > 0 {
			c.ParentCustomerID = fmt.Sprintf("n%d", rng.IntN(i))
		}
		sched := &Schedule{TimeZoneID: zones[rng.IntN(len(zones))], DefaultState: states[rng.IntN(len(states))]}
		if i > 0 && rng.IntN(5) == 0 {
			sched.Inherit = true
		}
		for r := 0; r < 1+rng.IntN(4); r++ {
			rule := SchedulingRule{ID: fmt.Sprintf("r%d", r), State: states[rng.IntN(len(states))], Priority: rng.IntN(3)}
			switch k := rng.IntN(10); {
			case k < 6:
				rule.SimpleRuleType = model.RuleTime
				rule.Frequency = []model.Frequency{model.FrequencyDaily, model.FrequencyWeekly, model.FrequencyMonthly, model.FrequencyHourly}[rng.IntN(4)]
				rule.StartDate = "2026-0" + fmt.Sprint(1+rng.IntN(9)) + "-1" + fmt.Sprint(rng.IntN(9))
				start := rng.IntN(24*4) * 15
				rule.StartTime = fmt.Sprintf("%02d:%02d", start/60, start%60)
				end := rng.IntN(24*4) * 15
				rule.EndTime = fmt.Sprintf("%02d:%02d", end/60, end%60)
				if rule.Frequency == model.FrequencyHourly {
					rule.EndTime = fmt.Sprintf("%02d:%02d", start/60, (start%60+10)%60)
					rule.Interval = 1 + rng.IntN(5)
				}
				if rule.Frequency == model.FrequencyWeekly || rng.IntN(3) == 0 {
					for d := 0; d < 7; d++ {
						if rng.IntN(2) == 0 {
							rule.ByDay = append(rule.ByDay, model.ScheduleDay{DayOfWeek: model.DayOfWeek(d)})
						}
					}
				}
				if rng.IntN(4) == 0 {
					rule.IsAllDay = true
					if rule.Frequency == model.FrequencyHourly {
						rule.Frequency = model.FrequencyDaily
					}
				}
			case k < 8:
				rule.SimpleRuleType = model.RuleCustomerState
				rule.CustomerState = states[rng.IntN(len(states))]
			default:
				rule.SimpleRuleType = model.RuleAlways
				rule.Condition = []string{`hour >= 12`, `weekday == "Friday"`, `parentState == "Open"`, `minute < 30`, `day % 2 == 0`}[rng.IntN(5)]
			}
			sched.Rules = append(sched.Rules, rule)
		}
		c.Schedule = sched
		tree.Customers = append(tree.Customers, c)
	}
	return tree
}

func TestTimelineAgreesWithEveryMinuteOnRandomTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 11))
	for k := 0; k < 25; k++ {
		tree := randomTree(rng)
		e := New()
		require.NoError(t, e.Load(tree))
		s := e.Snapshot()
		// A week that holds a DST change somewhere (late October to early November).
		from := time.Date(2026, 10, 22+rng.IntN(8), rng.IntN(24), 0, 0, 0, time.UTC)
		for _, id := range s.IDs() {
			t.Run(fmt.Sprintf("tree%d/%s", k, id), func(t *testing.T) {
				checkTimeline(t, s, id, from, from.Add(3*24*time.Hour), time.Minute)
			})
		}
	}
}

// Readers evaluate while writers replace customers: every answer comes from
// one consistent version (within one snapshot, an inheriting child always
// agrees with its parent), and -race stays quiet.
func TestReadersSeeOneConsistentVersion(t *testing.T) {
	e := New()
	root := func(state string) *CustomerInfo {
		return &CustomerInfo{EntityInfo: EntityInfo{ID: "root"}, Name: "Root", Schedule: &Schedule{DefaultState: state}}
	}
	tree := Tree{Customers: []*CustomerInfo{root("A")}}
	for i := 0; i < 20; i++ {
		tree.Customers = append(tree.Customers, &CustomerInfo{EntityInfo: EntityInfo{ID: fmt.Sprintf("child%d", i)}, Name: "c",
			ParentCustomerID: "root", Schedule: &Schedule{Inherit: true}})
	}
	require.NoError(t, e.Load(tree))
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			at := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
			for {
				select {
				case <-stop:
					return
				default:
				}
				s := e.Snapshot()
				all := s.EvaluateAll(at)
				root, _ := all.Get("root")
				want := root.StateName
				for id, a := range all.All() {
					if a.StateName != want {
						t.Errorf("snapshot %d: %s is %q but root is %q", s.Version(), id, a.StateName, want)
						return
					}
				}
			}
		}()
	}
	for k := 0; k < 300; k++ {
		require.NoError(t, e.PutCustomer(root([]string{"A", "B", "C"}[k%3])))
	}
	close(stop)
	wg.Wait()
	assert.Equal(t, "C", e.Snapshot().Customer("root").Schedule.DefaultState)
}

func TestEvaluateAllAgreesWithEvaluate(t *testing.T) {
	s := sampleEngine(t).Snapshot()
	rng := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 200; k++ {
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.Int64N(int64(365 * 24 * time.Hour))))
		all := s.EvaluateAll(at)
		require.Equal(t, s.Len(), all.Len())
		for id, a := range all.All() {
			one, err := s.Evaluate(id, at)
			require.NoError(t, err)
			require.Equal(t, one, a, "%s at %v", id, at)
		}
	}
	_, ok := s.EvaluateAll(time.Now()).Get("nobody")
	assert.False(t, ok)
}

func TestNextChangeWithClockConditions(t *testing.T) {
	e := New(WithSearchBudget(20000))
	require.NoError(t, e.Load(Tree{Customers: []*CustomerInfo{
		{EntityInfo: EntityInfo{ID: "even-minutes"}, Name: "x", Schedule: &Schedule{TimeZoneID: "Asia/Kolkata", DefaultState: "Odd",
			Rules: []SchedulingRule{{ID: "r", State: "Even", SimpleRuleType: model.RuleAlways, Condition: "minute % 2 == 0"}}}},
		{EntityInfo: EntityInfo{ID: "never"}, Name: "y", Schedule: &Schedule{DefaultState: "Open",
			Rules: []SchedulingRule{{ID: "r", State: "Closed", SimpleRuleType: model.RuleAlways, Condition: "second == 0 && year == 2099"}}}},
	}}))
	s := e.Snapshot()
	at := time.Date(2026, 11, 30, 10, 1, 30, 0, time.UTC) // 15:31:30 in Kolkata: odd
	ch, ok, err := s.NextChange("even-minutes", at)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, time.Date(2026, 11, 30, 10, 2, 0, 0, time.UTC), ch.At)
	assert.Equal(t, "Even", ch.State)
	checkTimeline(t, s, "even-minutes", at, at.Add(20*time.Minute), time.Second)

	// A condition that reads the second and is never true: the search
	// stops when WithSearchBudget is spent and says so.
	_, ok, err = s.NextChange("never", at)
	assert.False(t, ok)
	var cut *SearchCutError
	require.ErrorAs(t, err, &cut)
	assert.Equal(t, "never", cut.NodeID)
}
