package rrule

import (
	"math/bits"
	"slices"
	"time"
)

// matcher is the compiled form of a rule: everything a query needs, precomputed.
// It is never modified after newMatcher returns.
type matcher struct {
	freq           Frequency
	single         bool  // frequency None: one occurrence at start
	never          bool  // the BY-values exclude each other: no occurrence ever
	subDaily       bool  // Hourly, Minutely or Secondly
	allClassesGood bool  // every day class has at least one time
	maskShift      uint8 // see masks
	oneTime        bool  // one occurrence a day, at latestTime, windows of at most a day
	latestTime     int32 // no occurrence is later in its day than this (seconds)
	interval       int64
	length         int64
	start          int64 // civil seconds of DTSTART
	startDay       int64
	// last is the latest instant an occurrence may have (UNTIL, the COUNT-th occurrence, or
	// the end of year 9999). last < start means the rule has no occurrence at all.
	last    int64
	lastDay int64
	// Start's period numbers: year, month (year·12 + month-1), Monday-based week.
	startYear, startMonth, startWeek int64

	// masks[type>>maskShift] is the day filter of a year type (see yearType). Without
	// week numbers the previous year's length does not matter, and the 14 masks that
	// differ only in it are stored once (maskShift 1). The masks are shared between
	// rules with the same day filter (see intern.go): never modify them.
	masks []yearMask
	clk   clock
	// classes are the day classes of a sub-daily rule with an interval: the days whose
	// aligned units share a residue (nil otherwise: one class, residue 0).
	classes      *dayClasses
	dailyPattern uint64
	// sp is bySetPosition for Weekly, Monthly and Yearly (other frequencies fold it into
	// clk); nil without one.
	sp     *setPosInfo
	chains chainTable
}

// setPosInfo is a Weekly, Monthly or Yearly rule's bySetPosition.
type setPosInfo struct {
	positions []int
	positive  []int // the positive positions, ascending
	negative  []int // the negative positions, ascending
	minAbs    int
	times     []int32 // a day's occurrence times, ascending (fixed clock)
}

