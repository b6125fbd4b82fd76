package rrule

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func civil(t testing.TB, text string) time.Time {
	t.Helper()
	c, err := time.Parse("2006-01-02T15:04:05", text)
	require.NoError(t, err)
	return c
}

func weekdays() []Day {
	return []Day{{Weekday: time.Monday}, {Weekday: time.Tuesday}, {Weekday: time.Wednesday}, {Weekday: time.Thursday}, {Weekday: time.Friday}}
}

func TestCompileProblems(t *testing.T) {
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	base := func(f Frequency) Spec { return Spec{Frequency: f, Start: start, Length: time.Hour} }
	with := func(s Spec, edit func(*Spec)) Spec { edit(&s); return s }
	cases := []struct {
		name  string
		spec  Spec
		field string
		index int
		code  string
	}{
		{"frequency outside the enum", base(Frequency(9)), "frequency", -1, "out-of-range"},
		{"start before year 1", with(base(Daily), func(s *Spec) { s.Start = time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC) }), "startDate", -1, "out-of-range"},
		{"start with a fraction", with(base(Daily), func(s *Spec) { s.Start = start.Add(time.Millisecond) }), "startDate", -1, "not-whole-seconds"},
		{"empty window", with(base(Daily), func(s *Spec) { s.Length = 0 }), "endTime", -1, "out-of-range"},
		{"window with a fraction", with(base(Daily), func(s *Spec) { s.Length = time.Second / 2 }), "endTime", -1, "not-whole-seconds"},
		{"interval too large", with(base(Daily), func(s *Spec) { s.Interval = math.MaxInt32 }), "interval", -1, "interval-too-large"},
		{"negative count", with(base(Daily), func(s *Spec) { s.Count = -1 }), "count", -1, "negative-count"},
		{"month 13", with(base(Yearly), func(s *Spec) { s.ByMonth = []int{1, 13} }), "byMonth", 1, "out-of-range"},
		{"month day 0", with(base(Monthly), func(s *Spec) { s.ByMonthDay = []int{0} }), "byMonthDay", 0, "out-of-range"},
		{"month day -32", with(base(Monthly), func(s *Spec) { s.ByMonthDay = []int{-32} }), "byMonthDay", 0, "out-of-range"},
		{"year day 367", with(base(Yearly), func(s *Spec) { s.ByYearDay = []int{367} }), "byYearDay", 0, "out-of-range"},
		{"week number 54", with(base(Yearly), func(s *Spec) { s.ByWeekNo = []int{54} }), "byWeekNo", 0, "out-of-range"},
		{"week number with Monthly", with(base(Monthly), func(s *Spec) { s.ByWeekNo = []int{3} }), "byWeekNo", -1, "weekno-needs-yearly"},
		{"hour 24", with(base(Daily), func(s *Spec) { s.ByHour = []int{24} }), "byHour", 0, "out-of-range"},
		{"minute 60", with(base(Daily), func(s *Spec) { s.ByMinute = []int{-1} }), "byMinute", 0, "out-of-range"},
		{"set position 0", with(base(Monthly), func(s *Spec) { s.BySetPosition = []int{0} }), "bySetPosition", 0, "out-of-range"},
		{"set position 2^31", with(base(Monthly), func(s *Spec) { s.BySetPosition = []int{math.MinInt32} }), "bySetPosition", 0, "out-of-range"},
		{"offset with Weekly", with(base(Weekly), func(s *Spec) { s.ByDay = []Day{{Weekday: time.Monday, N: 1}} }), "byDay", 0, "offset-not-allowed"},
		{"offset 54", with(base(Yearly), func(s *Spec) { s.ByDay = []Day{{Weekday: time.Monday, N: 54}} }), "byDay", 0, "out-of-range"},
		{"offset 2^31-1", with(base(Monthly), func(s *Spec) { s.ByDay = []Day{{Weekday: time.Monday, N: math.MaxInt32}} }), "byDay", 0, "out-of-range"},
		{"weekday 7", with(base(Weekly), func(s *Spec) { s.ByDay = []Day{{Weekday: 7}} }), "byDay", 0, "out-of-range"},
		{"367 hours", with(base(Daily), func(s *Spec) { s.ByHour = make([]int, 367) }), "byHour", -1, "too-many-values"},
		{"February 30", with(base(Yearly), func(s *Spec) { s.ByMonth = []int{2}; s.ByMonthDay = []int{30} }), "byMonthDay", -1, "empty-set"},
		{"hourly interval 2 from an even hour, byHour 1", with(base(Hourly), func(s *Spec) { s.Start = start.Add(time.Hour); s.Interval = 2; s.ByHour = []int{1} }), "byHour", -1, "empty-set"},
		{"minutely interval 2 from an even minute, odd minutes", with(base(Minutely), func(s *Spec) { s.Interval = 2; s.ByMinute = []int{1, 3, 59} }), "byMinute", -1, "empty-set"},
		{"secondly picks position 2 of one", with(base(Secondly), func(s *Spec) { s.BySetPosition = []int{2} }), "bySetPosition", -1, "empty-set"},
		{"second of one month day", with(base(Monthly), func(s *Spec) { s.ByMonthDay = []int{1}; s.BySetPosition = []int{2} }), "bySetPosition", -1, "empty-set"},
		{"Feb 29 every 4 years from 2001", with(base(Yearly), func(s *Spec) {
			s.Start = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
			s.Interval = 4
			s.ByMonth = []int{2}
			s.ByMonthDay = []int{29}
		}), "byMonthDay", -1, "empty-set"},
		{"Monday that is the first Tuesday", with(base(Monthly), func(s *Spec) { s.ByDay = []Day{{Weekday: time.Monday}, {Weekday: time.Tuesday, N: 1}} }), "byDay", -1, "empty-set"},
		{"Fridays in a 7-daily rule that starts on a Monday", with(base(Daily), func(s *Spec) {
			s.Interval = 7 // every day shares Start's weekday (Monday)
			s.ByDay = []Day{{Weekday: time.Friday}}
		}), "byDay", -1, "empty-set"},
		{"sixth Monday of a month", with(base(Monthly), func(s *Spec) { s.ByDay = []Day{{Weekday: time.Monday, N: 6}} }), "byDay", -1, "empty-set"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Compile(tc.spec)
			require.Nil(t, r)
			var problems *Error
			require.True(t, errors.As(err, &problems), "error %v", err)
			require.NotEmpty(t, problems.Problems)
			p := problems.Problems[0]
			assert.Equal(t, tc.field, p.Field)
			assert.Equal(t, tc.index, p.Index)
			assert.Equal(t, tc.code, p.Code)
			assert.NotEmpty(t, p.Message)
			assert.Contains(t, err.Error(), tc.field)
		})
	}
}

