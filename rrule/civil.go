package rrule

import (
	"math"
	"time"
)

// Civil date-times are handled as whole seconds since 0001-01-01T00:00:00 on the proleptic
// Gregorian calendar; day numbers count days since 0001-01-01, which was a Monday, so the ISO
// weekday (Monday = 0) of day d is d mod 7 and d/7 numbers the Monday-based weeks.
const (
	secondsPerDay = 86400
	// unixToCivil is the number of seconds from 0001-01-01T00:00:00 to 1970-01-01T00:00:00.
	unixToCivil = 62135596800
	maxYear     = 9999 // python-dateutil's datetime.MAXYEAR
	daysPer400  = 146097
	weeksPer400 = daysPer400 / 7
	// lastCivilDay is 9999-12-31, the last day an occurrence may fall on.
	lastCivilDay = 3652058
	// lastCivilSecond is 9999-12-31T23:59:59.
	lastCivilSecond = (lastCivilDay+1)*secondsPerDay - 1
)

// ToCivil returns t's wall clock in loc as a civil time held in UTC (nanoseconds kept).
// A nil loc means UTC. It does not allocate.
func ToCivil(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	_, offset := t.In(loc).Zone()
	return time.Unix(t.Unix()+int64(offset), int64(t.Nanosecond())).UTC()
}

// FromCivil returns the earliest instant whose wall clock in loc reads c or later. For a
// civil time inside a spring-forward gap that is the end of the gap; for one in an autumn
// overlap it is the first (daylight-time) instant. A nil loc means UTC. Only c's wall-clock
// reading counts, not its location.
func FromCivil(c time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	target := civilSeconds(c) - unixToCivil // wall clock as if it were a Unix time
	nanos := int64(c.Nanosecond())
	// Offsets lie within ±26 h, so the answer lies at or after target-26h. Walk the zone's
	// segments from there; in a segment [from, to) with offset o the clock reads u+o, which
	// grows with u, so the first segment that reaches target holds the answer.
	u := target - 26*3600
	for range 16 {
		offset, end := zoneSegment(u, loc)
		candidate := target - offset
		if candidate < u {
			// The clock jumped past c at this segment's start (a spring-forward gap).
			return time.Unix(u, 0)
		}
		if candidate < end {
			return time.Unix(candidate, nanos)
		}
		u = end
	}
	_, offset := time.Unix(target, 0).In(loc).Zone()
	return time.Unix(target-int64(offset), nanos)
}

// noZoneEnd marks a zone segment that never ends.
const noZoneEnd = math.MaxInt64

// zoneSegment returns the UTC offset in effect at Unix second now and the first Unix second
// after now at which it may change (noZoneEnd: never). It relies on time.Time.ZoneBounds,
// except where that reports an end at or before now (it does so for leap years past the
// zone's table, at a year-end pseudo-boundary): there it probes the offset day by day and
// bisects the change. No zone changes its offset twice within a day.
func zoneSegment(now int64, loc *time.Location) (offset int64, end int64) {
	local := time.Unix(now, 0).In(loc)
	_, off := local.Zone()
	_, bound := local.ZoneBounds()
	switch {
	case bound.IsZero():
		return int64(off), noZoneEnd
	case bound.Unix() > now:
		return int64(off), bound.Unix()
	}
	offsetAt := func(u int64) int {
		_, o := time.Unix(u, 0).In(loc).Zone()
		return o
	}
	for day := int64(1); day <= 400; day++ {
		probe := now + day*secondsPerDay
		if offsetAt(probe) == off {
			continue
		}
		lo, hi := probe-secondsPerDay, probe // offset off at lo, another at hi
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			if offsetAt(mid) == off {
				lo = mid
			} else {
				hi = mid
			}
		}
		return int64(off), hi
	}
	return int64(off), now + 400*secondsPerDay
}

