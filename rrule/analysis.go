package rrule

import (
	"math/bits"
	"slices"
)

// This file holds the compile-time analyses: whether a rule can occur at all, and where its
// COUNT-th occurrence falls.

// periodHolds reports whether a period with n filtered days yields an occurrence.
func (m *matcher) periodHolds(n int) bool {
	if n == 0 {
		return false
	}
	return m.sp == nil || n*len(m.sp.times) >= m.sp.minAbs
}

// cycleYear maps a year to the year in 1..400 with the same calendar.
func cycleYear(year int64) int64 { return floorMod(year-1, 400) + 1 }

// hasOccurrences reports whether the rule, extended periodically past year 9999, has an
// occurrence at all. The calendar repeats every 400 years (4800 months, 20871 weeks, 146097
// days) and the interval's phase every interval periods, so checking one common cycle
// decides — without iterating years one by one.
func (m *matcher) hasOccurrences() bool {
	switch m.freq {
	case Yearly:
		steps := 400 / gcd(m.interval, 400)
		for k := range steps {
			year := cycleYear(m.startYear + k*m.interval)
			if m.periodHolds(m.masks[yearType(year)>>m.maskShift].count()) {
				return true
			}
		}
		return false
	case Monthly:
		steps := 4800 / gcd(m.interval, 4800)
		for k := range steps {
			month := floorMod(m.startMonth+k*m.interval, 4800)
			year := cycleYear(month/12 + 400)
			leap := boolInt(isLeap(year))
			mask := m.masks[yearType(year)>>m.maskShift]
			n := 0
			for i := monthStart[leap][month%12]; i < monthStart[leap][month%12+1]; i++ {
				if mask.has(i) {
					n++
				}
			}
			if m.periodHolds(n) {
				return true
			}
		}
		return false
	case Weekly:
		steps := weeksPer400 / gcd(m.interval, weeksPer400)
		for k := range steps {
			week := floorMod(m.startWeek+k*m.interval, weeksPer400)
			n := 0
			for d := week * 7; d < week*7+7; d++ {
				if _, _, ok := m.dayMask(d); ok {
					n++
				}
			}
			if m.periodHolds(n) {
				return true
			}
		}
		return false
	case Daily:
		// Days d ≡ startDay (mod interval) and d ≡ a (mod 146097) meet iff a ≡ startDay
		// modulo gcd(interval, 146097).
		g := gcd(m.interval, daysPer400)
		want := floorMod(m.startDay, g)
		return m.anyCycleDay(func(d int64) bool { return d%g == want })
	default:
		// A day's class depends on the day number mod classCount; the calendar on it mod
		// 146097. Both meet iff they agree modulo their gcd.
		g := gcd(m.classCount(), daysPer400)
		good := make([]bool, g)
		anyGood := false
		for j := range m.classCount() {
			if m.clk.hourSet(m.residue(j)) != 0 {
				good[j%g] = true
				anyGood = true
			}
		}
		if !anyGood {
			return false
		}
		return m.anyCycleDay(func(d int64) bool { return good[d%g] })
	}
}

// anyCycleDay reports whether some day of the first 400 years passing the day filter
// satisfies accept.
func (m *matcher) anyCycleDay(accept func(d int64) bool) bool {
	for year := int64(1); year <= 400; year++ {
		yearStart := daysBeforeYear(year)
		mask := m.masks[yearType(year)>>m.maskShift]
		for i := mask.firstSetAtOrAfter(0); i >= 0; i = mask.firstSetAtOrAfter(i + 1) {
			if accept(yearStart + int64(i)) {
				return true
			}
		}
	}
	return false
}

// countedOccurrence returns the count-th occurrence at or after Start (before year 10000),
// counting whole years (or periods) arithmetically and enumerating only inside the year
// (period) where the count runs out.
func (m *matcher) countedOccurrence(count int64) (int64, bool) {
	if m.sp != nil {
		return m.countedSetPosOccurrence(count)
	}
	counter := m.newDayCounter()
	startTod := int32(m.start % secondsPerDay)
	remaining := count
	for year := m.startYear; year <= maxYear; year = m.nextYearToScan(year) {
		yearStart := daysBeforeYear(year)
		mask := m.yearCandidates(year, yearStart)
		skipped := int64(0) // occurrences on Start's day before Start
		if year == m.startYear {
			from := int(m.startDay - yearStart)
			for i := range from {
				if mask.has(i) {
					mask[i>>6] &^= 1 << (uint(i) & 63)
				}
			}
			if mask.has(from) && !m.skipDay(m.startDay) {
				skipped = m.clk.countBefore(m.residue(m.startDay), startTod)
			}
		}
		n := counter.maskTotal(&mask, yearStart) - skipped
		if n < remaining {
			remaining -= n
			continue
		}
		for i := mask.firstSetAtOrAfter(0); i >= 0; i = mask.firstSetAtOrAfter(i + 1) {
			day := yearStart + int64(i)
			if m.skipDay(day) {
				continue
			}
			r := m.residue(day)
			inDay := counter.day(day)
			before := int64(0)
			if day == m.startDay {
				before = skipped
			}
			if inDay-before < remaining {
				remaining -= inDay - before
				continue
			}
			t, _ := m.clk.kthInDay(r, remaining-1+before)
			return day*secondsPerDay + int64(t), true
		}
		return 0, false // not reached: n >= remaining
	}
	return 0, false
}

