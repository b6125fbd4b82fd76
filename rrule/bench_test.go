package rrule

import (
	"fmt"
	"testing"
	"time"
)

// The benchmarks query rules whose DTSTART is one day or 30 years before the queried range:
// the arithmetic matcher must cost the same for both, with no allocation. The RRuleGoBetween
// benchmarks answer the same question through rrule-go (which walks from DTSTART) for the
// ratio.

// benchQueryBase is the middle of the queried range (a Monday).
var benchQueryBase = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

type benchRule struct {
	name string
	spec func(start time.Time) Spec
	// startClock is the time of day of DTSTART.
	startClock time.Duration
}

func benchRules() []benchRule {
	return []benchRule{
		{"weekly", func(start time.Time) Spec {
			return Spec{Frequency: Weekly, Start: start, Length: 8 * time.Hour, ByDay: []Day{
				{Weekday: time.Monday}, {Weekday: time.Tuesday}, {Weekday: time.Wednesday}, {Weekday: time.Thursday}, {Weekday: time.Friday}}}
		}, 9 * time.Hour},
		{"monthly-nth-weekday", func(start time.Time) Spec {
			return Spec{Frequency: Monthly, Start: start, Length: 2 * time.Hour, ByDay: []Day{{Weekday: time.Tuesday, N: 2}}}
		}, 18 * time.Hour},
		{"yearly-holiday", func(start time.Time) Spec {
			return Spec{Frequency: Yearly, Start: start, Length: 24 * time.Hour, ByMonth: []int{11}, ByDay: []Day{{Weekday: time.Thursday, N: 4}}}
		}, 0},
		{"minutely", func(start time.Time) Spec {
			return Spec{Frequency: Minutely, Start: start, Length: 5 * time.Minute, Interval: 15, ByHour: []int{8, 9, 10, 11, 12, 13, 14, 15, 16, 17}}
		}, 8 * time.Hour},
	}
}

var benchAges = []struct {
	name string
	age  time.Duration
}{
	{"start-1d", 24 * time.Hour},
	{"start-30y", 30 * 365 * 24 * time.Hour},
}

// benchQueries are civil instants spread over a month around benchQueryBase.
func benchQueries() []time.Time {
	out := make([]time.Time, 256)
	for i := range out {
		out[i] = benchQueryBase.Add(time.Duration(i*10141) * time.Second)
	}
	return out
}

func compileBench(b *testing.B, rule benchRule, age time.Duration) *Rule {
	b.Helper()
	start := benchQueryBase.Add(-age).Truncate(24 * time.Hour).Add(rule.startClock)
	r, err := Compile(rule.spec(start))
	if err != nil {
		b.Fatal(err)
	}
	return r
}

var benchSink bool

// BenchmarkContainsCivil asks about a civil time: the Moment of the civil time read in
// UTC, then Contains.
func BenchmarkContainsCivil(b *testing.B) {
	queries := benchQueries()
	for _, rule := range benchRules() {
		for _, age := range benchAges {
			b.Run(rule.name+"/"+age.name, func(b *testing.B) {
				r := compileBench(b, rule, age.age)
				var mo Moment
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; b.Loop(); i++ {
					mo.SetIn(queries[i&255], nil)
					benchSink = r.Contains(&mo)
				}
			})
		}
	}
}

func BenchmarkRRuleGoBetween(b *testing.B) {
	queries := benchQueries()
	for _, rule := range benchRules() {
		for _, age := range benchAges {
			b.Run(rule.name+"/"+age.name, func(b *testing.B) {
				r := compileBench(b, rule, age.age)
				set := r.Set()
				length := rule.spec(time.Time{}).Length
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; b.Loop(); i++ {
					c := queries[i&255]
					benchSink = len(set.Between(c.Add(-length+time.Second), c, true)) > 0
				}
			})
		}
	}
}

// BenchmarkContainsZone asks about an instant on a zone's clock: its Moment, then Contains.
func BenchmarkContainsZone(b *testing.B) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Fatal(err)
	}
	queries := benchQueries()
	for _, rule := range benchRules() {
		b.Run(rule.name, func(b *testing.B) {
			r := compileBench(b, rule, 30*365*24*time.Hour)
			var mo Moment
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				mo.SetIn(queries[i&255], loc)
				benchSink = r.Contains(&mo)
			}
		})
	}
}

// BenchmarkNextChange searches from an instant on a zone's clock: its Moment, then
// NextChange (which looks up the zone segment).
func BenchmarkNextChange(b *testing.B) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Fatal(err)
	}
	queries := benchQueries()
	for _, rule := range benchRules() {
		b.Run(rule.name, func(b *testing.B) {
			r := compileBench(b, rule, 30*365*24*time.Hour)
			var mo Moment
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				q := queries[i&255]
				mo.SetIn(q, loc)
				_, ok := r.NextChange(&mo, q.Add(400*24*time.Hour))
				benchSink = ok
			}
		})
	}
}

func BenchmarkCompile(b *testing.B) {
	for _, rule := range benchRules() {
		b.Run(rule.name, func(b *testing.B) {
			spec := rule.spec(benchQueryBase.Add(rule.startClock))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Compile(spec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("secondly-count", func(b *testing.B) {
		spec := Spec{Frequency: Secondly, Start: benchQueryBase, Length: time.Second, Count: 1<<31 - 1, ByHour: []int{9, 10}}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Compile(spec); err != nil {
				b.Fatal(fmt.Sprint(err))
			}
		}
	})
}

// BenchmarkContainsMoment is one rule's share of a schedule evaluation: the Moment is
// filled once per evaluation, not per rule.
func BenchmarkContainsMoment(b *testing.B) {
	queries := benchQueries()
	moments := make([]Moment, len(queries))
	for i, q := range queries {
		moments[i].SetIn(q, nil)
	}
	for _, rule := range benchRules() {
		b.Run(rule.name, func(b *testing.B) {
			r := compileBench(b, rule, 30*365*24*time.Hour)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				benchSink = r.Contains(&moments[i&255])
			}
		})
	}
}

// BenchmarkSetIn is the per-evaluation part: reading an instant on a zone's clock and
// working out its calendar position, into a Moment the caller keeps.
func BenchmarkSetIn(b *testing.B) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Fatal(err)
	}
	queries := benchQueries()
	var sink Moment
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sink.SetIn(queries[i&255], loc)
	}
	benchSink = sink.valid
}