// newMatcher builds the matcher of a valid normSpec. Without full it only decides whether
// the rule can occur (m.never), skipping the COUNT and run analyses.
func newMatcher(n normSpec, full bool) *matcher {
	m := &matcher{freq: n.freq, interval: n.interval, length: n.length, start: n.start, latestTime: secondsPerDay - 1}
	m.startDay = n.start / secondsPerDay
	m.last = lastCivilSecond
	if n.freq == None {
		m.single = true
		m.last = n.start
		m.lastDay = m.startDay
		return m
	}
	year, yearDay := yearOfDay(m.startDay)
	leap := boolInt(isLeap(year))
	month0 := monthOfYearDay(leap, yearDay)
	m.startYear = year
	m.startMonth = year*12 + int64(month0)
	m.startWeek = m.startDay / 7
	tod := n.start % secondsPerDay
	startHour, startMinute, startSecond := int(tod/3600), int(tod/60%60), int(tod%60)

	// Day filters, with dateutil's defaults when no day-level BY-rule is given.
	months, monthDays, days := n.months, n.monthDays, n.days
	if len(n.weekNos) == 0 && len(n.yearDays) == 0 && len(monthDays) == 0 && len(days) == 0 {
		switch n.freq {
		case Yearly:
			if len(months) == 0 {
				months = []int{month0 + 1}
			}
			monthDays = []int{yearDay - monthStart[leap][month0] + 1}
		case Monthly:
			monthDays = []int{yearDay - monthStart[leap][month0] + 1}
		case Weekly:
			days = []Day{{Weekday: time.Weekday((m.startDay%7 + 1) % 7)}}
		}
	}
	f := dayFilter{freq: n.freq, weekNos: n.weekNos, hasWeekNo: len(n.weekNos) > 0}
	for _, v := range months {
		f.months |= 1 << uint(v)
	}
	for _, v := range monthDays {
		f.hasMonthDays = true
		if v > 0 {
			f.monthDays |= 1 << uint(v)
		} else {
			f.negMonthDays |= 1 << uint(-v)
		}
	}
	for _, v := range n.yearDays {
		f.hasYearDays = true
		if v > 0 {
			f.yearDays.set(v - 1)
		} else {
			f.negYearDays.set(-v - 1)
		}
	}
	for _, d := range days {
		if d.N == 0 {
			f.hasWeekdaySet = true
			f.weekdays |= 1 << uint(isoWeekday(int(d.Weekday)))
		} else {
			f.hasOrdinals = true
			f.ordinals = append(f.ordinals, d)
		}
	}
	f.ordinalsInMonths = n.freq == Monthly || (n.freq == Yearly && f.months != 0)
	all := f.buildYearMasks()
	if f.hasWeekNo {
		m.masks = maskPool28.intern(&all)[:]
	} else {
		var half [14]yearMask
		for i := range half {
			half[i] = all[i<<1]
		}
		m.masks, m.maskShift = maskPool14.intern(&half)[:], 1
	}

	m.buildClock(n, startHour, startMinute, startSecond)
	if m.subDaily && m.interval > 1 {
		cl := &dayClasses{gcd: gcd(m.interval, m.clk.tables.unitsPerDay)}
		cl.count = m.interval / cl.gcd
		cl.residue0 = m.clk.residue(0)
		if cl.count > 1 {
			cl.residues = make([]int64, cl.count)
			for j := range cl.count {
				cl.residues[j] = m.clk.residue(j)
			}
		}
		m.classes = cl
	}
	m.allClassesGood = true
	for k := range m.classCount() {
		if m.clk.hourSet(m.classResidue(k)) == 0 {
			m.allClassesGood = false
			break
		}
	}
	if m.freq == Daily && m.interval < 64 {
		for i := int64(0); i < 64; i += m.interval {
			m.dailyPattern |= 1 << uint(i)
		}
	}
	if m.never || !m.hasOccurrences() {
		m.never = true
		m.last = -1
		return m
	}
	if !full {
		return m
	}
	if n.hasUntil && n.until < m.last {
		m.last = n.until
	}
	if n.count > 0 {
		if o, ok := m.countedOccurrence(n.count); ok && o < m.last {
			m.last = o
		}
	}
	m.lastDay = floorDiv(m.last, secondsPerDay)
	m.chains = m.buildChains()
	// The latest time of day an occurrence can have: with the same times
	// every day it is known, and it lets prev skip yesterday when no
	// window opened then can still be open (all-day and short windows).
	if m.clk.kind == fixedClock {
		if t, ok := m.clk.lastAtOrBefore(0, secondsPerDay-1); ok {
			m.latestTime = t
		}
		// One time a day and windows of at most a day (nearly every schedule
		// rule): an instant can only be in today's or yesterday's window.
		m.oneTime = m.sp == nil && m.clk.perHour == nil && bits.OnesCount32(m.clk.hours) == 1 &&
			bits.OnesCount64(m.clk.minutes) == 1 && m.length <= secondsPerDay
	}
	return m
}

// dayClasses: the days of a sub-daily rule whose aligned units share a residue.
type dayClasses struct {
	gcd      int64   // gcd(interval, units per day); residues of one rule share residue mod this
	count    int64   // interval / gcd
	residue0 int64   // the residue of every day when count is 1
	residues []int64 // residues[d mod count] is day d's residue
}

// classCount is the number of day classes (1 unless sub-daily with an interval).
func (m *matcher) classCount() int64 {
	if m.classes == nil {
		return 1
	}
	return m.classes.count
}

// classResidue is the residue of the k-th day class.
func (m *matcher) classResidue(k int64) int64 {
	cl := m.classes
	if cl == nil {
		return 0
	}
	return floorMod(m.clk.tables.anchor, cl.gcd) + k*cl.gcd
}

// residue is the class residue of day d >= 0 (see clock): residues repeat every
// classCount days.
func (m *matcher) residue(d int64) int64 {
	cl := m.classes
	switch {
	case cl == nil:
		return 0
	case cl.count == 1:
		return cl.residue0
	}
	return cl.residues[d%cl.count]
}

// classIndex maps a residue to its class number.
func (m *matcher) classIndex(r int64) int64 {
	if m.classes == nil {
		return 0
	}
	return r / m.classes.gcd
}