func TestCompileListsEveryProblem(t *testing.T) {
	_, err := Compile(Spec{Frequency: Weekly, Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Length: -time.Hour,
		Interval: 5000, Count: -3, ByMonth: []int{0, 13}, ByDay: []Day{{Weekday: time.Monday, N: 2}}})
	var problems *Error
	require.True(t, errors.As(err, &problems))
	var fields []string
	for _, p := range problems.Problems {
		fields = append(fields, p.Field)
	}
	assert.Equal(t, []string{"endTime", "interval", "count", "byMonth", "byMonth", "byDay"}, fields)
	assert.Equal(t, 6, strings.Count(err.Error(), ": "))
}

// Extreme inputs compile (or fail) promptly; go test's timeout is the guard.
func TestCompileExtremesAreBounded(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	all366 := make([]int, 366)
	for i := range all366 {
		all366[i] = i + 1
	}
	specs := []Spec{
		{Frequency: Secondly, Start: start, Length: time.Second, Count: math.MaxInt32},
		{Frequency: Secondly, Start: start, Length: time.Second, Count: math.MaxInt32, Interval: 997, ByHour: []int{3}, ByMinute: []int{7, 8}},
		{Frequency: Hourly, Start: start, Length: time.Second, Count: math.MaxInt32, Interval: 1000, ByMonth: []int{2}, ByMonthDay: []int{29}},
		{Frequency: Weekly, Start: start, Length: time.Hour, Count: math.MaxInt32, ByDay: weekdays(), ByHour: []int{1, 2, 3}, BySetPosition: all366},
		{Frequency: Yearly, Start: start, Length: time.Hour, Count: math.MaxInt32, ByYearDay: all366, BySetPosition: all366},
		{Frequency: Daily, Start: start, Length: time.Hour, Count: math.MaxInt32, Interval: 773, ByMonth: []int{2}, ByMonthDay: []int{29}, ByDay: []Day{{Weekday: time.Monday}}},
		{Frequency: Minutely, Start: start, Length: time.Hour, Interval: 999, ByHour: []int{5}, ByMinute: []int{17}},
		{Frequency: Monthly, Start: start, Length: time.Hour, Interval: 1000, ByDay: []Day{{Weekday: time.Friday}}, ByMonthDay: []int{13}, Count: math.MaxInt32},
	}
	for _, spec := range specs {
		r, err := Compile(spec)
		if err != nil {
			continue
		}
		x := civil(t, "2030-06-01T00:00:00")
		containsCivil(r, x)
		nextChangeCivil(r, x, x.Add(400*24*time.Hour))
		r.Occurrences(x, x.AddDate(10, 0, 0), 10)
	}
}

