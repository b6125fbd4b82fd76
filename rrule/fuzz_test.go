package rrule

import (
	"bytes"
	"math"
	"testing"
	"time"
)

// fuzzSpec decodes fuzz input into a Spec. lists holds up to eight 0xFF-separated chunks: the
// BY-lists bySetPosition, byMonth, byWeekNo, byYearDay, byMonthDay, byDay (byte pairs:
// weekday, offset), byHour, byMinute. Values are spread so that both valid and invalid ones
// occur.
func fuzzSpec(freq uint8, startSeconds int64, lengthSeconds int64, interval, count int32, untilSeconds int64, lists []byte) Spec {
	const (
		y1900 = 59926608000 // civil seconds of 1900-01-01
		span  = 200 * 365 * secondsPerDay
	)
	startCivil := y1900 + int64(uint64(startSeconds)%span)
	if freq&0x80 != 0 { // anywhere in years 1..9999
		startCivil = int64(uint64(startSeconds) % (lastCivilSecond + 1))
	}
	spec := Spec{
		Frequency: Frequency(int(freq&0x7f) % 9),
		Start:     civilTime(startCivil),
		Length:    time.Duration(lengthSeconds%(400*secondsPerDay)) * time.Second,
		Interval:  int(interval),
		Count:     int(count),
	}
	if interval > 0 && interval < math.MaxInt32 {
		spec.Interval = int(interval%40) + 1
	}
	if count > 0 && count < math.MaxInt32 {
		spec.Count = int(count % 200)
	}
	if untilSeconds != 0 {
		spec.Until = civilTime(startCivil + untilSeconds%(300*365*secondsPerDay))
	}
	chunks := bytes.Split(lists, []byte{0xFF})
	ints := func(i int, scale func(b byte) int) []int {
		if i >= len(chunks) {
			return nil
		}
		var out []int
		for _, b := range chunks[i] {
			out = append(out, scale(b))
		}
		return out
	}
	signed := func(limit int) func(b byte) int {
		return func(b byte) int { return int(int8(b)) % (limit + 2) }
	}
	plain := func(limit int) func(b byte) int {
		return func(b byte) int { return int(b) % (limit + 2) }
	}
	spec.BySetPosition = ints(0, signed(12))
	spec.ByMonth = ints(1, plain(12))
	spec.ByWeekNo = ints(2, signed(53))
	spec.ByYearDay = ints(3, func(b byte) int { return int(int8(b)) * 3 })
	spec.ByMonthDay = ints(4, signed(31))
	if len(chunks) > 5 {
		c := chunks[5]
		for i := 0; i+1 < len(c); i += 2 {
			spec.ByDay = append(spec.ByDay, Day{Weekday: time.Weekday(int(c[i]) % 8), N: int(int8(c[i+1])) % 7})
		}
	}
	spec.ByHour = ints(6, plain(23))
	spec.ByMinute = ints(7, plain(59))
	return spec
}

// fuzzHorizon is how far after DTSTART the fuzz test compares with rrule-go: far enough for
// several occurrences, near enough for rrule-go's walk from DTSTART.
var fuzzHorizon = [...]time.Duration{
	None: 48 * time.Hour, Secondly: 6 * time.Hour, Minutely: 3 * 24 * time.Hour, Hourly: 40 * 24 * time.Hour,
	Daily: 2 * 365 * 24 * time.Hour, Weekly: 5 * 365 * 24 * time.Hour, Monthly: 20 * 365 * 24 * time.Hour, Yearly: 100 * 365 * 24 * time.Hour,
}