func (m *matcher) buildClock(n normSpec, startHour, startMinute, startSecond int) {
	hours, minutes := n.hours, n.minutes
	if len(hours) == 0 && n.freq >= Daily {
		hours = []int{startHour}
	}
	if len(minutes) == 0 && n.freq >= Hourly {
		minutes = []int{startMinute}
	}
	var hourMask uint32 = 1<<24 - 1
	if len(hours) > 0 {
		hourMask = 0
		for _, h := range hours {
			hourMask |= 1 << uint(h)
		}
	}
	var minuteMask uint64 = 1<<60 - 1
	if len(minutes) > 0 {
		minuteMask = 0
		for _, v := range minutes {
			minuteMask |= 1 << uint(v)
		}
	}
	c := &m.clk
	c.second = uint8(startSecond)
	switch n.freq {
	case Hourly, Minutely, Secondly:
		m.subDaily = true
		t := &clockTables{interval: m.interval}
		c.tables = t
		c.hours = hourMask
		c.minutes = minuteMask
		switch n.freq {
		case Hourly:
			c.kind, t.unitsPerDay = hourlyClock, 24
			t.anchor = floorMod(n.start/3600, m.interval)
			if len(n.setPos) > 0 {
				// Each hour's occurrences are the byMinute minutes: bySetPosition picks among them.
				c.minutes = selectMask(minuteMask, n.setPos)
				if c.minutes == 0 {
					m.never = true
				}
			}
		case Minutely:
			c.kind, t.unitsPerDay = minutelyClock, 1440
			t.anchor = floorMod(n.start/60, m.interval)
		default:
			c.kind, t.unitsPerDay = secondlyClock, secondsPerDay
			t.anchor = floorMod(n.start, m.interval)
		}
		if (n.freq == Minutely || n.freq == Secondly) && len(n.setPos) > 0 &&
			!slices.Contains(n.setPos, 1) && !slices.Contains(n.setPos, -1) {
			// A minute (second) period holds one occurrence: only position ±1 selects it.
			m.never = true
		}
	default:
		c.kind = fixedClock
		c.hours, c.minutes = hourMask, minuteMask
		if len(n.setPos) > 0 {
			var times []int32
			for hours := hourMask; hours != 0; hours &= hours - 1 {
				h := bits.TrailingZeros32(hours)
				for mins := minuteMask; mins != 0; mins &= mins - 1 {
					times = append(times, clockTime(h, bits.TrailingZeros64(mins), startSecond))
				}
			}
			if n.freq == Daily {
				// A day holds the times: bySetPosition picks among them, the same every day.
				c.hours, c.minutes, c.perHour = 0, 0, new([24]uint64)
				for i := range times {
					if positionSelected(n.setPos, i, len(times)) {
						t := times[i]
						c.hours |= 1 << uint(t/3600)
						c.perHour[t/3600] |= 1 << uint(t/60%60)
					}
				}
				if c.hours == 0 {
					m.never = true
				}
			} else {
				m.sp = &setPosInfo{positions: n.setPos, times: times, minAbs: 367}
				for _, p := range n.setPos {
					m.sp.minAbs = min(m.sp.minAbs, max(p, -p))
					if p > 0 {
						m.sp.positive = append(m.sp.positive, p)
					} else {
						m.sp.negative = append(m.sp.negative, p)
					}
				}
			}
		}
	}
	c.init()
}

// positionSelected reports whether index i of a list of n is picked by one of the positions
// (1-based from the start, or negative from the end, as RFC 5545 BYSETPOS).
func positionSelected(positions []int, i, n int) bool {
	for _, p := range positions {
		if (p > 0 && p-1 == i) || (p < 0 && n+p == i) {
			return true
		}
	}
	return false
}

// selectMask keeps the set bits of mask whose rank is picked by positions.
func selectMask(mask uint64, positions []int) uint64 {
	n := bits.OnesCount64(mask)
	var out uint64
	i := 0
	for w := mask; w != 0; w &= w - 1 {
		if positionSelected(positions, i, n) {
			out |= w & -w
		}
		i++
	}
	return out
}

