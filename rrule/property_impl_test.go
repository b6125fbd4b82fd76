package rrule

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The property tests compare the arithmetic matcher with rrule-go run on the same rule on
// civil UTC date-times, over a range near DTSTART where rrule-go's walk from DTSTART stays
// cheap (rrule-go is a port of python-dateutil).

func randomSubset(rng *rand.Rand, lo, hi, maxLen int, signed bool) []int {
	n := 1 + rng.IntN(maxLen)
	out := make([]int, 0, n)
	for range n {
		v := lo + rng.IntN(hi-lo+1)
		if signed && rng.IntN(3) == 0 {
			v = -v
		}
		out = append(out, v)
	}
	return out
}

// randomSpec draws a rule; the span says how far after Start queries go.
func randomSpec(rng *rand.Rand) (Spec, time.Duration) {
	freq := Frequency(1 + rng.IntN(7))
	if rng.IntN(20) == 0 {
		freq = None
	}
	start := time.Date(1995+rng.IntN(35), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60), 0, time.UTC)
	if rng.IntN(3) == 0 {
		start = start.Truncate(time.Hour)
	}
	spec := Spec{Frequency: freq, Start: start}
	lengths := []time.Duration{time.Second, 59 * time.Second, time.Minute, 90 * time.Second, 5 * time.Minute, time.Hour, 8 * time.Hour, 24 * time.Hour, 36 * time.Hour, 72 * time.Hour}
	spec.Length = lengths[rng.IntN(len(lengths))]
	switch rng.IntN(4) {
	case 0:
		spec.Interval = 2 + rng.IntN(4)
	case 1:
		spec.Interval = 1 + rng.IntN(40)
	}
	if rng.IntN(6) == 0 {
		spec.Count = 1 + rng.IntN(60)
	}
	spans := map[Frequency]time.Duration{
		None: 48 * time.Hour, Secondly: 3 * time.Hour, Minutely: 3 * 24 * time.Hour, Hourly: 40 * 24 * time.Hour,
		Daily: 400 * 24 * time.Hour, Weekly: 3 * 365 * 24 * time.Hour, Monthly: 8 * 365 * 24 * time.Hour, Yearly: 60 * 365 * 24 * time.Hour,
	}
	span := spans[freq]
	if rng.IntN(6) == 0 {
		spec.Until = start.Add(time.Duration(rng.Int64N(int64(span))))
	}
	p := func(n int) bool { return rng.IntN(n) == 0 }
	if p(4) {
		spec.ByMonth = randomSubset(rng, 1, 12, 4, false)
	}
	if p(5) {
		spec.ByMonthDay = randomSubset(rng, 1, 31, 4, true)
	}
	if p(8) {
		spec.ByYearDay = randomSubset(rng, 1, 366, 6, true)
	}
	if freq == Yearly && p(5) {
		spec.ByWeekNo = randomSubset(rng, 1, 53, 3, true)
	}
	if p(3) {
		n := 1 + rng.IntN(4)
		for range n {
			d := Day{Weekday: time.Weekday(rng.IntN(7))}
			if (freq == Monthly || freq == Yearly) && p(2) {
				limit := 5
				if freq == Yearly && len(spec.ByMonth) == 0 {
					limit = 53
				}
				d.N = 1 + rng.IntN(limit)
				if p(2) {
					d.N = -d.N
				}
			}
			spec.ByDay = append(spec.ByDay, d)
		}
	}
	if p(3) {
		spec.ByHour = randomSubset(rng, 0, 23, 5, false)
	}
	if p(3) {
		spec.ByMinute = randomSubset(rng, 0, 59, 5, false)
	}
	if p(5) {
		spec.BySetPosition = randomSubset(rng, 1, 10, 3, true)
	}
	return spec, span
}

// rruleGoAffordable reports whether rrule-go's Between(…, to) ends soon: rrule-go walks from
// DTSTART and stops only when it yields an occurrence past `to` (or after UNTIL, or its
// COUNT), so the walk is short when the rule without UNTIL and COUNT has an occurrence in
// (to, to+slack]. Sparse rules whose next occurrence is years away are left out of the
// comparison.
func rruleGoAffordable(r *Rule, to time.Time, slack time.Duration) bool {
	if r.m.single {
		return true
	}
	base := r.normSpec()
	base.hasUntil, base.count = false, 0
	m := newMatcher(base, false)
	m.lastDay = lastCivilDay
	x := civilSeconds(to)
	_, ok := m.next(x+1, x+int64(slack/time.Second))
	return ok
}