// civilSeconds returns c's wall-clock reading as seconds since 0001-01-01T00:00:00.
func civilSeconds(c time.Time) int64 {
	s := c.Unix() + unixToCivil
	if c.Location() != time.UTC {
		_, offset := c.Zone()
		s += int64(offset)
	}
	return s
}

// civilTime is the inverse of civilSeconds for a UTC-held civil time.
func civilTime(s int64) time.Time {
	return time.Unix(s-unixToCivil, 0).UTC()
}

func isLeap(year int64) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func yearLength(year int64) int {
	return 365 + boolInt(isLeap(year))
}

// daysBeforeYear is the day number of January 1 of year (year >= 1).
func daysBeforeYear(year int64) int64 {
	y := year - 1
	return 365*y + y/4 - y/100 + y/400
}

// yearOfDay splits a day number (>= 0) into its year and zero-based day of the year.
func yearOfDay(day int64) (year int64, yearDay int) {
	n400 := day / daysPer400
	rest := day % daysPer400
	n100 := rest / 36524
	if n100 == 4 {
		n100 = 3
	}
	rest -= n100 * 36524
	n4 := rest / 1461
	rest -= n4 * 1461
	n1 := rest / 365
	if n1 == 4 {
		n1 = 3
	}
	rest -= n1 * 365
	return n400*400 + n100*100 + n4*4 + n1 + 1, int(rest)
}

// dayInfo splits a day number (>= 0) into its year, zero-based day of the year and year type
// (see yearType). The calendar, weekdays included, repeats every 400 years (146097 days, a
// whole number of weeks), so one table of the cycle's years answers: the year is estimated
// from the average year length (off by at most one) and corrected against the table.
func dayInfo(day int64) (year int64, yearDay int, typ int) {
	d := uint64(day) // day >= 0: unsigned division by a constant is a multiply and a shift
	n400 := d / daysPer400
	rest := uint32(d - n400*daysPer400)
	y := rest * 400 / daysPer400
	switch {
	case rest < cycleYears[y].start:
		y--
	case rest >= cycleYears[y+1].start:
		y++
	}
	return int64(n400)*400 + int64(y) + 1, int(rest - cycleYears[y].start), int(cycleYears[y].typ)
}

// cycleYears[y] is year y+1 of a 400-year cycle: its first day (days since the cycle began)
// and its type; cycleYears[400] starts the next cycle.
var cycleYears = func() (table [401]struct {
	start uint32
	typ   uint8
}) {
	for y := range table {
		table[y].start = uint32(daysBeforeYear(int64(y) + 1))
		if y < 400 {
			table[y].typ = uint8(yearType(int64(y) + 1))
		}
	}
	return table
}()

// monthStart[leap][m] is the zero-based day of the year on which month m+1 starts;
// monthStart[leap][12] is the year's length.
var monthStart = [2][13]int{
	{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
	{0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366},
}

// monthOfYearDay returns the zero-based month of a zero-based day of the year.
func monthOfYearDay(leap int, yearDay int) int {
	m := yearDay >> 5 // months are 28..31 days long: this is the month or the one before
	if yearDay >= monthStart[leap][m+1] {
		m++
	}
	return m
}

// yearType numbers the 28 kinds of year the day filters can tell apart: the weekday of
// January 1, whether the year is a leap year, and whether the year before was one (dateutil's
// week numbering looks at the previous year). Types repeat every 400 years.
func yearType(year int64) int {
	jan1 := int(daysBeforeYear(year) % 7)
	return jan1*4 + boolInt(isLeap(year))*2 + boolInt(isLeap(year-1))
}

// floorMod is a mod m in [0, m) for m > 0.
func floorMod(a, m int64) int64 {
	r := a % m
	if r < 0 {
		r += m
	}
	return r
}

// floorDiv is a / m rounded toward negative infinity, for m > 0.
func floorDiv(a, m int64) int64 {
	q := a / m
	if a%m < 0 {
		q--
	}
	return q
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	if a < 0 {
		return -a
	}
	return a
}