// dayMask returns the day filter's verdict for day d together with its calendar position.
func (m *matcher) dayMask(d int64) (year int64, yearDay int, ok bool) {
	year, yearDay, t := dayInfo(d)
	return year, yearDay, m.masks[t>>m.maskShift].has(yearDay)
}

// isCandidate reports whether day d holds occurrences: it passes the day filter, lies in an
// aligned period (Daily and coarser) or has aligned times (sub-daily). bySetPosition is not
// considered here.
func (m *matcher) isCandidate(d int64) bool {
	if d < 0 || d > lastCivilDay {
		return false
	}
	year, yearDay, typ := dayInfo(d)
	return m.isCandidateAt(d, year, yearDay, typ)
}

// isCandidateAt is isCandidate with day d's calendar position already known
// (see Moment).
func (m *matcher) isCandidateAt(d, year int64, yearDay, typ int) bool {
	if !m.masks[typ>>m.maskShift].has(yearDay) {
		return false
	}
	if m.interval == 1 && m.allClassesGood {
		return true
	}
	switch m.freq {
	case Yearly:
		return floorMod(year-m.startYear, m.interval) == 0
	case Monthly:
		month := int64(monthOfYearDay(boolInt(isLeap(year)), yearDay))
		return floorMod(year*12+month-m.startMonth, m.interval) == 0
	case Weekly:
		return floorMod(d/7-m.startWeek, m.interval) == 0
	case Daily:
		return floorMod(d-m.startDay, m.interval) == 0
	default:
		return m.clk.hourSet(m.residue(d)) != 0
	}
}

// yearCandidates returns the days of year (starting on day yearStart) that pass the day filter
// and lie in aligned periods. For sub-daily rules the class test is left to the caller.
func (m *matcher) yearCandidates(year, yearStart int64) yearMask {
	mask := m.masks[yearType(year)>>m.maskShift]
	if m.interval == 1 {
		return mask
	}
	var aligned yearMask
	leap := boolInt(isLeap(year))
	yearLen := 365 + leap
	switch m.freq {
	case Yearly:
		if floorMod(year-m.startYear, m.interval) != 0 {
			return yearMask{}
		}
		return mask
	case Monthly:
		for month := floorMod(m.startMonth-year*12, m.interval); month < 12; month += m.interval {
			aligned.setRange(monthStart[leap][month], monthStart[leap][month+1])
		}
	case Weekly:
		yearEnd := yearStart + int64(yearLen)
		week := yearStart / 7
		week += floorMod(m.startWeek-week, m.interval)
		for ; week*7 < yearEnd; week += m.interval {
			aligned.setRange(int(max(week*7, yearStart)-yearStart), int(min(week*7+7, yearEnd)-yearStart))
		}
	case Daily:
		first := floorMod(m.startDay-yearStart, m.interval)
		if m.interval < 64 {
			for word := range int64(6) {
				shift := floorMod(first-64*word, m.interval)
				aligned[word] = m.dailyPattern << uint(shift)
			}
			if yearLen < 384 {
				// Clear the bits past the year's end (the year mask has none there anyway).
				aligned[5] &= lowBitsBelow(uint(yearLen - 320))
			}
		} else {
			for day := first; day < int64(yearLen); day += m.interval {
				aligned.set(int(day))
			}
		}
	default:
		return mask
	}
	return mask.and(&aligned)
}

// skipDay reports whether a set day of yearCandidates still fails the class test.
func (m *matcher) skipDay(d int64) bool {
	return m.subDaily && !m.allClassesGood && m.clk.hourSet(m.residue(d)) == 0
}

// nextYearToScan returns the first year after year that can hold candidate days.
func (m *matcher) nextYearToScan(year int64) int64 {
	year++
	switch {
	case m.freq == Yearly && m.interval > 1:
		year += floorMod(m.startYear-year, m.interval)
	case m.freq == Monthly && m.interval > 12:
		month := year * 12
		month += floorMod(m.startMonth-month, m.interval)
		year = month / 12
	}
	return year
}

