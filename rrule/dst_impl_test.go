package rrule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// transitions returns the zone's offset changes in [from, to).
func transitions(t *testing.T, loc *time.Location, from, to time.Time) []time.Time {
	t.Helper()
	var out []time.Time
	for u := from; u.Before(to); {
		_, end := u.In(loc).ZoneBounds()
		if end.IsZero() || !end.Before(to) {
			break
		}
		out = append(out, end)
		u = end
	}
	return out
}

// dstRules are window shapes that interact with DST gaps and overlaps; they start at civil
// midnight of day (a few days before the transition, so rrule-go's walk stays short).
func dstRules(day time.Time) map[string]Spec {
	start := day
	at := func(h, m int) time.Time { return start.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	return map[string]Spec{
		"daily 02:30-03:30":            {Frequency: Daily, Start: at(2, 30), Length: time.Hour},
		"daily 01:00-02:00":            {Frequency: Daily, Start: at(1, 0), Length: time.Hour},
		"daily inside gap 02:10-02:40": {Frequency: Daily, Start: at(2, 10), Length: 30 * time.Minute},
		"daily 00:00-01:00":            {Frequency: Daily, Start: at(0, 0), Length: time.Hour},
		"overnight 22:00-06:00":        {Frequency: Daily, Start: at(22, 0), Length: 8 * time.Hour},
		"all day Mon-Fri":              {Frequency: Weekly, Start: at(0, 0), Length: 24 * time.Hour, ByDay: []Day{{Weekday: time.Monday}, {Weekday: time.Tuesday}, {Weekday: time.Wednesday}, {Weekday: time.Thursday}, {Weekday: time.Friday}}},
		"half-hourly 10 minutes":       {Frequency: Hourly, Start: at(0, 0), Length: 10 * time.Minute, ByMinute: []int{0, 30}},
		"every 7 minutes for 3":        {Frequency: Minutely, Start: at(0, 1), Length: 3 * time.Minute, Interval: 7},
		"chatham 02:45-03:45":          {Frequency: Daily, Start: at(2, 45), Length: time.Hour},
		"secondly every 97s for 40s":   {Frequency: Secondly, Start: at(1, 0), Length: 40 * time.Second, Interval: 97, ByHour: []int{0, 1, 2, 3, 4}},
	}
}

// bruteMembership returns, for each second of [from, from+n), whether the rule (via rrule-go
// occurrences) covers that instant's wall clock.
func bruteMembership(t *testing.T, r *Rule, spec Spec, loc *time.Location, from time.Time, n int) []bool {
	t.Helper()
	lo := ToCivil(from, loc).Add(-spec.Length - 3*time.Hour)
	hi := ToCivil(from.Add(time.Duration(n)*time.Second), loc).Add(3 * time.Hour)
	cov := newCoverage(r.Set().Between(lo, hi, true), spec.Length)
	out := make([]bool, n)
	var offset, segmentEnd int64 = 0, -1 << 62
	for i := range out {
		u := from.Unix() + int64(i)
		if u >= segmentEnd {
			local := time.Unix(u, 0).In(loc)
			_, off := local.Zone()
			_, end := local.ZoneBounds()
			offset, segmentEnd = int64(off), 1<<62
			if !end.IsZero() {
				segmentEnd = end.Unix()
			}
		}
		out[i] = cov.contains(u + offset + unixToCivil)
	}
	return out
}

func TestNextChangeAcrossDST(t *testing.T) {
	zones := []struct {
		name     string
		from, to time.Time
	}{
		{"America/New_York", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"Europe/London", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"Australia/Sydney", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"Pacific/Chatham", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"America/Sao_Paulo", time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, zone := range zones {
		loc, err := time.LoadLocation(zone.name)
		require.NoError(t, err)
		changes := transitions(t, loc, zone.from, zone.to)
		require.NotEmpty(t, changes, zone.name)
		for _, change := range changes {
			day := ToCivil(change, loc).Add(-5 * 24 * time.Hour).Truncate(24 * time.Hour)
			for name, spec := range dstRules(day) {
				r, err := Compile(spec)
				require.NoError(t, err, name)
				// Every second of the 4 hours around the transition.
				from := change.Add(-2 * time.Hour)
				const n = 4 * 3600
				member := bruteMembership(t, r, spec, loc, from, n+1)
				nextFlip := make([]int, n+1)
				nextFlip[n] = -1
				for i := n - 1; i >= 0; i-- {
					switch {
					case member[i+1] != member[i]:
						nextFlip[i] = i + 1
					default:
						nextFlip[i] = nextFlip[i+1]
					}
				}
				limit := from.Add(n * time.Second)
				for i := 0; i < n; i++ {
					u := from.Add(time.Duration(i) * time.Second)
					if member[i] != containsIn(r, u, loc) {
						require.Equal(t, member[i], containsIn(r, u, loc), "%s %s contains at %s", zone.name, name, u)
					}
					got, ok := nextChangeIn(r, u, loc, limit)
					want := from.Add(time.Duration(nextFlip[i]) * time.Second)
					if ok != (nextFlip[i] >= 0) || (ok && !got.Equal(want)) {
						require.Equal(t, nextFlip[i] >= 0, ok, "%s %s next change from %s: got %s", zone.name, name, u, got)
						require.Equal(t, want.Unix(), got.Unix(), "%s %s next change from %s", zone.name, name, u)
					}
				}
				// Every minute of the week around the transition, against a per-second scan.
				weekFrom := change.Add(-84 * time.Hour)
				const weekN = 7 * 86400
				weekMember := bruteMembership(t, r, spec, loc, weekFrom, weekN+1)
				weekLimit := weekFrom.Add(weekN * time.Second)
				flip := -1
				for i := weekN - 1; i >= 0; i-- {
					if weekMember[i+1] != weekMember[i] {
						flip = i + 1
					}
					if i%60 != 0 {
						continue
					}
					u := weekFrom.Add(time.Duration(i) * time.Second)
					got, ok := nextChangeIn(r, u, loc, weekLimit)
					want := weekFrom.Add(time.Duration(flip) * time.Second)
					if ok != (flip >= 0) || (ok && !got.Equal(want)) {
						require.Equal(t, flip >= 0, ok, "%s %s next change from %s: got %s", zone.name, name, u, got)
						require.Equal(t, want.Unix(), got.Unix(), "%s %s next change from %s", zone.name, name, u)
					}
				}
			}
		}
	}
}

func TestCivilConversions(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	civil := func(s string) time.Time {
		c, err := time.Parse("2006-01-02T15:04:05", s)
		require.NoError(t, err)
		return c
	}
	// Spring gap: 02:30 does not exist on 2024-03-10; the earliest instant reading 02:30 or
	// later is 03:00 EDT.
	require.Equal(t, time.Date(2024, 3, 10, 7, 0, 0, 0, time.UTC).Unix(), FromCivil(civil("2024-03-10T02:30:00"), ny).Unix())
	// Autumn overlap: 01:30 happens twice; the first is EDT.
	require.Equal(t, time.Date(2024, 11, 3, 5, 30, 0, 0, time.UTC).Unix(), FromCivil(civil("2024-11-03T01:30:00"), ny).Unix())
	require.Equal(t, time.Date(2024, 7, 1, 13, 0, 0, 0, time.UTC).Unix(), FromCivil(civil("2024-07-01T09:00:00"), ny).Unix())
	// Both instants of the overlap read 01:30.
	require.Equal(t, civil("2024-11-03T01:30:00"), ToCivil(time.Date(2024, 11, 3, 5, 30, 0, 0, time.UTC), ny))
	require.Equal(t, civil("2024-11-03T01:30:00"), ToCivil(time.Date(2024, 11, 3, 6, 30, 0, 0, time.UTC), ny))
	require.Equal(t, civil("2024-11-03T01:30:00"), ToCivil(time.Date(2024, 11, 3, 6, 30, 0, 0, time.UTC), ny))
	// FromCivil inverts ToCivil outside gaps, nanoseconds included.
	u := time.Date(2024, 5, 5, 12, 0, 0, 123, time.UTC)
	require.True(t, u.Equal(FromCivil(ToCivil(u, ny), ny)))
	require.True(t, u.Equal(FromCivil(ToCivil(u, nil), nil)))

	// DST days keep the office clock: 09:00-17:00 both days.
	r, err := Compile(Spec{Frequency: Daily, Start: civil("2024-01-01T09:00:00"), Length: 8 * time.Hour})
	require.NoError(t, err)
	require.True(t, containsIn(r, time.Date(2024, 3, 10, 13, 0, 0, 0, time.UTC), ny)) // 09:00 EDT
	require.False(t, containsIn(r, time.Date(2024, 3, 10, 12, 59, 59, 0, time.UTC), ny))
	require.True(t, containsIn(r, time.Date(2024, 11, 3, 14, 0, 0, 0, time.UTC), ny)) // 09:00 EST
	require.False(t, containsIn(r, time.Date(2024, 11, 3, 13, 59, 59, 0, time.UTC), ny))
}
