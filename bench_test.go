package voicesched

import (
	"fmt"
	"runtime"
	"sort"
	"testing"
	"time"

	rrulego "github.com/teambition/rrule-go"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

// Benchmarks of the hot paths (see BENCHMARKS.md for targets and results).
// Run: go test -run '^$' -bench . -benchmem -count 6 . | tee new.txt; benchstat new.txt

var weekdays = []ScheduleDay{{DayOfWeek: 1}, {DayOfWeek: 2}, {DayOfWeek: 3}, {DayOfWeek: 4}, {DayOfWeek: 5}}

// benchQuery is a Wednesday at 10:00 in New York: business hours.
var benchQuery = time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)

func yearlyAllDay(id, startDate string, month, monthDay int, byDay []ScheduleDay) SchedulingRule {
	r := SchedulingRule{ID: id, Name: id, Priority: 0, State: "Holiday", SimpleRuleType: model.RuleTime,
		Frequency: model.FrequencyYearly, IsAllDay: true, StartDate: startDate, ByMonth: []int{month}, ByDay: byDay}
	if monthDay != 0 {
		r.ByMonthDay = []int{monthDay}
	}
	return r
}

// typicalSchedule is ten rules: six holidays, lunch, a Christmas Eve early
// close, a VIP Saturday with a condition, and business hours; the deciding
// rule for benchQuery is the last one and no condition runs on the way.
func typicalSchedule(startDate string) *Schedule {
	return &Schedule{TimeZoneID: "America/New_York", DefaultState: "After Hours", Rules: []SchedulingRule{
		yearlyAllDay("newyear", startDate, 1, 1, nil),
		yearlyAllDay("memorial", startDate, 5, 0, []ScheduleDay{{Offset: -1, DayOfWeek: 1}}),
		yearlyAllDay("july4", startDate, 7, 4, nil),
		yearlyAllDay("labor", startDate, 9, 0, []ScheduleDay{{Offset: 1, DayOfWeek: 1}}),
		yearlyAllDay("thanksgiving", startDate, 11, 0, []ScheduleDay{{Offset: 4, DayOfWeek: 4}}),
		yearlyAllDay("christmas", startDate, 12, 25, nil),
		{ID: "lunch", State: "Lunch", Priority: 5, SimpleRuleType: model.RuleTime, Frequency: model.FrequencyWeekly,
			StartDate: startDate, StartTime: "12:00", EndTime: "13:00", ByDay: weekdays},
		{ID: "xmas-eve", State: "Closed Early", Priority: 6, SimpleRuleType: model.RuleTime, Frequency: model.FrequencyYearly,
			StartDate: startDate, StartTime: "13:00", EndTime: "24:00", ByMonth: []int{12}, ByMonthDay: []int{24}},
		{ID: "vip-saturday", State: "Business Hours", Priority: 10, SimpleRuleType: model.RuleTime, Frequency: model.FrequencyWeekly,
			StartDate: startDate, StartTime: "09:00", EndTime: "12:00", ByDay: []ScheduleDay{{DayOfWeek: 6}},
			Condition: `"vip" in customer.tags`},
		{ID: "hours", State: "Business Hours", Priority: 10, SimpleRuleType: model.RuleTime, Frequency: model.FrequencyWeekly,
			StartDate: startDate, StartTime: "08:00", EndTime: "17:00", ByDay: weekdays},
	}}
}

func singleRule(r SchedulingRule) *Schedule {
	r.ID, r.State, r.SimpleRuleType = "r", "On", model.RuleTime
	return &Schedule{TimeZoneID: "America/New_York", DefaultState: "Off", Rules: []SchedulingRule{r}}
}

