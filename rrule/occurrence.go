package rrule

import (
	"math/bits"
	"slices"
	"sort"
)

// This file finds occurrences around a civil instant: the latest at or before it and the
// earliest at or after it, within given bounds.

// prev returns the latest occurrence in [lo, x].
func (m *matcher) prev(x, lo int64) (int64, bool) {
	return m.prevFrom(x, lo, nil)
}

// prevFrom is prev; when at is not nil it is the Moment of x, whose day's
// calendar position is then not computed again.
func (m *matcher) prevFrom(x, lo int64, at *Moment) (int64, bool) {
	if at != nil && x > m.last {
		at = nil // x moves to m.last: a different day
	}
	x = min(x, m.last)
	lo = max(lo, m.start)
	if x < lo {
		return 0, false
	}
	if m.single {
		return m.start, true // start is the only occurrence and lies in [lo, x]
	}
	if m.sp != nil {
		return m.setPosPrev(x, lo)
	}
	day, tod := x/secondsPerDay, int32(x%secondsPerDay)
	var today bool
	if at != nil {
		today = day >= 0 && day <= lastCivilDay && m.isCandidateAt(day, at.year, at.yearDay, at.typ)
	} else {
		today = m.isCandidate(day)
	}
	if today {
		if t, ok := m.clk.lastAtOrBefore(m.residue(day), tod); ok {
			o := day*secondsPerDay + int64(t)
			return o, o >= lo
		}
	}
	if (day-1)*secondsPerDay+int64(m.latestTime) < lo {
		return 0, false // nothing before today can reach lo
	}
	day, ok := m.prevCandidateDay(day-1, lo/secondsPerDay)
	if !ok {
		return 0, false
	}
	t, _ := m.clk.lastAtOrBefore(m.residue(day), secondsPerDay-1)
	o := day*secondsPerDay + int64(t)
	return o, o >= lo
}

// next returns the earliest occurrence in [x, hi].
func (m *matcher) next(x, hi int64) (int64, bool) {
	return m.nextFrom(x, hi, nil)
}

// nextFrom is next; mo, when not nil, is a valid Moment of a time on x's day or the day
// before, whose calendar position then is not computed again.
func (m *matcher) nextFrom(x, hi int64, mo *Moment) (int64, bool) {
	x = max(x, m.start)
	hi = min(hi, m.last)
	if x > hi {
		return 0, false
	}
	if m.single {
		return m.start, true
	}
	if m.sp != nil {
		return m.setPosNext(x, hi)
	}
	day, tod := x/secondsPerDay, int32(x%secondsPerDay)
	if day > lastCivilDay {
		return 0, false
	}
	var year int64
	var yearDay, typ int
	if mo != nil && mo.x/secondsPerDay == day {
		year, yearDay, typ = mo.year, mo.yearDay, mo.typ
	} else if mo != nil && mo.x/secondsPerDay == day-1 && mo.yearDay+1 < 365+mo.typ>>1&1 {
		year, yearDay, typ = mo.year, mo.yearDay+1, mo.typ
	} else {
		year, yearDay, typ = dayInfo(day)
	}
	if m.isCandidateAt(day, year, yearDay, typ) {
		if t, ok := m.clk.firstAtOrAfter(m.residue(day), tod); ok {
			o := day*secondsPerDay + int64(t)
			return o, o <= hi
		}
	}
	if day >= hi/secondsPerDay {
		return 0, false
	}
	var ok bool
	if yearDay+1 < 365+typ>>1&1 {
		day, ok = m.nextCandidateDayAt(day+1, hi/secondsPerDay, year, yearDay+1, typ)
	} else {
		day, ok = m.nextCandidateDay(day+1, hi/secondsPerDay)
	}
	if !ok {
		return 0, false
	}
	t, _ := m.clk.firstAtOrAfter(m.residue(day), 0)
	o := day*secondsPerDay + int64(t)
	return o, o <= hi
}