// scenario rows: a rule, and civil instants that are (or are not) inside its windows.
func TestScenarios(t *testing.T) {
	cases := []struct {
		name    string
		spec    Spec
		inside  []string
		outside []string
	}{
		{"business hours Mon-Fri 09:00-17:00",
			Spec{Frequency: Weekly, Start: civil(t, "2020-01-06T09:00:00"), Length: 8 * time.Hour, ByDay: weekdays()},
			[]string{"2026-11-30T09:00:00", "2026-12-04T16:59:59"},
			[]string{"2026-11-30T08:59:59", "2026-11-30T17:00:00", "2026-12-05T12:00:00"}},
		{"Thanksgiving closes the clinic all day",
			Spec{Frequency: Yearly, Start: civil(t, "2000-01-01T00:00:00"), Length: 24 * time.Hour, ByMonth: []int{11}, ByDay: []Day{{Weekday: time.Thursday, N: 4}}},
			[]string{"2026-11-26T00:00:00", "2026-11-26T23:59:59", "2030-11-28T12:00:00"},
			[]string{"2026-11-25T23:59:59", "2026-11-27T00:00:00", "2026-11-19T12:00:00"}},
		{"overnight 22:00-06:00 crosses midnight",
			Spec{Frequency: Daily, Start: civil(t, "2026-01-01T22:00:00"), Length: 8 * time.Hour},
			[]string{"2026-01-01T22:00:00", "2026-01-02T05:59:59", "2026-06-01T03:00:00"},
			[]string{"2026-01-01T06:00:00", "2026-01-02T06:00:00", "2025-12-31T23:00:00"}},
		{"a Mon-Fri rule starting on a Sunday does not open that Sunday",
			Spec{Frequency: Weekly, Start: civil(t, "2026-11-29T09:00:00"), Length: time.Hour, ByDay: weekdays()},
			[]string{"2026-11-30T09:30:00"},
			[]string{"2026-11-29T09:30:00"}},
		{"count 3 stops after the third occurrence",
			Spec{Frequency: Daily, Start: civil(t, "2026-01-01T10:00:00"), Length: time.Hour, Count: 3},
			[]string{"2026-01-03T10:00:00"},
			[]string{"2026-01-04T10:00:00"}},
		{"until is inclusive",
			Spec{Frequency: Daily, Start: civil(t, "2026-01-01T10:00:00"), Length: time.Hour, Until: civil(t, "2026-01-05T10:00:00")},
			[]string{"2026-01-05T10:59:59"},
			[]string{"2026-01-06T10:00:00"}},
		{"last weekday of the month",
			Spec{Frequency: Monthly, Start: civil(t, "2026-01-01T00:00:00"), Length: 24 * time.Hour, ByDay: weekdays(), BySetPosition: []int{-1}},
			[]string{"2026-01-30T12:00:00", "2026-05-29T12:00:00"},
			[]string{"2026-01-31T12:00:00", "2026-01-29T12:00:00"}},
		{"frequency None is one window",
			Spec{Frequency: None, Start: civil(t, "2026-12-24T12:00:00"), Length: 36 * time.Hour, Count: 5, Interval: 3},
			[]string{"2026-12-24T12:00:00", "2026-12-25T23:59:59"},
			[]string{"2026-12-24T11:59:59", "2026-12-26T00:00:00", "2027-12-24T12:00:00"}},
		{"every 15 minutes during the day, 5 minutes each",
			Spec{Frequency: Minutely, Start: civil(t, "1996-01-01T08:00:00"), Length: 5 * time.Minute, Interval: 15, ByHour: []int{8, 9, 10, 11, 12, 13, 14, 15, 16, 17}},
			[]string{"2026-11-30T08:00:00", "2026-11-30T17:49:59", "2026-11-30T12:34:59"},
			[]string{"2026-11-30T07:59:59", "2026-11-30T18:00:00", "2026-11-30T12:35:00"}},
		{"a leap day, every 4 years",
			Spec{Frequency: Yearly, Start: civil(t, "2000-02-29T00:00:00"), Length: 24 * time.Hour},
			[]string{"2024-02-29T08:00:00", "2400-02-29T08:00:00"},
			[]string{"2100-02-28T08:00:00", "2100-03-01T08:00:00", "2025-02-28T08:00:00"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Compile(tc.spec)
			require.NoError(t, err)
			for _, s := range tc.inside {
				assert.True(t, containsCivil(r, civil(t, s)), "inside at %s", s)
			}
			for _, s := range tc.outside {
				assert.False(t, containsCivil(r, civil(t, s)), "outside at %s", s)
			}
		})
	}
}