// engineWith loads customers under a chain of parents: depth 1 is a root.
func engineWith(b testing.TB, leaf *Schedule, depth int) (*Snapshot, string) {
	var customers []*CustomerInfo
	parent := ""
	for d := 1; d < depth; d++ {
		id := fmt.Sprintf("level-%d", d)
		c := &CustomerInfo{EntityInfo: EntityInfo{ID: id}, Name: id, ParentCustomerID: parent, Schedule: &Schedule{Inherit: true}}
		if d == 1 {
			c.Schedule = leaf
		}
		customers = append(customers, c)
		parent = id
	}
	leafCustomer := &CustomerInfo{EntityInfo: EntityInfo{ID: "leaf"}, Name: "leaf", ParentCustomerID: parent, Schedule: leaf}
	if depth > 1 {
		leafCustomer.Schedule = &Schedule{Inherit: true}
	}
	customers = append(customers, leafCustomer)
	// Without answer memos: these benchmarks measure the evaluation itself
	// (the platform benchmarks measure the memos).
	e := New(withoutMemo())
	if err := e.Load(Tree{Customers: customers}); err != nil {
		b.Fatal(err)
	}
	return e.Snapshot(), "leaf"
}

func benchEvaluate(b *testing.B, s *Snapshot, id string, at time.Time, want string) {
	a, err := s.Evaluate(id, at)
	if err != nil || a.StateName != want {
		b.Fatalf("evaluate: %v %q, want %q (errors %v)", err, a.StateName, want, a.Errors)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		a, _ = s.Evaluate(id, at)
	}
	if a.StateName != want {
		b.Fatal(a.StateName)
	}
}

func BenchmarkEvaluate(b *testing.B) {
	start := "2021-12-01"
	b.Run("weekly", func(b *testing.B) {
		s, id := engineWith(b, singleRule(SchedulingRule{Frequency: model.FrequencyWeekly, StartDate: start,
			StartTime: "08:00", EndTime: "17:00", ByDay: weekdays}), 1)
		benchEvaluate(b, s, id, benchQuery, "On")
	})
	b.Run("monthly-nth", func(b *testing.B) {
		// First Wednesday of the month, all day: 2026-12-02 is one.
		s, id := engineWith(b, singleRule(SchedulingRule{Frequency: model.FrequencyMonthly, StartDate: start, IsAllDay: true,
			ByDay: []ScheduleDay{{Offset: 1, DayOfWeek: 3}}}), 1)
		benchEvaluate(b, s, id, benchQuery, "On")
	})
	b.Run("yearly-holiday", func(b *testing.B) {
		s, id := engineWith(b, singleRule(yearlyAllDay("r", start, 11, 0, []ScheduleDay{{Offset: 4, DayOfWeek: 4}})), 1)
		benchEvaluate(b, s, id, time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC), "On")
	})
	b.Run("minutely", func(b *testing.B) {
		// Every 15 minutes, 5-minute windows: 10:00 opens one.
		s, id := engineWith(b, singleRule(SchedulingRule{Frequency: model.FrequencyMinutely, Interval: 15, StartDate: start,
			StartTime: "00:00", EndTime: "00:05"}), 1)
		benchEvaluate(b, s, id, benchQuery.Add(2*time.Minute), "On")
	})
	b.Run("typical-10-rules", func(b *testing.B) {
		s, id := engineWith(b, typicalSchedule(start), 1)
		benchEvaluate(b, s, id, benchQuery, "Business Hours")
	})
	b.Run("inherited-3-levels", func(b *testing.B) {
		s, id := engineWith(b, typicalSchedule(start), 3)
		benchEvaluate(b, s, id, benchQuery, "Business Hours")
	})
	b.Run("with-condition", func(b *testing.B) {
		sched := typicalSchedule(start)
		sched.Rules[len(sched.Rules)-1].Condition = `hour >= 8 && weekday != "Sunday"`
		s, id := engineWith(b, sched, 1)
		benchEvaluate(b, s, id, benchQuery, "Business Hours")
	})
	b.Run("naive-rrule-go", func(b *testing.B) {
		s, id := engineWith(b, typicalSchedule(start), 1)
		want, _ := s.Evaluate(id, benchQuery)
		naive := newNaiveSchedule(b, typicalSchedule(start))
		got := naive.state(benchQuery)
		if got != want.StateName {
			b.Fatalf("naive answer %q, engine %q", got, want.StateName)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			got = naive.state(benchQuery)
		}
		if got != want.StateName {
			b.Fatal(got)
		}
	})
	benchPlatformEvaluate(b)
}