// dayCounter counts occurrences over runs of days using the periodicity of day classes.
type dayCounter struct {
	m      *matcher
	perDay []int64 // occurrences on a day ≡ j (mod classCount)
	prefix []int64 // prefix[j] = sum of perDay[:j]
}

func (m *matcher) newDayCounter() *dayCounter {
	c := &dayCounter{m: m, perDay: make([]int64, m.classCount()), prefix: make([]int64, m.classCount()+1)}
	for j := range m.classCount() {
		c.perDay[j] = m.clk.countDay(m.residue(j))
		c.prefix[j+1] = c.prefix[j] + c.perDay[j]
	}
	return c
}

func (c *dayCounter) day(d int64) int64 { return c.perDay[d%c.m.classCount()] }

// upTo is the number of occurrences on the days [0, d) if all of them were candidates.
func (c *dayCounter) upTo(d int64) int64 {
	k := c.m.classCount()
	return d/k*c.prefix[k] + c.prefix[d%k]
}

// maskTotal counts the occurrences on the days of mask (days relative to yearStart).
func (c *dayCounter) maskTotal(mask *yearMask, yearStart int64) int64 {
	if c.m.classCount() == 1 {
		return int64(mask.count()) * c.perDay[0]
	}
	var n int64
	for i := mask.firstSetAtOrAfter(0); i >= 0; {
		end := mask.firstClearAtOrAfter(i, 384)
		n += c.upTo(yearStart+int64(end)) - c.upTo(yearStart+int64(i))
		i = mask.firstSetAtOrAfter(end)
	}
	return n
}

// countBefore is the number of occurrence times < t in a day of class r.
func (c *clock) countBefore(r int64, t int32) int64 {
	h, m, s := int(t/3600), int(t/60%60), int(t%60)
	var n int64
	hours := c.hourSet(r)
	for below := hours & uint32(lowBitsBelow(uint(h))); below != 0; below &= below - 1 {
		n += c.countHour(r, bits.TrailingZeros32(below))
	}
	if hours>>uint(h)&1 == 0 {
		return n
	}
	mins := c.minuteSet(r, h)
	for below := mins & lowBitsBelow(uint(m)); below != 0; below &= below - 1 {
		n += int64(bits.OnesCount64(c.secondSet(r, h, bits.TrailingZeros64(below))))
	}
	if mins>>uint(m)&1 != 0 {
		n += int64(bits.OnesCount64(c.secondSet(r, h, m) & lowBitsBelow(uint(s))))
	}
	return n
}

// countedSetPosOccurrence is countedOccurrence for Weekly/Monthly/Yearly bySetPosition rules:
// a period's number of selected occurrences depends only on its number of filtered days.
func (m *matcher) countedSetPosOccurrence(count int64) (int64, bool) {
	maxDays := 366
	switch m.freq {
	case Weekly:
		maxDays = 7
	case Monthly:
		maxDays = 31
	}
	selected := make([]int64, maxDays+1)
	for n := 1; n <= maxDays; n++ {
		total := n * len(m.sp.times)
		var picks []int
		for _, pos := range m.sp.positions {
			switch {
			case pos > 0 && pos <= total:
				picks = append(picks, pos-1)
			case pos < 0 && -pos <= total:
				picks = append(picks, total+pos)
			}
		}
		slices.Sort(picks)
		selected[n] = int64(len(slices.Compact(picks)))
	}
	startIndex := m.periodStartIndex()
	// No more than the fullest period's selection in every aligned period up to year 9999:
	// a larger count is never reached.
	periods := (m.periodOf(lastCivilDay).index-startIndex)/m.interval + 1
	if slices.Max(selected)*periods < count {
		return 0, false
	}
	remaining := count
	day := m.startDay
	for {
		p := m.periodOf(day)
		if p.index >= startIndex && floorMod(p.index-startIndex, m.interval) == 0 {
			n := selected[p.n]
			exact := p.first*secondsPerDay < m.start
			if exact || n >= remaining {
				var list []int64
				for _, pos := range m.sp.positions {
					if o, ok := m.periodOccurrence(&p, pos); ok && o >= m.start {
						list = append(list, o)
					}
				}
				slices.Sort(list)
				list = slices.Compact(list)
				if int64(len(list)) >= remaining {
					return list[remaining-1], true
				}
				n = int64(len(list))
			}
			remaining -= n
		}
		next, ok := m.nextCandidateDay(p.first+int64(p.len), lastCivilDay)
		if !ok {
			return 0, false
		}
		day = next
	}
}