func TestNextChangeEndsMergedRuns(t *testing.T) {
	allDay, err := Compile(Spec{Frequency: Weekly, Start: civil(t, "1990-01-01T00:00:00"), Length: 24 * time.Hour, ByDay: weekdays()})
	require.NoError(t, err)
	u, ok := nextChangeCivil(allDay, civil(t, "2026-12-01T10:00:00"), civil(t, "2027-12-01T00:00:00"))
	require.True(t, ok)
	assert.Equal(t, civil(t, "2026-12-05T00:00:00"), u, "Mon-Fri all-day windows merge into one run")
	u, ok = nextChangeCivil(allDay, u, civil(t, "2027-12-01T00:00:00"))
	require.True(t, ok)
	assert.Equal(t, civil(t, "2026-12-07T00:00:00"), u)

	always, err := Compile(Spec{Frequency: Secondly, Start: civil(t, "1990-01-01T00:00:00"), Length: time.Second})
	require.NoError(t, err)
	_, ok = nextChangeCivil(always, civil(t, "2026-12-01T10:00:00"), civil(t, "2027-12-01T00:00:00"))
	assert.False(t, ok, "a rule covering every second never changes")
	assert.True(t, containsCivil(always, civil(t, "2026-12-01T10:00:00")))

	ended, err := Compile(Spec{Frequency: Secondly, Start: civil(t, "1990-01-01T00:00:00"), Length: time.Second, Until: civil(t, "2026-12-24T18:00:00")})
	require.NoError(t, err)
	u, ok = nextChangeCivil(ended, civil(t, "2026-12-01T10:00:00"), civil(t, "2027-12-01T00:00:00"))
	require.True(t, ok)
	assert.Equal(t, civil(t, "2026-12-24T18:00:01"), u, "until bounds the last window")

	gap, err := Compile(Spec{Frequency: Minutely, Start: civil(t, "1990-01-01T00:00:00"), Length: time.Minute, ByHour: []int{9, 10, 11, 13, 14}})
	require.NoError(t, err)
	u, ok = nextChangeCivil(gap, civil(t, "2026-12-01T09:30:00"), civil(t, "2027-12-01T00:00:00"))
	require.True(t, ok)
	assert.Equal(t, civil(t, "2026-12-01T12:00:00"), u)
	u, ok = nextChangeCivil(gap, u, civil(t, "2027-12-01T00:00:00"))
	require.True(t, ok)
	assert.Equal(t, civil(t, "2026-12-01T13:00:00"), u)
	_, ok = nextChangeCivil(gap, u, civil(t, "2026-12-01T14:59:59"))
	assert.False(t, ok, "the limit is inclusive and the change at 15:00 lies past it")
}

