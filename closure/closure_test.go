package closure_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/closure"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

// compiled compiles the closure rules alone into a schedule of zone loc
// whose default state is "Open".
func compiled(t testing.TB, loc *time.Location, rules []model.SchedulingRule) *schedule.Compiled {
	t.Helper()
	c := schedule.Compile(&model.Schedule{TimeZoneID: loc.String(), Rules: rules, DefaultState: "Open"}, schedule.Env{})
	for _, p := range c.Problems() {
		// A closure that ended before 2000 rightly draws the lint's
		// "ended long ago" warning; anything else is a defect of Span.
		ok := p.Code == model.CodeRuleEnded && p.Severity == model.SeverityWarning &&
			rules[len(rules)-1].StartDate < "2000"
		require.True(t, ok, "closure rules must compile without problems: %v: %v", p, rules)
	}
	return c
}

func closedAt(c *schedule.Compiled, at time.Time) bool {
	return c.Evaluate(at, schedule.Input{}).State == closure.DefaultState
}

func TestSpanShapes(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02T15:04:05", s, ny)
		require.NoError(t, err)
		return v
	}
	tests := []struct {
		name       string
		from, to   string
		want       []model.SchedulingRule
		opts       closure.Options
		wantSource string
	}{
		{
			name: "closed from Christmas Eve 14:00 to Dec 27 08:00: afternoon, two whole days, morning",
			from: "2026-12-24T14:00:00", to: "2026-12-27T08:00:00",
			opts: closure.Options{Reason: "Christmas"},
			want: []model.SchedulingRule{
				{StartDate: "2026-12-24", StartTime: "14:00", EndTime: "24:00"},
				{StartDate: "2026-12-25", IsAllDay: true, Frequency: model.FrequencyDaily, Count: 2},
				{StartDate: "2026-12-27", StartTime: "00:00", EndTime: "08:00"},
			},
			wantSource: "closure: Christmas",
		},
		{
			name: "emergency: closed until 15:00 today is one rule",
			from: "2026-03-03T10:17:00", to: "2026-03-03T15:00:00",
			want:       []model.SchedulingRule{{StartDate: "2026-03-03", StartTime: "10:17", EndTime: "15:00"}},
			wantSource: "closure",
		},
		{
			name: "an evening into the next morning is one rule crossing midnight",
			from: "2026-05-01T18:00:00", to: "2026-05-02T09:30:00",
			want:       []model.SchedulingRule{{StartDate: "2026-05-01", StartTime: "18:00", EndTime: "09:30"}},
			wantSource: "closure",
		},
		{
			name: "one whole day is one all-day rule",
			from: "2026-07-03T00:00:00", to: "2026-07-04T00:00:00",
			want:       []model.SchedulingRule{{StartDate: "2026-07-03", IsAllDay: true}},
			wantSource: "closure",
		},
		{
			name: "an afternoon to midnight ends at 24:00",
			from: "2026-07-03T13:00:00", to: "2026-07-04T00:00:00",
			want:       []model.SchedulingRule{{StartDate: "2026-07-03", StartTime: "13:00", EndTime: "24:00"}},
			wantSource: "closure",
		},
		{
			name: "a week of whole days is one counted daily rule",
			from: "2026-08-03T00:00:00", to: "2026-08-10T00:00:00",
			want:       []model.SchedulingRule{{StartDate: "2026-08-03", IsAllDay: true, Frequency: model.FrequencyDaily, Count: 7}},
			wantSource: "closure",
		},
		{
			name: "seconds are kept",
			from: "2026-08-03T09:00:30", to: "2026-08-03T09:05:00",
			want:       []model.SchedulingRule{{StartDate: "2026-08-03", StartTime: "09:00:30", EndTime: "09:05"}},
			wantSource: "closure",
		},
		{
			name: "afternoon to the next afternoon but one: no whole day between",
			from: "2026-08-03T14:00:00", to: "2026-08-04T18:00:00",
			want: []model.SchedulingRule{
				{StartDate: "2026-08-03", StartTime: "14:00", EndTime: "24:00"},
				{StartDate: "2026-08-04", StartTime: "00:00", EndTime: "18:00"},
			},
			wantSource: "closure",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := closure.Span(at(tt.from), at(tt.to), ny, tt.opts)
			require.NoError(t, err)
			require.Len(t, rules, len(tt.want))
			for i, w := range tt.want {
				r := rules[i]
				assert.Equal(t, model.RuleTime, r.SimpleRuleType)
				assert.Equal(t, "Closed", r.State)
				assert.Equal(t, tt.wantSource, r.Source)
				assert.Equal(t, w.StartDate, r.StartDate, "rule %d", i)
				assert.Equal(t, w.StartTime, r.StartTime, "rule %d", i)
				assert.Equal(t, w.EndTime, r.EndTime, "rule %d", i)
				assert.Equal(t, w.IsAllDay, r.IsAllDay, "rule %d", i)
				assert.Equal(t, w.Frequency, r.Frequency, "rule %d", i)
				assert.Equal(t, w.Count, r.Count, "rule %d", i)
			}
			checkCover(t, ny, at(tt.from), at(tt.to), rules)
		})
	}
}