// naiveSchedule answers the way an integrator would with rrule-go alone:
// one rrule-go rule per SchedulingRule, built once, and a Between per rule
// per query on the zone's wall clock.
type naiveSchedule struct {
	loc   *time.Location
	rules []naiveRule
	def   string
}

type naiveRule struct {
	state  string
	rule   *rrulego.RRule
	length time.Duration
}

func newNaiveSchedule(b testing.TB, s *Schedule) *naiveSchedule {
	loc, err := time.LoadLocation(s.TimeZoneID)
	if err != nil {
		b.Fatal(err)
	}
	n := &naiveSchedule{loc: loc, def: s.DefaultState}
	rules := append([]SchedulingRule(nil), s.Rules...)
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].Priority < rules[j].Priority })
	freqs := map[model.Frequency]rrulego.Frequency{model.FrequencyWeekly: rrulego.WEEKLY,
		model.FrequencyMonthly: rrulego.MONTHLY, model.FrequencyYearly: rrulego.YEARLY}
	days := []rrulego.Weekday{rrulego.SU, rrulego.MO, rrulego.TU, rrulego.WE, rrulego.TH, rrulego.FR, rrulego.SA}
	for _, r := range rules {
		if r.Condition != "" {
			continue // the integrator's version has no conditions; none decides here
		}
		start, _ := time.ParseInLocation("2006-01-02", r.StartDate, loc)
		length := 24 * time.Hour
		if !r.IsAllDay {
			st, _ := schedule.ParseClock("startTime", r.StartTime, false)
			en, _ := schedule.ParseClock("endTime", r.EndTime, true)
			start = start.Add(time.Duration(st) * time.Second)
			length = time.Duration(en-st) * time.Second
		}
		opt := rrulego.ROption{Freq: freqs[r.Frequency], Dtstart: start, Bymonth: r.ByMonth, Bymonthday: r.ByMonthDay}
		for _, d := range r.ByDay {
			opt.Byweekday = append(opt.Byweekday, days[d.DayOfWeek].Nth(d.Ordinal()))
		}
		rr, err := rrulego.NewRRule(opt)
		if err != nil {
			b.Fatal(err)
		}
		n.rules = append(n.rules, naiveRule{state: r.State, rule: rr, length: length})
	}
	return n
}

func (n *naiveSchedule) state(t time.Time) string {
	t = t.In(n.loc)
	for _, r := range n.rules {
		for _, o := range r.rule.Between(t.Add(-r.length), t, true) {
			if o.Add(r.length).After(t) {
				return r.state
			}
		}
	}
	return n.def
}

func BenchmarkAge(b *testing.B) {
	for _, age := range []struct {
		name  string
		start string
	}{{"1d", "2026-12-01"}, {"1y", "2025-12-01"}, {"10y", "2016-12-01"}, {"30y", "1996-12-01"}} {
		b.Run(age.name, func(b *testing.B) {
			s, id := engineWith(b, typicalSchedule(age.start), 1)
			benchEvaluate(b, s, id, benchQuery, "Business Hours")
		})
	}
}