// period describes one Weekly, Monthly or Yearly period of a bySetPosition rule.
type period struct {
	index int64    // year, year·12+month-1, or week number
	first int64    // its first day
	days  yearMask // its days that pass the day filter, relative to first
	n     int      // number of such days
	len   int      // its length in days
}

// periodOf returns the period holding day d >= 0 with its filtered days. dateutil starts the
// first weekly period at DTSTART's day, so bySetPosition counts from there in that week.
func (m *matcher) periodOf(d int64) period {
	year, yearDay, typ := dayInfo(d)
	yearStart := d - int64(yearDay)
	switch m.freq {
	case Yearly:
		p := period{index: year, first: yearStart, len: 365 + typ>>1&1, days: m.masks[typ>>m.maskShift]}
		p.n = p.days.count()
		return p
	case Monthly:
		leap := typ >> 1 & 1
		month := monthOfYearDay(leap, yearDay)
		from := monthStart[leap][month]
		p := period{index: year*12 + int64(month), first: yearStart + int64(from), len: monthStart[leap][month+1] - from}
		p.days[0] = m.masks[typ>>m.maskShift].extract(from, p.len)
		p.n = bits.OnesCount64(p.days[0])
		return p
	default:
		w := d / 7
		p := period{index: w, first: w * 7, len: 7}
		// The week may straddle two years: take each part from its own year's mask.
		yearEnd := yearStart + int64(365+typ>>1&1)
		from, to := max(p.first, yearStart), min(p.first+7, yearEnd)
		p.days[0] = m.masks[typ>>m.maskShift].extract(int(from-yearStart), int(to-from)) << uint(from-p.first)
		if p.first < yearStart && yearStart > 0 {
			_, prevDay, prevType := dayInfo(p.first)
			p.days[0] |= m.masks[prevType>>m.maskShift].extract(prevDay, int(yearStart-p.first))
		}
		if p.first+7 > yearEnd && yearEnd <= lastCivilDay {
			_, _, nextType := dayInfo(yearEnd)
			p.days[0] |= m.masks[nextType>>m.maskShift].extract(0, int(p.first+7-yearEnd)) << uint(yearEnd-p.first)
		}
		if w == m.startWeek && m.startDay > p.first {
			p.days[0] &^= lowBitsBelow(uint(m.startDay - p.first))
		}
		p.n = bits.OnesCount64(p.days[0])
		return p
	}
}

func (m *matcher) periodStartIndex() int64 {
	switch m.freq {
	case Weekly:
		return m.startWeek
	case Monthly:
		return m.startMonth
	default:
		return m.startYear
	}
}

// periodOccurrence returns the occurrence at bySetPosition value pos in period p.
func (m *matcher) periodOccurrence(p *period, pos int) (int64, bool) {
	total := p.n * len(m.sp.times)
	var i int
	switch {
	case pos > 0 && pos <= total:
		i = pos - 1
	case pos < 0 && -pos <= total:
		i = total + pos
	default:
		return 0, false
	}
	day := p.days.selectSet(i / len(m.sp.times))
	return (p.first+int64(day))*secondsPerDay + int64(m.sp.times[i%len(m.sp.times)]), true
}

// countBefore is the number of the period's occurrences (every filtered day at every time,
// before bySetPosition) that are < x.
func (m *matcher) countBefore(p *period, x int64) int {
	rel := x/secondsPerDay - p.first
	switch {
	case rel < 0:
		return 0
	case rel >= int64(p.len):
		return p.n * len(m.sp.times)
	}
	day := int(rel)
	n := 0
	for w := range day >> 6 {
		n += bits.OnesCount64(p.days[w])
	}
	n += bits.OnesCount64(p.days[day>>6] & lowBitsBelow(uint(day)&63))
	n *= len(m.sp.times)
	if p.days.has(day) {
		tod := int32(x % secondsPerDay)
		n += sort.Search(len(m.sp.times), func(i int) bool { return m.sp.times[i] >= tod })
	}
	return n
}