func TestSpanOptions(t *testing.T) {
	from := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	to := from.Add(2 * time.Hour)

	rules, err := closure.Span(from, to, time.UTC, closure.Options{State: " Snow Day ", Reason: "  burst\npipe ", Priority: -3})
	require.NoError(t, err)
	require.Len(t, rules, 1)
	assert.Equal(t, "Snow Day", rules[0].State)
	assert.Equal(t, "closure: burst pipe", rules[0].Source, "a reason stays on one line")
	assert.Equal(t, "Closure: burst pipe", rules[0].Name)
	assert.Equal(t, -3, rules[0].Priority)

	rules, err = closure.Span(from, to, time.UTC, closure.Options{Name: "Inventory"})
	require.NoError(t, err)
	assert.Equal(t, "Inventory", rules[0].Name)

	rules, err = closure.Span(from, from, time.UTC, closure.Options{})
	require.NoError(t, err)
	assert.Empty(t, rules, "an empty span closes nothing")

	_, err = closure.Span(to, from, time.UTC, closure.Options{})
	var cerr *closure.Error
	require.ErrorAs(t, err, &cerr)
	assert.Equal(t, "to", cerr.Field)

	_, err = closure.Span(from, to, time.UTC, closure.Options{State: "Closed\x00"})
	require.ErrorAs(t, err, &cerr)
	assert.Equal(t, "state", cerr.Field)

	long := ""
	for range closure.MaxReasonLength + 1 {
		long += "x"
	}
	_, err = closure.Span(from, to, time.UTC, closure.Options{Reason: long})
	require.ErrorAs(t, err, &cerr)
	assert.Equal(t, "reason", cerr.Field)

	_, err = closure.Span(from, time.Date(10000, 1, 2, 0, 0, 0, 0, time.UTC), time.UTC, closure.Options{})
	require.ErrorAs(t, err, &cerr)
	assert.Equal(t, "to", cerr.Field)
}

func TestSpanRoundsOutwardToSeconds(t *testing.T) {
	from := time.Date(2026, 1, 5, 9, 0, 0, 400_000_000, time.UTC)
	to := time.Date(2026, 1, 5, 9, 10, 0, 1, time.UTC)
	rules, err := closure.Span(from, to, time.UTC, closure.Options{})
	require.NoError(t, err)
	require.Len(t, rules, 1)
	assert.Equal(t, "09:00", rules[0].StartTime)
	assert.Equal(t, "09:10:01", rules[0].EndTime)
}