func BenchmarkRules(b *testing.B) {
	for _, n := range []int{1, 10, 100, 500} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			// n-1 one-day closures that never match, then business hours.
			sched := &Schedule{TimeZoneID: "America/New_York", DefaultState: "After Hours"}
			for k := 0; k < n-1; k++ {
				sched.Rules = append(sched.Rules, SchedulingRule{ID: fmt.Sprint(k), State: "Closed", SimpleRuleType: model.RuleTime,
					Frequency: model.FrequencyYearly, IsAllDay: true, StartDate: "2021-01-01",
					ByMonth: []int{1 + k%12}, ByMonthDay: []int{1 + k%28}, ByHour: nil})
			}
			// 2026-12-02 must not be a closure: skip December 2.
			for k := range sched.Rules {
				if sched.Rules[k].ByMonth[0] == 12 && sched.Rules[k].ByMonthDay[0] == 2 {
					sched.Rules[k].ByMonthDay[0] = 3
				}
			}
			sched.Rules = append(sched.Rules, SchedulingRule{ID: "hours", State: "Business Hours", SimpleRuleType: model.RuleTime,
				Frequency: model.FrequencyWeekly, StartDate: "2021-01-01", StartTime: "08:00", EndTime: "17:00", ByDay: weekdays})
			s, id := engineWith(b, sched, 1)
			benchEvaluate(b, s, id, benchQuery, "Business Hours")
		})
	}
}

func BenchmarkNextChange(b *testing.B) {
	b.Run("typical", func(b *testing.B) {
		s, id := engineWith(b, typicalSchedule("2021-12-01"), 1)
		ch, ok, err := s.NextChange(id, benchQuery)
		if err != nil || !ok || ch.State != "Lunch" {
			b.Fatalf("%v %v %v", ch, ok, err)
		}
		b.ReportAllocs()
		for b.Loop() {
			ch, _, _ = s.NextChange(id, benchQuery)
		}
	})
	benchPlatformNextChange(b)
}

