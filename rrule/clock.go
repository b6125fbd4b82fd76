package rrule

import "math/bits"

// clockKind tells how the occurrence times inside one day are laid out.
type clockKind uint8

const (
	// fixedClock: the same times every day (Daily and coarser): byHour × byMinute at Start's
	// second, already reduced by bySetPosition for Daily.
	fixedClock clockKind = iota
	// hourlyClock: every aligned hour in byHour, at the byMinute minutes and Start's second.
	hourlyClock
	// minutelyClock: every aligned minute whose hour and minute pass, at Start's second.
	minutelyClock
	// secondlyClock: every aligned second whose hour and minute pass.
	secondlyClock
)

// clock answers "which times of this day are occurrences" for the days of one residue class.
// For the sub-daily frequencies the aligned units of day d are those x (hour, minute or second
// of the day) with x ≡ residue(d) (mod interval), residue(d) = (anchor - d·unitsPerDay) mod
// interval; every day of a class has the same times. Times are kept as three levels of bit
// sets (hours of the day, minutes of an hour, seconds of a minute) so that the previous or next
// time is a handful of bit operations.
type clock struct {
	kind   clockKind
	second uint8 // the occurrence second, for every kind but secondlyClock
	hours  uint32
	// minutes is the minute set of every hour of hours; for a Daily
	// bySetPosition rule, whose hours differ, perHour holds one per hour.
	minutes uint64
	perHour *[24]uint64
	// tables holds what only the sub-daily kinds need (nil for fixedClock),
	// so that the common fixed clock stays small.
	tables *clockTables
}

// clockTables are the sub-daily clocks' alignment and lookup tables.
type clockTables struct {
	interval    int64
	unitsPerDay int64
	anchor      int64 // Start's unit number (hour, minute or second since 0001-01-01) mod interval
	// alignedHours[r] (hourlyClock, r < 24): hours h < 24 with h ≡ r (mod interval);
	// progression[s] (minutely/secondly, s < 60): x < 60 with x ≡ s (mod interval).
	alignedHours []uint32
	progression  []uint64
	// hoursWithTimes[r] (minutely/secondly, interval > 1): hours with an occurrence for residue r.
	hoursWithTimes []uint32
	// minutesWithTimes[r] (secondly, interval > 60): minutes with an aligned second for the
	// residue r of the hour's first second.
	minutesWithTimes []uint64
}

func (c *clock) init() {
	t := c.tables
	if t == nil {
		return // fixedClock
	}
	switch c.kind {
	case hourlyClock:
		t.alignedHours = make([]uint32, 24)
		for r := range 24 {
			for h := r; h < 24; h += int(t.interval) {
				t.alignedHours[r] |= 1 << uint(h)
			}
		}
	case minutelyClock, secondlyClock:
		t.progression = make([]uint64, 60)
		for s := range 60 {
			if int64(s) >= t.interval {
				break
			}
			for x := s; x < 60; x += int(t.interval) {
				t.progression[s] |= 1 << uint(x)
			}
		}
	}
	if c.kind == secondlyClock && t.interval > 60 {
		t.minutesWithTimes = make([]uint64, t.interval)
		for r := range t.interval {
			var mask uint64
			for m := range int64(60) {
				if floorMod(r-60*m, t.interval) < 60 {
					mask |= 1 << uint(m)
				}
			}
			t.minutesWithTimes[r] = mask & c.minutes
		}
	}
	if (c.kind == minutelyClock || c.kind == secondlyClock) && t.interval > 1 {
		t.hoursWithTimes = make([]uint32, t.interval)
		for r := range t.interval {
			var mask uint32
			for h := range 24 {
				if c.hours>>uint(h)&1 != 0 && c.minuteSet(r, h) != 0 {
					mask |= 1 << uint(h)
				}
			}
			t.hoursWithTimes[r] = mask
		}
	}
}

// residue is the class of day d.
func (c *clock) residue(day int64) int64 {
	t := c.tables
	if t == nil || t.interval == 1 {
		return 0
	}
	return floorMod(t.anchor-floorMod(day, t.interval)*floorMod(t.unitsPerDay, t.interval), t.interval)
}

// hourSet is the set of hours of the day holding at least one occurrence.
func (c *clock) hourSet(r int64) uint32 {
	switch c.kind {
	case fixedClock:
		return c.hours
	case hourlyClock:
		if r >= 24 {
			return 0
		}
		return c.hours & c.tables.alignedHours[r]
	default:
		if c.tables.interval == 1 {
			return c.hours
		}
		return c.tables.hoursWithTimes[r]
	}
}

// minuteSet is the set of minutes of hour h holding at least one occurrence (h in hourSet).
func (c *clock) minuteSet(r int64, h int) uint64 {
	switch c.kind {
	case fixedClock:
		if c.perHour != nil {
			return c.perHour[h]
		}
		return c.minutes
	case hourlyClock:
		return c.minutes
	case minutelyClock:
		s := floorMod(r-60*int64(h), c.tables.interval)
		if s >= 60 {
			return 0
		}
		return c.minutes & c.tables.progression[s]
	default:
		if c.tables.interval <= 60 {
			return c.minutes
		}
		return c.tables.minutesWithTimes[floorMod(r-3600*int64(h), c.tables.interval)]
	}
}