func TestParseSource(t *testing.T) {
	tests := []struct {
		source, reason string
		ok             bool
	}{
		{"closure", "", true},
		{"closure: snow", "snow", true},
		{"  Closure:  burst pipe ", "burst pipe", true},
		{"closure:", "", true},
		{"closures", "", false},
		{"holidays:US", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		reason, ok := closure.ParseSource(tt.source)
		assert.Equal(t, tt.ok, ok, tt.source)
		assert.Equal(t, tt.reason, reason, tt.source)
	}
	reason, ok := closure.ParseSource(closure.Source("a\tb"))
	assert.True(t, ok)
	assert.Equal(t, "a b", reason)
}

// civil reads t's wall clock in loc.
func civil(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
}

// wantClosed is the contract of Span, computed without it: an instant is
// covered when it lies in the span or when its wall clock reads the same as
// an instant of the span does (its autumn-overlap twin).
func wantClosed(at, from, to time.Time, loc *time.Location) bool {
	inside := func(u time.Time) bool { return !u.Before(from) && u.Before(to) }
	if inside(at) {
		return true
	}
	reading := civil(at, loc)
	for _, d := range []time.Duration{30 * time.Minute, time.Hour, 90 * time.Minute, 2 * time.Hour} {
		for _, twin := range []time.Time{at.Add(d), at.Add(-d)} {
			if inside(twin) && civil(twin, loc).Equal(reading) {
				return true
			}
		}
	}
	return false
}

// checkCover compiles the rules and compares them with wantClosed at the
// span's edges, every zone change and civil midnight near it, a sample of
// interior seconds and, on spans up to two days, every minute.
func checkCover(t *testing.T, loc *time.Location, from, to time.Time, rules []model.SchedulingRule) {
	t.Helper()
	require.LessOrEqual(t, len(rules), 3)
	c := compiled(t, loc, rules)
	check := func(at time.Time, what string) {
		t.Helper()
		if closedAt(c, at) != wantClosed(at, from, to, loc) {
			t.Fatalf("%s: span [%s, %s) in %s, at %s (%s): closed=%v, want %v; rules %+v",
				what, from.In(loc).Format(time.RFC3339), to.In(loc).Format(time.RFC3339), loc,
				at.In(loc).Format(time.RFC3339), at.UTC().Format(time.RFC3339), closedAt(c, at), !closedAt(c, at), rules)
		}
	}
	for _, edge := range []time.Time{from, to} {
		for d := -2; d <= 2; d++ {
			check(edge.Add(time.Duration(d)*time.Second), "edge")
		}
	}
	// Zone changes and civil midnights between a day before and a day after.
	lo, hi := from.Add(-26*time.Hour), to.Add(26*time.Hour)
	for u := lo; u.Before(hi); {
		_, end := u.In(loc).ZoneBounds()
		if end.IsZero() || !end.After(u) || end.After(hi) {
			break
		}
		for d := -2; d <= 2; d++ {
			check(end.Add(time.Duration(d)*time.Second), "zone change")
		}
		u = end
	}
	for day := civil(lo, loc); day.Before(civil(hi, loc)); day = day.AddDate(0, 0, 1) {
		m := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
		for d := -1; d <= 1; d++ {
			check(m.Add(time.Duration(d)*time.Second), "midnight")
		}
	}
	rng := rand.New(rand.NewPCG(uint64(from.Unix()), uint64(to.Unix())))
	span := to.Sub(from)
	for range 64 {
		check(from.Add(time.Duration(rng.Int64N(int64(span/time.Second)+1))*time.Second), "interior")
	}
	if span <= 48*time.Hour {
		for u := from.Add(-3 * time.Hour).Truncate(time.Minute); u.Before(to.Add(3 * time.Hour)); u = u.Add(time.Minute) {
			check(u, "every minute")
		}
	}
}

// transitions lists the instants in [from, to) at which loc changes its offset.
func transitions(loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	for u := from; u.Before(to); {
		_, end := u.In(loc).ZoneBounds()
		if end.IsZero() || !end.After(u) {
			break
		}
		if end.Before(to) {
			out = append(out, end)
		}
		u = end
	}
	return out
}

func TestSpanCoversExactlyRandomSpans(t *testing.T) {
	zones := []string{
		"America/New_York", "Europe/London", "Europe/Berlin", "Australia/Sydney",
		"Australia/Lord_Howe", // half-hour DST
		"Pacific/Auckland", "Asia/Kolkata", "UTC",
		"America/Sao_Paulo", // DST changes at midnight until 2019
		"America/Santiago",  // changes at midnight
		"Asia/Beirut",       // changes at midnight
	}
	rounds := 150
	if testing.Short() {
		rounds = 30
	}
	for _, name := range zones {
		t.Run(name, func(t *testing.T) {
			loc := mustZone(t, name)
			rng := rand.New(rand.NewPCG(7, uint64(len(name))))
			changes := transitions(loc, time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
			for i := range rounds {
				var from time.Time
				switch {
				case len(changes) > 0 && i%3 != 2: // near a DST change
					from = changes[rng.IntN(len(changes))].Add(time.Duration(rng.Int64N(4*86400)-3*86400) * time.Second)
				case i%2 == 0: // near a month's end
					y, m := 2015+rng.IntN(14), time.Month(1+rng.IntN(12))
					from = time.Date(y, m+1, 1, 0, 0, 0, 0, loc).Add(time.Duration(rng.Int64N(3*86400)-2*86400) * time.Second)
				default:
					from = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.Int64N(12*365*86400)) * time.Second)
				}
				var length time.Duration
				switch rng.IntN(4) {
				case 0: // minutes
					length = time.Duration(1+rng.IntN(300)) * time.Minute
				case 1: // hours, sometimes whole days from midnight
					length = time.Duration(1+rng.IntN(50)) * time.Hour
					if rng.IntN(2) == 0 {
						from = time.Date(from.In(loc).Year(), from.In(loc).Month(), from.In(loc).Day(), 0, 0, 0, 0, loc)
					}
				case 2: // days and seconds
					length = time.Duration(1+rng.Int64N(21*86400)) * time.Second
				default: // whole civil days from a midnight
					l := from.In(loc)
					from = time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
					to := time.Date(l.Year(), l.Month(), l.Day()+1+rng.IntN(14), 0, 0, 0, 0, loc)
					length = to.Sub(from)
				}
				to := from.Add(length)
				rules, err := closure.Span(from, to, loc, closure.Options{Reason: fmt.Sprint("case ", i)})
				require.NoError(t, err)
				require.NotEmpty(t, rules)
				checkCover(t, loc, from, to, rules)
			}
		})
	}
}