func TestSetAndString(t *testing.T) {
	r, err := Compile(Spec{Frequency: Weekly, Start: civil(t, "2026-01-05T09:00:00"), Length: time.Hour, Interval: 2, Count: 4,
		ByDay: []Day{{Weekday: time.Monday}, {Weekday: time.Monday}, {Weekday: time.Wednesday}}, ByHour: []int{9, 9}})
	require.NoError(t, err)
	assert.Equal(t, "DTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=MO,WE;BYHOUR=9", r.String())
	got := r.Set().All()
	want := []time.Time{civil(t, "2026-01-05T09:00:00"), civil(t, "2026-01-07T09:00:00"), civil(t, "2026-01-19T09:00:00"), civil(t, "2026-01-21T09:00:00")}
	assert.Equal(t, want, got)
	assert.Equal(t, want, r.Occurrences(civil(t, "2026-01-01T00:00:00"), civil(t, "2027-01-01T00:00:00"), 100))
	assert.Equal(t, want[:2], r.Occurrences(civil(t, "2026-01-01T00:00:00"), civil(t, "2027-01-01T00:00:00"), 2))
	assert.Equal(t, want[1:3], r.Occurrences(civil(t, "2026-01-05T09:00:00").Add(time.Nanosecond), civil(t, "2026-01-21T09:00:00"), 10))

	single, err := Compile(Spec{Frequency: None, Start: civil(t, "2026-01-05T09:00:00"), Length: time.Hour})
	require.NoError(t, err)
	assert.Equal(t, "DTSTART:20260105T090000Z\nRDATE:20260105T090000Z", single.String())
	assert.Equal(t, []time.Time{civil(t, "2026-01-05T09:00:00")}, single.Set().All())
}

func TestQueriesDoNotAllocate(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	specs := []Spec{
		{Frequency: Weekly, Start: civil(t, "1990-01-01T09:00:00"), Length: 8 * time.Hour, ByDay: weekdays()},
		{Frequency: Monthly, Start: civil(t, "1990-01-01T00:00:00"), Length: 24 * time.Hour, ByDay: weekdays(), BySetPosition: []int{-1, 1}},
		{Frequency: Yearly, Start: civil(t, "1990-01-01T00:00:00"), Length: 48 * time.Hour, ByYearDay: []int{1, 2, 3, 100, 101, -1}, BySetPosition: []int{1, 2, 3, -1, -2}},
		{Frequency: Secondly, Start: civil(t, "1990-01-01T00:00:00"), Length: 30 * time.Second, Interval: 7, ByHour: []int{9, 10}},
	}
	for _, spec := range specs {
		r, err := Compile(spec)
		require.NoError(t, err)
		c := civil(t, "2026-12-01T10:00:00")
		instant := time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC)
		allocs := testing.AllocsPerRun(50, func() {
			containsCivil(r, c)
			nextChangeCivil(r, c, c.Add(400*24*time.Hour))
			containsIn(r, instant, ny)
			nextChangeIn(r, instant, ny, instant.Add(400*24*time.Hour))
			ToCivil(instant, ny)
			FromCivil(c, ny)
		})
		assert.Zero(t, allocs, r.String())
	}
}

func TestConcurrentQueries(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	r, err := Compile(Spec{Frequency: Monthly, Start: civil(t, "1990-01-01T18:00:00"), Length: 2 * time.Hour, ByDay: []Day{{Weekday: time.Tuesday, N: 2}}})
	require.NoError(t, err)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	want := make([]bool, 500)
	for i := range want {
		want[i] = containsIn(r, base.Add(time.Duration(i)*time.Hour*7), ny)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range want {
				u := base.Add(time.Duration(i) * time.Hour * 7)
				if containsIn(r, u, ny) != want[i] {
					t.Errorf("goroutine %d: Contains(%s) changed", g, u)
				}
				nextChangeIn(r, u, ny, u.Add(60*24*time.Hour))
				_ = r.Set().String()
			}
		}()
	}
	wg.Wait()
}