// prevYearToScan returns the last year before year that can hold candidate days.
func (m *matcher) prevYearToScan(year int64) int64 {
	year--
	switch {
	case m.freq == Yearly && m.interval > 1:
		year -= floorMod(year-m.startYear, m.interval)
	case m.freq == Monthly && m.interval > 12:
		month := year*12 + 11
		month -= floorMod(month-m.startMonth, m.interval)
		year = floorDiv(month, 12)
	}
	return year
}

// directDaySteps is how many single days a candidate search tries before it scans whole years.
const directDaySteps = 8

// prevCandidateDay returns the latest candidate day in [lo, d].
func (m *matcher) prevCandidateDay(d, lo int64) (int64, bool) {
	lo = max(lo, 0)
	d = min(d, lastCivilDay)
	for range directDaySteps {
		if d < lo {
			return 0, false
		}
		if m.isCandidate(d) {
			return d, true
		}
		d--
	}
	for d >= lo {
		year, yearDay := yearOfDay(d)
		yearStart := d - int64(yearDay)
		mask := m.yearCandidates(year, yearStart)
		for i := mask.lastSetAtOrBefore(yearDay); i >= 0; i = mask.lastSetAtOrBefore(i - 1) {
			day := yearStart + int64(i)
			if day < lo {
				return 0, false
			}
			if !m.skipDay(day) {
				return day, true
			}
		}
		prev := m.prevYearToScan(year)
		if prev < 1 {
			return 0, false
		}
		d = daysBeforeYear(prev+1) - 1
	}
	return 0, false
}

// nextCandidateDay returns the earliest candidate day in [d, hi].
func (m *matcher) nextCandidateDay(d, hi int64) (int64, bool) {
	hi = min(hi, lastCivilDay)
	d = max(d, 0)
	if d > hi {
		return 0, false
	}
	year, yearDay, typ := dayInfo(d)
	return m.nextCandidateDayAt(d, hi, year, yearDay, typ)
}

// nextCandidateDayAt is nextCandidateDay with day d's calendar position known (d in
// [0, hi], hi <= lastCivilDay).
func (m *matcher) nextCandidateDayAt(d, hi int64, year int64, yearDay, typ int) (int64, bool) {
	// Day by day first, moving the calendar position along instead of
	// computing it again for every day.
	for range directDaySteps {
		if d > hi {
			return 0, false
		}
		if m.isCandidateAt(d, year, yearDay, typ) {
			return d, true
		}
		d++
		if yearDay++; yearDay == 365+typ>>1&1 {
			if d > lastCivilDay {
				return 0, false
			}
			year, yearDay, typ = dayInfo(d)
		}
	}
	for d <= hi {
		year, yearDay := yearOfDay(d)
		yearStart := d - int64(yearDay)
		mask := m.yearCandidates(year, yearStart)
		for i := mask.firstSetAtOrAfter(yearDay); i >= 0; i = mask.firstSetAtOrAfter(i + 1) {
			day := yearStart + int64(i)
			if day > hi {
				return 0, false
			}
			if !m.skipDay(day) {
				return day, true
			}
		}
		next := m.nextYearToScan(year)
		if next > maxYear {
			return 0, false
		}
		d = daysBeforeYear(next)
	}
	return 0, false
}

// lastOfCandidateRun returns the last day D >= d (d a candidate day) such that every day of
// [d, D] is a candidate, looking no further than hi.
func (m *matcher) lastOfCandidateRun(d, hi int64) int64 {
	hi = min(hi, lastCivilDay)
	for range directDaySteps {
		if d >= hi || !m.isCandidate(d+1) {
			return d
		}
		d++
	}
	if m.subDaily && !m.allClassesGood {
		// A day without aligned times comes back within classCount days.
		for d < hi && m.isCandidate(d+1) {
			d++
		}
		return d
	}
	for d < hi {
		year, yearDay := yearOfDay(d + 1)
		yearStart := d + 1 - int64(yearDay)
		mask := m.yearCandidates(year, yearStart)
		yearLen := yearLength(year)
		clear := mask.firstClearAtOrAfter(yearDay, yearLen)
		if clear < yearLen {
			return min(yearStart+int64(clear)-1, hi)
		}
		d = yearStart + int64(yearLen) - 1
	}
	return min(d, hi)
}