func TestSpanAutumnOverlapClosesBothTwins(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	// 2026-11-01 01:30 EDT (first pass) for 30 minutes: the clock reads
	// 01:30-02:00 only during the first pass, but the rules cannot tell the
	// passes apart, so 01:30-02:00 EST is closed as well.
	from := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)
	to := from.Add(30 * time.Minute)
	rules, err := closure.Span(from, to, ny, closure.Options{})
	require.NoError(t, err)
	c := compiled(t, ny, rules)
	assert.True(t, closedAt(c, from))
	assert.True(t, closedAt(c, from.Add(time.Hour)), "the second 01:30 reads the same clock")
	assert.False(t, closedAt(c, from.Add(-time.Minute)))
	assert.True(t, closedAt(c, to.Add(30*time.Minute)), "01:30 EST is the twin of 01:30 EDT")
	assert.False(t, closedAt(c, to.Add(time.Hour)), "02:00 EST is open")

	// The whole repeated hour, given by instants from 01:00 EDT to 01:00 EST,
	// closes every instant whose clock reads 01:00-02:00: both passes.
	from = time.Date(2026, 11, 1, 5, 0, 0, 0, time.UTC)
	to = from.Add(time.Hour)
	rules, err = closure.Span(from, to, ny, closure.Options{})
	require.NoError(t, err)
	require.Len(t, rules, 1)
	assert.Equal(t, "01:00", rules[0].StartTime)
	assert.Equal(t, "02:00", rules[0].EndTime)
}

func TestCivilAllDayEvent(t *testing.T) {
	// Three all-day calendar days, as an all-day event's DATE values give them.
	rules, err := closure.Civil(time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 27, 0, 0, 0, 0, time.UTC), closure.Options{State: "Holiday"})
	require.NoError(t, err)
	require.Len(t, rules, 1)
	assert.True(t, rules[0].IsAllDay)
	assert.Equal(t, 3, rules[0].Count)
	assert.Equal(t, "Holiday", rules[0].State)

	// A spring-forward day in a zone whose clocks skip midnight is still whole.
	santiago := mustZone(t, "America/Santiago")
	day := time.Date(2026, 9, 6, 0, 0, 0, 0, time.UTC)
	rules, err = closure.Civil(day, day.AddDate(0, 0, 1), closure.Options{})
	require.NoError(t, err)
	c := compiled(t, santiago, rules)
	// The clocks go from 2026-09-05 23:59:59 -04 to 2026-09-06 01:00 -03.
	dayStart := time.Date(2026, 9, 5, 23, 59, 0, 0, santiago).Add(time.Minute)
	require.Equal(t, 1, dayStart.Hour())
	for u := dayStart; u.Before(time.Date(2026, 9, 7, 0, 0, 0, 0, santiago)); u = u.Add(time.Minute) {
		require.True(t, closedAt(c, u), u)
	}
	assert.False(t, closedAt(c, time.Date(2026, 9, 7, 0, 0, 0, 0, santiago)))
	assert.False(t, closedAt(c, time.Date(2026, 9, 5, 23, 59, 59, 0, santiago)))
}