func BenchmarkTimelineWeek(b *testing.B) {
	s, id := engineWith(b, typicalSchedule("2021-12-01"), 1)
	from := benchQuery
	to := from.Add(7 * 24 * time.Hour)
	got, err := s.Timeline(id, from, to)
	if err != nil || len(got) < 10 {
		b.Fatalf("%v %v", got, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if got, _ = s.Timeline(id, from, to); len(got) < 10 {
			b.Fatal(got)
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	b.Run("typical", func(b *testing.B) {
		sched := typicalSchedule("2021-12-01")
		env := schedule.Env{HasParent: true}
		b.ReportAllocs()
		for b.Loop() {
			c := schedule.Compile(sched, env)
			if c.Problems().HasErrors() {
				b.Fatal(c.Problems())
			}
		}
	})
}

// bigTree is n customers: 10 resellers, clinics under them, departments
// under the clinics; a third inherit, a tenth follow their parent's state.
func bigTree(n int) Tree { return bigTreeOf(n, false) }

// bigTreeOf builds bigTree; with distinct set, every schedule differs (its
// rules start on a different day), so no two share a compiled schedule.
func bigTreeOf(n int, distinct bool) Tree {
	typical := func(i int) *Schedule {
		if !distinct {
			return typicalSchedule("2021-12-01")
		}
		return typicalSchedule(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%9000).Format("2006-01-02"))
	}
	var t Tree
	for i := 0; i < n; i++ {
		c := &CustomerInfo{EntityInfo: EntityInfo{ID: fmt.Sprintf("c%d", i)}, Name: fmt.Sprintf("Customer %d", i)}
		switch {
		case i < 10:
			c.Schedule = typical(i)
		case i < n/10:
			c.ParentCustomerID = fmt.Sprintf("c%d", i%10)
			c.Schedule = typical(i)
		default:
			c.ParentCustomerID = fmt.Sprintf("c%d", 10+i%(n/10-10))
			switch i % 10 {
			case 0:
				c.Schedule = &Schedule{DefaultState: "Open", Rules: []SchedulingRule{{ID: "follow", State: "Closed",
					SimpleRuleType: model.RuleCustomerState, CustomerState: "After Hours"}}}
			case 1, 2, 3:
				c.Schedule = &Schedule{Inherit: true}
			default:
				c.Schedule = typical(i)
			}
		}
		t.Customers = append(t.Customers, c)
	}
	return t
}

// BenchmarkEvaluateAll answers for every node of a tree. In the plain
// families the clinics share a handful of schedule templates (as trees
// provisioned from templates do), so nodes share compiled schedules; in the
// -distinct family every schedule differs.
func BenchmarkEvaluateAll(b *testing.B) {
	for _, tc := range []struct {
		n        int
		distinct bool
	}{{1000, false}, {10000, false}, {100000, false}, {100000, true}} {
		name := fmt.Sprintf("%dk", tc.n/1000)
		if tc.distinct {
			name += "-distinct"
		}
		n := tc.n
		b.Run(name, func(b *testing.B) {
			e := New()
			if err := e.Load(bigTreeOf(n, tc.distinct)); err != nil {
				b.Fatal(err)
			}
			s := e.Snapshot()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				all := s.EvaluateAll(benchQuery)
				if all.Len() != n {
					b.Fatal(all.Len())
				}
			}
		})
	}
	benchPlatformEvaluateAll(b)
}

func BenchmarkPatch(b *testing.B) {
	b.Run("typical", func(b *testing.B) {
		e := New(WithClock(func() time.Time { return benchQuery }))
		if err := e.Load(bigTree(10000)); err != nil {
			b.Fatal(err)
		}
		names := []string{"Renamed A", "Renamed B"}
		b.ReportAllocs()
		k := 0
		for b.Loop() {
			k++
			_, err := e.Patch(PatchCustomer{CustomerID: "c5000", Name: Some(names[k%2]),
				Data: Some(Struct{"k": &Value{NumberValue: new(float64)}}), Schedule: Some(typicalSchedule("2021-12-01"))}, "bench", nil)
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	benchPlatformPatch(b)
}

func BenchmarkParallel(b *testing.B) {
	s, id := engineWith(b, typicalSchedule("2021-12-01"), 3)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			a, _ := s.Evaluate(id, benchQuery)
			if a.StateName != "Business Hours" {
				b.Error(a.StateName)
				return
			}
		}
	})
}

// BenchmarkCompiledSize reports the heap a compiled typical schedule keeps
// (retained bytes, measured after GC over 2000 of them), as "B/schedule".
// Every copy's rules start on a different day, so no two compiled rules are
// alike; what compiled schedules share is what is equal by content: the day
// masks of equal day filters and the program of an equal condition text (a
// tree provisioned from templates shares those). In the unique-conditions
// family every condition text differs too, so nothing of it is shared.
func BenchmarkCompiledSize(b *testing.B) {
	for _, tc := range []struct {
		name            string
		uniqueCondition bool
	}{{"typical", false}, {"unique-conditions", true}} {
		b.Run(tc.name, func(b *testing.B) {
			const copies = 2000
			env := schedule.Env{HasParent: true}
			scheds := make([]*Schedule, copies)
			for k := range scheds {
				scheds[k] = typicalSchedule(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, k).Format("2006-01-02"))
				if tc.uniqueCondition {
					vip := &scheds[k].Rules[8]
					vip.Condition += fmt.Sprintf(` && customer.name != "not %d"`, k)
				}
			}
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				kept := make([]*schedule.Compiled, copies)
				for k := range kept {
					kept[k] = schedule.Compile(scheds[k], env)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/copies, "B/schedule")
				runtime.KeepAlive(kept)
			}
			for _, c := range []*schedule.Compiled{schedule.Compile(scheds[0], env)} {
				if c.Problems().HasErrors() {
					b.Fatal(c.Problems())
				}
			}
		})
	}
}

// BenchmarkValidate validates the typical 10-rule schedule (one condition),
// as an admin back end does before storing it.
func BenchmarkValidate(b *testing.B) {
	b.Run("typical", func(b *testing.B) {
		sched := typicalSchedule("2021-12-01")
		b.ReportAllocs()
		for b.Loop() {
			if ValidateSchedule(sched, true).HasErrors() {
				b.Fatal("the typical schedule is valid")
			}
		}
	})
}