// secondSet is the set of seconds of minute (h, m) that are occurrences (m in minuteSet).
func (c *clock) secondSet(r int64, h, m int) uint64 {
	if c.kind != secondlyClock {
		return 1 << c.second
	}
	s := floorMod(r-3600*int64(h)-60*int64(m), c.tables.interval)
	if s >= 60 {
		return 0
	}
	return c.tables.progression[s]
}

func clockTime(h, m, s int) int32 { return int32(h*3600 + m*60 + s) }

func highBit64(w uint64) int { return 63 - bits.LeadingZeros64(w) }
func highBit32(w uint32) int { return 31 - bits.LeadingZeros32(w) }

// lastAtOrBefore returns the latest occurrence time <= t (seconds of the day) for class r.
func (c *clock) lastAtOrBefore(r int64, t int32) (int32, bool) {
	if t < 0 {
		return 0, false
	}
	h, m, s := int(t/3600), int(t/60%60), int(t%60)
	hours := c.hourSet(r)
	if hours>>uint(h)&1 != 0 {
		mins := c.minuteSet(r, h)
		if mins>>uint(m)&1 != 0 {
			if secs := c.secondSet(r, h, m) & lowBitsThrough(uint(s)); secs != 0 {
				return clockTime(h, m, highBit64(secs)), true
			}
		}
		if mins &= lowBitsBelow(uint(m)); mins != 0 {
			m = highBit64(mins)
			return clockTime(h, m, highBit64(c.secondSet(r, h, m))), true
		}
	}
	hours &= uint32(lowBitsBelow(uint(h)))
	if hours == 0 {
		return 0, false
	}
	h = highBit32(hours)
	m = highBit64(c.minuteSet(r, h))
	return clockTime(h, m, highBit64(c.secondSet(r, h, m))), true
}

// firstAtOrAfter returns the earliest occurrence time >= t (seconds of the day) for class r.
func (c *clock) firstAtOrAfter(r int64, t int32) (int32, bool) {
	if t >= secondsPerDay {
		return 0, false
	}
	if t < 0 {
		t = 0
	}
	h, m, s := int(t/3600), int(t/60%60), int(t%60)
	hours := c.hourSet(r)
	if hours>>uint(h)&1 != 0 {
		mins := c.minuteSet(r, h)
		if mins>>uint(m)&1 != 0 {
			if secs := c.secondSet(r, h, m) &^ lowBitsBelow(uint(s)); secs != 0 {
				return clockTime(h, m, bits.TrailingZeros64(secs)), true
			}
		}
		if mins &^= lowBitsThrough(uint(m)); mins != 0 {
			m = bits.TrailingZeros64(mins)
			return clockTime(h, m, bits.TrailingZeros64(c.secondSet(r, h, m))), true
		}
	}
	hours &^= uint32(lowBitsThrough(uint(h)))
	if hours == 0 {
		return 0, false
	}
	h = bits.TrailingZeros32(hours)
	m = bits.TrailingZeros64(c.minuteSet(r, h))
	return clockTime(h, m, bits.TrailingZeros64(c.secondSet(r, h, m))), true
}

// countDay is the number of occurrences in a day of class r.
func (c *clock) countDay(r int64) int64 {
	var n int64
	for hours := c.hourSet(r); hours != 0; hours &= hours - 1 {
		n += c.countHour(r, bits.TrailingZeros32(hours))
	}
	return n
}

func (c *clock) countHour(r int64, h int) int64 {
	mins := c.minuteSet(r, h)
	if c.kind != secondlyClock {
		return int64(bits.OnesCount64(mins))
	}
	var n int64
	for ; mins != 0; mins &= mins - 1 {
		n += int64(bits.OnesCount64(c.secondSet(r, h, bits.TrailingZeros64(mins))))
	}
	return n
}

// kthInDay returns the k-th (zero-based) occurrence time of a day of class r.
func (c *clock) kthInDay(r int64, k int64) (int32, bool) {
	for hours := c.hourSet(r); hours != 0; hours &= hours - 1 {
		h := bits.TrailingZeros32(hours)
		n := c.countHour(r, h)
		if k >= n {
			k -= n
			continue
		}
		for mins := c.minuteSet(r, h); mins != 0; mins &= mins - 1 {
			m := bits.TrailingZeros64(mins)
			secs := c.secondSet(r, h, m)
			n := int64(bits.OnesCount64(secs))
			if k >= n {
				k -= n
				continue
			}
			for ; k > 0; k-- {
				secs &= secs - 1
			}
			return clockTime(h, m, bits.TrailingZeros64(secs)), true
		}
	}
	return 0, false
}