// Instants and limits far outside years 1..9999 are answered promptly (no walk over the
// zone's yearly transitions up to the limit).
func TestNextChangeFarAway(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	r, err := Compile(Spec{Frequency: Weekly, Start: civil(t, "1990-01-01T09:00:00"), Length: 8 * time.Hour, ByDay: weekdays(), Until: civil(t, "2030-01-01T00:00:00")})
	require.NoError(t, err)
	farPast, farFuture := time.Unix(-1<<62, 0), time.Unix(1<<62, 0)
	u, ok := nextChangeIn(r, farPast, ny, farFuture)
	require.True(t, ok)
	assert.Equal(t, time.Date(1990, 1, 1, 14, 0, 0, 0, time.UTC), u.UTC())
	_, ok = nextChangeIn(r, time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), ny, farFuture)
	assert.False(t, ok, "nothing changes after the last window")
	assert.False(t, containsIn(r, farFuture, ny))
	assert.False(t, containsIn(r, farPast, ny))
	u, ok = nextChangeIn(r, time.Date(2029, 12, 31, 16, 0, 0, 0, time.UTC), ny, farFuture)
	require.True(t, ok)
	assert.Equal(t, time.Date(2029, 12, 31, 22, 0, 0, 0, time.UTC), u.UTC(), "the last window closes")

	always, err := Compile(Spec{Frequency: Secondly, Start: civil(t, "0001-01-01T00:00:00"), Length: time.Second})
	require.NoError(t, err)
	u, ok = nextChangeIn(always, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ny, farFuture)
	require.True(t, ok)
	assert.Equal(t, civil(t, "9999-12-31T23:59:59").Add(time.Second), ToCivil(u, ny), "an always-on rule ends with year 9999")
	u, ok = nextChangeCivil(always, civil(t, "2026-01-01T00:00:00"), time.Unix(1<<62, 0))
	require.True(t, ok)
	assert.Equal(t, civil(t, "9999-12-31T23:59:59").Add(time.Second), u)
}

// Past the zone table, time.Time.ZoneBounds reports a year-end pseudo-boundary that, in leap
// years, ends at or before the instant asked about; the segment walk must not stall there.
func TestZoneBoundsPastTheTable(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	r, err := Compile(Spec{Frequency: Daily, Start: civil(t, "2026-01-01T09:00:00"), Length: 8 * time.Hour})
	require.NoError(t, err)
	for _, from := range []time.Time{
		time.Date(2040, 12, 30, 23, 0, 0, 0, time.UTC),
		time.Date(2040, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2040, 12, 31, 0, 0, 1, 0, time.UTC),
	} {
		u, ok := nextChangeIn(r, from, ny, from.Add(72*time.Hour))
		require.True(t, ok)
		assert.Equal(t, time.Date(2040, 12, 31, 14, 0, 0, 0, time.UTC), u.UTC(), "from %s", from)
	}
	u, ok := nextChangeIn(r, time.Date(2041, 3, 9, 23, 0, 0, 0, time.UTC), ny, time.Date(2041, 3, 12, 0, 0, 0, 0, time.UTC))
	require.True(t, ok)
	assert.Equal(t, time.Date(2041, 3, 10, 13, 0, 0, 0, time.UTC), u.UTC(), "09:00 EDT on the spring-forward day")
	assert.Equal(t, time.Date(2040, 12, 31, 14, 0, 0, 0, time.UTC).Unix(), FromCivil(civil(t, "2040-12-31T09:00:00"), ny).Unix())
	assert.Equal(t, time.Date(2041, 3, 10, 7, 0, 0, 0, time.UTC).Unix(), FromCivil(civil(t, "2041-03-10T02:30:00"), ny).Unix())
}

// Ordinals that cannot exist in a month select nothing; the rrule-go rule leaves them out
// (rrule-go would index past its tables for them) and still agrees.
func TestImpossibleMonthOrdinalsLeftOutOfSet(t *testing.T) {
	r, err := Compile(Spec{Frequency: Monthly, Start: civil(t, "2026-01-01T09:00:00"), Length: time.Hour,
		ByDay: []Day{{Weekday: time.Monday, N: 2}, {Weekday: time.Monday, N: 6}, {Weekday: time.Friday, N: -7}}})
	require.NoError(t, err)
	assert.Equal(t, "DTSTART:20260101T090000Z\nRRULE:FREQ=MONTHLY;BYDAY=+2MO", r.String())
	from, to := civil(t, "2026-01-01T00:00:00"), civil(t, "2027-01-01T00:00:00")
	want := r.Set().Between(from, to, true)
	require.Len(t, want, 12)
	assert.Equal(t, want, r.Occurrences(from, to, 100))

	yearly, err := Compile(Spec{Frequency: Yearly, Start: civil(t, "2026-01-01T09:00:00"), Length: time.Hour,
		ByDay: []Day{{Weekday: time.Monday, N: 53}, {Weekday: time.Monday, N: -53}, {Weekday: time.Thursday, N: 20}}})
	require.NoError(t, err)
	from, to = civil(t, "2026-01-01T00:00:00"), civil(t, "2060-01-01T00:00:00")
	assert.Equal(t, yearly.Set().Between(from, to, true), yearly.Occurrences(from, to, 1000))
}