// bestInPeriod returns the latest (latest=true) selected occurrence of p in [lo, hi], or the
// earliest. Selected indexes are pos-1 for the positive positions and total+pos for the
// negative ones; both lists are sorted, so the nearest selected index to the rank of hi (lo)
// is found by binary search.
func (m *matcher) bestInPeriod(p *period, lo, hi int64, latest bool) (int64, bool) {
	total := p.n * len(m.sp.times)
	if total < m.sp.minAbs {
		return 0, false
	}
	best := -1
	if latest {
		limit := m.countBefore(p, hi+1) - 1 // the largest index <= hi
		// Positive positions q with q-1 <= limit; negative ones with total+q <= limit, q >= -total.
		if i := sort.SearchInts(m.sp.positive, limit+2) - 1; i >= 0 {
			best = m.sp.positive[i] - 1
		}
		if i := sort.SearchInts(m.sp.negative, limit-total+1) - 1; i >= 0 && m.sp.negative[i] >= -total {
			best = max(best, total+m.sp.negative[i])
		}
	} else {
		limit := m.countBefore(p, lo) // the smallest index >= lo
		best = total
		if i := sort.SearchInts(m.sp.positive, limit+1); i < len(m.sp.positive) {
			best = m.sp.positive[i] - 1
		}
		if i := sort.SearchInts(m.sp.negative, max(limit-total, -total)); i < len(m.sp.negative) {
			best = min(best, total+m.sp.negative[i])
		}
		if best >= total {
			best = -1
		}
	}
	if best < 0 || best >= total {
		return 0, false
	}
	day := p.days.selectSet(best / len(m.sp.times))
	o := (p.first+int64(day))*secondsPerDay + int64(m.sp.times[best%len(m.sp.times)])
	return o, o >= lo && o <= hi
}

// periodSelection appends the period's selected occurrences within [start, last] to buf,
// ascending and without duplicates.
func (m *matcher) periodSelection(p *period, buf []int64) []int64 {
	if p.n*len(m.sp.times) < m.sp.minAbs {
		return buf
	}
	for _, pos := range m.sp.positions {
		if o, ok := m.periodOccurrence(p, pos); ok && o >= m.start && o <= m.last {
			buf = append(buf, o)
		}
	}
	slices.Sort(buf)
	return slices.Compact(buf)
}

// setPosPrev is prev for a bySetPosition rule: it visits the aligned periods that hold
// candidate days, from x backwards.
func (m *matcher) setPosPrev(x, lo int64) (int64, bool) {
	startIndex := m.periodStartIndex()
	day := x / secondsPerDay
	for {
		p := m.periodOf(day)
		if p.index >= startIndex && floorMod(p.index-startIndex, m.interval) == 0 {
			if o, ok := m.bestInPeriod(&p, lo, x, true); ok {
				return o, true
			}
		}
		if p.first*secondsPerDay <= lo {
			return 0, false
		}
		var ok bool
		if day, ok = m.prevCandidateDay(p.first-1, lo/secondsPerDay); !ok {
			return 0, false
		}
	}
}

// setPosNext is next for a bySetPosition rule.
func (m *matcher) setPosNext(x, hi int64) (int64, bool) {
	startIndex := m.periodStartIndex()
	day := x / secondsPerDay
	for {
		p := m.periodOf(day)
		if p.index >= startIndex && floorMod(p.index-startIndex, m.interval) == 0 {
			if o, ok := m.bestInPeriod(&p, x, hi, false); ok {
				return o, true
			}
		}
		end := p.first + int64(p.len)
		if end*secondsPerDay > hi {
			return 0, false
		}
		var ok bool
		if day, ok = m.nextCandidateDay(end, hi/secondsPerDay); !ok {
			return 0, false
		}
	}
}