// oracleOccurrences lists rrule-go's occurrences in [from, to].
func oracleOccurrences(r *Rule, from, to time.Time) []time.Time {
	return r.Set().Between(from, to, true)
}

// coverage merges windows into sorted disjoint [start, end) civil-second intervals.
type coverage [][2]int64

func newCoverage(occ []time.Time, length time.Duration) coverage {
	var c coverage
	l := int64(length / time.Second)
	for _, o := range occ {
		a := civilSeconds(o)
		if n := len(c); n > 0 && a <= c[n-1][1] {
			c[n-1][1] = max(c[n-1][1], a+l)
			continue
		}
		c = append(c, [2]int64{a, a + l})
	}
	return c
}

func (c coverage) contains(x int64) bool {
	i := sort.Search(len(c), func(i int) bool { return c[i][1] > x })
	return i < len(c) && c[i][0] <= x
}

// nextChange is the earliest u > x where membership flips, if <= limit.
func (c coverage) nextChange(x, limit int64) (int64, bool) {
	i := sort.Search(len(c), func(i int) bool { return c[i][1] > x })
	var u int64
	switch {
	case i == len(c):
		return 0, false
	case c[i][0] <= x:
		u = c[i][1]
	default:
		u = c[i][0]
	}
	return u, u <= limit
}

func specString(s Spec) string {
	return fmt.Sprintf("%+v", s)
}

// propertySeed lets a run explore other rules: go test -run Property -args -seed=N.
var propertySeed = flag.Uint64("seed", 1, "seed of the random rules in the property tests")

func TestPropertyMatchesRRuleGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(*propertySeed, 2))
	rules := 0
	for rules < 600 {
		spec, span := randomSpec(rng)
		r, err := Compile(spec)
		if err != nil {
			continue
		}
		rules++
		desc := specString(spec) + "\n" + r.String()
		from := spec.Start.Add(-spec.Length - 24*time.Hour)
		to := spec.Start.Add(span)
		occ := oracleOccurrences(r, from, to)
		got := r.Occurrences(from, to.Add(time.Second), len(occ)+5)
		if len(occ) == 0 {
			occ = nil
		}
		require.Equal(t, occ, got, desc)

		cov := newCoverage(occ, spec.Length)
		lo, hi := civilSeconds(spec.Start)-int64(span/time.Second)/20, civilSeconds(to)-int64(spec.Length/time.Second)
		if hi <= lo {
			continue
		}
		probe := func(x int64) {
			require.Equal(t, cov.contains(x), r.m.contains(x), "%s\ncontains at %s", desc, civilTime(x))
			limit := min(x+int64(span/time.Second)/4+1, hi)
			u, ok := r.m.nextChange(x, limit)
			wu, wok := cov.nextChange(x, limit)
			require.Equal(t, wok, ok, "%s\nnext change from %s limit %s: want %s", desc, civilTime(x), civilTime(limit), civilTime(wu))
			if ok {
				require.Equal(t, civilTime(wu), civilTime(u), "%s\nnext change from %s", desc, civilTime(x))
			}
			// The same questions given x's calendar position (as evaluations and
			// NextChange ask them).
			mo := civilMoment(civilTime(x))
			require.Equal(t, cov.contains(x), r.Contains(&mo), "%s\nContains at %s", desc, civilTime(x))
			mu, mok := r.m.nextChangeFrom(x, limit, &mo)
			require.Equal(t, ok, mok, "%s\nnext change with a Moment from %s", desc, civilTime(x))
			require.Equal(t, u, mu, "%s\nnext change with a Moment from %s", desc, civilTime(x))
			nu, nok := r.m.next(x+1, limit)
			mu, mok = r.m.nextFrom(x+1, limit, &mo)
			require.Equal(t, nok, mok, "%s\nnext with a Moment from %s", desc, civilTime(x))
			require.Equal(t, nu, mu, "%s\nnext with a Moment from %s", desc, civilTime(x))
		}
		for range 40 {
			probe(lo + rng.Int64N(hi-lo))
		}
		for i, iv := range cov {
			if i > 6 {
				break
			}
			for _, x := range []int64{iv[0] - 1, iv[0], iv[1] - 1, iv[1]} {
				if x > lo && x < hi {
					probe(x)
				}
			}
		}
	}
}