func FuzzRule(f *testing.F) {
	f.Add(uint8(Weekly), int64(3600*24*365*126+9*3600), int64(8*3600), int32(1), int32(0), int64(0), []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, 2, 0, 3, 0}, int64(12345))
	f.Add(uint8(Monthly), int64(987654321), int64(7200), int32(1), int32(0), int64(0), []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 2, 2}, int64(777777))
	f.Add(uint8(Yearly), int64(5), int64(86400), int32(1), int32(0), int64(0), []byte{0xFF, 11, 0xFF, 0xFF, 0xFF, 0xFF, 4, 4}, int64(86400*300))
	f.Add(uint8(Minutely), int64(1234567), int64(300), int32(15), int32(0), int64(0), []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 8, 9, 10, 11}, int64(3600))
	f.Add(uint8(Hourly), int64(3600), int64(60), int32(2), int32(0), int64(0), []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1}, int64(0))
	f.Add(uint8(Secondly), int64(77), int64(1), int32(1), int32(math.MaxInt32), int64(0), []byte{}, int64(50))
	f.Add(uint8(Yearly|0x80), int64(lastCivilSecond-86400*3), int64(86400*30), int32(math.MaxInt32), int32(-1), int64(-5), []byte{0x80, 0xFF, 0x7F}, int64(-1))
	f.Add(uint8(Monthly), int64(99), int64(3600), int32(1), int32(5), int64(86400*90), []byte{0x81, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xE2, 0xFF, 1, 0x80, 5, 3}, int64(86400*40))
	f.Fuzz(func(t *testing.T, freq uint8, startSeconds, lengthSeconds int64, interval, count int32, untilSeconds int64, lists []byte, query int64) {
		spec := fuzzSpec(freq, startSeconds, lengthSeconds, interval, count, untilSeconds, lists)
		r, err := Compile(spec)
		if err != nil {
			if _, ok := err.(*Error); !ok || len(err.(*Error).Problems) == 0 {
				t.Fatalf("Compile returned %T %v", err, err)
			}
			return
		}
		start := civilSeconds(spec.Start)
		horizon := int64(fuzzHorizon[spec.Frequency] / time.Second)
		x := start - horizon/10 + int64(uint64(query)%uint64(horizon))
		x = max(x, 0)

		// Self-consistency of the query methods.
		inside := r.m.contains(x)
		mo := civilMoment(civilTime(x))
		if r.Contains(&mo) != inside {
			t.Fatalf("contains and Contains (with its short cut) disagree at %s\n%s", civilTime(x), r)
		}
		limit := x + horizon/4 + 1
		u, ok := r.m.nextChange(x, limit)
		if mu, mok := r.m.nextChangeFrom(x, limit, &mo); mok != ok || mu != u {
			t.Fatalf("next change from %s differs with a Moment\n%s", civilTime(x), r)
		}
		if mu, mok := nextChangeCivil(r, civilTime(x), civilTime(limit)); mok != ok || (ok && !mu.Equal(civilTime(u))) {
			t.Fatalf("next change from %s differs through NextChange in UTC\n%s", civilTime(x), r)
		}
		if ok {
			if u <= x || u > limit || r.m.contains(u) == inside || r.m.contains(u-1) != inside {
				t.Fatalf("next change from %s is %s: not the first flip\n%s", civilTime(x), civilTime(u), r)
			}
		}
		loc, _ := time.LoadLocation("Australia/Lord_Howe")
		instant := time.Unix(x-unixToCivil, 0)
		if u, ok := nextChangeIn(r, instant, loc, instant.Add(48*time.Hour)); ok {
			if !u.After(instant) || containsIn(r, u, loc) == containsIn(r, instant, loc) || containsIn(r, u.Add(-time.Second), loc) != containsIn(r, instant, loc) {
				t.Fatalf("zone next change from %s is %s: not the first flip\n%s", instant, u, r)
			}
		}

		// Agreement with rrule-go near DTSTART, where its walk is short.
		if spec.Start.Year() < 1800 || spec.Start.Year() > 9000 {
			return
		}
		from, to := civilTime(start), civilTime(start+horizon)
		ours := r.Occurrences(from, to.Add(time.Second), 200) // [from, to]
		if len(ours) == 200 {
			to = ours[199]
		}
		if !rruleGoAffordable(r, to, fuzzHorizon[spec.Frequency]) {
			return
		}
		theirs := r.Set().Between(from, to, true)
		if len(ours) != len(theirs) {
			t.Fatalf("%d occurrences, rrule-go has %d\n%s\nours %v\ntheirs %v", len(ours), len(theirs), r, head(ours), head(theirs))
		}
		for i := range ours {
			if !ours[i].Equal(theirs[i]) {
				t.Fatalf("occurrence %d is %s, rrule-go says %s\n%s", i, ours[i], theirs[i], r)
			}
		}
		if x >= start && x < civilSeconds(to) {
			cov := newCoverage(r.Set().Between(civilTime(x-r.m.length), civilTime(x), true), time.Duration(r.m.length)*time.Second)
			if cov.contains(x) != inside {
				t.Fatalf("contains(%s) = %v, rrule-go windows say %v\n%s", civilTime(x), inside, !inside, r)
			}
		}
	})
}

func head(list []time.Time) []time.Time {
	return list[:min(len(list), 5)]
}