// TestPropertyOldStart queries decades after DTSTART, where the matcher must not walk from
// DTSTART; rrule-go does, which is affordable for daily and coarser rules.
func TestPropertyOldStart(t *testing.T) {
	rng := rand.New(rand.NewPCG(*propertySeed, 3))
	rules := 0
	for rules < 150 {
		spec, _ := randomSpec(rng)
		if spec.Frequency < Daily {
			continue
		}
		spec.Start = spec.Start.AddDate(-40-rng.IntN(60), 0, 0)
		if !spec.Until.IsZero() {
			spec.Until = spec.Until.AddDate(rng.IntN(40), 0, 0)
		}
		r, err := Compile(spec)
		if err != nil {
			continue
		}
		from := time.Date(2020+rng.IntN(10), time.Month(1+rng.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
		to := from.AddDate(1, 0, 0)
		if !rruleGoAffordable(r, to, 20*365*24*time.Hour) {
			continue
		}
		rules++
		desc := specString(spec) + "\n" + r.String()
		occ := oracleOccurrences(r, from.Add(-spec.Length), to)
		if len(occ) == 0 {
			occ = nil
		}
		got := r.Occurrences(from.Add(-spec.Length), to.Add(time.Second), len(occ)+5)
		require.Equal(t, occ, got, desc)
		cov := newCoverage(occ, spec.Length)
		lo, hi := civilSeconds(from), civilSeconds(to)-int64(spec.Length/time.Second)
		for range 30 {
			if hi <= lo {
				break
			}
			x := lo + rng.Int64N(hi-lo)
			require.Equal(t, cov.contains(x), r.m.contains(x), "%s\ncontains at %s", desc, civilTime(x))
			u, ok := r.m.nextChange(x, hi)
			wu, wok := cov.nextChange(x, hi)
			require.Equal(t, wok, ok, "%s\nnext change from %s", desc, civilTime(x))
			if ok {
				require.Equal(t, civilTime(wu), civilTime(u), "%s\nnext change from %s", desc, civilTime(x))
			}
		}
	}
}

// TestPropertyWideRules stretches the random rules: intervals up to 1000, long windows, more
// set positions, sub-daily frequencies with sparse filters.
func TestPropertyWideRules(t *testing.T) {
	rng := rand.New(rand.NewPCG(*propertySeed, 4))
	rules, compared := 0, 0
	defer func() { t.Logf("%d rules, %d occurrences compared", rules, compared) }()
	for rules < 300 {
		spec, span := randomSpec(rng)
		if rng.IntN(2) == 0 {
			spec.Interval = 1 + rng.IntN(1000)
		}
		if rng.IntN(3) == 0 {
			spec.Length = time.Duration(1+rng.Int64N(10*24*3600)) * time.Second
		}
		if rng.IntN(3) == 0 {
			spec.BySetPosition = randomSubset(rng, 1, 60, 6, true)
		}
		if spec.Frequency <= Hourly && spec.Interval > 50 {
			span *= 10
		}
		r, err := Compile(spec)
		if err != nil {
			continue
		}
		from := spec.Start.Add(-spec.Length - 24*time.Hour)
		to := spec.Start.Add(span)
		if !rruleGoAffordable(r, to, span) {
			continue
		}
		rules++
		desc := specString(spec) + "\n" + r.String()
		occ := oracleOccurrences(r, from, to)
		if len(occ) == 0 {
			occ = nil
		}
		compared += len(occ)
		require.Equal(t, occ, r.Occurrences(from, to.Add(time.Second), len(occ)+5), desc)
		cov := newCoverage(occ, spec.Length)
		lo, hi := civilSeconds(spec.Start), civilSeconds(to)-int64(spec.Length/time.Second)
		for range 30 {
			if hi <= lo {
				break
			}
			x := lo + rng.Int64N(hi-lo)
			require.Equal(t, cov.contains(x), r.m.contains(x), "%s\ncontains at %s", desc, civilTime(x))
			u, ok := r.m.nextChange(x, hi)
			wu, wok := cov.nextChange(x, hi)
			require.Equal(t, wok, ok, "%s\nnext change from %s", desc, civilTime(x))
			if ok {
				require.Equal(t, civilTime(wu), civilTime(u), "%s\nnext change from %s", desc, civilTime(x))
			}
		}
	}
}
