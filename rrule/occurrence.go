package rrule

// This file finds occurrences around a civil instant: the latest at or before it and the
// earliest at or after it, within given bounds.

// prev returns the latest occurrence in [lo, x].
func (m *matcher) prev(x, lo int64) (int64, bool) {
	x = min(x, m.last)
	lo = max(lo, m.start)
	if x < lo {
		return 0, false
	}
	if m.single {
		return m.start, true // start is the only occurrence and lies in [lo, x]
	}
	if m.setPos != nil {
		return m.setPosPrev(x, lo)
	}
	day, tod := x/secondsPerDay, int32(x%secondsPerDay)
	if m.isCandidate(day) {
		if t, ok := m.clk.lastAtOrBefore(m.residue(day), tod); ok {
			o := day*secondsPerDay + int64(t)
			return o, o >= lo
		}
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
	x = max(x, m.start)
	hi = min(hi, m.last)
	if x > hi {
		return 0, false
	}
	if m.single {
		return m.start, true
	}
	if m.setPos != nil {
		return m.setPosNext(x, hi)
	}
	day, tod := x/secondsPerDay, int32(x%secondsPerDay)
	if m.isCandidate(day) {
		if t, ok := m.clk.firstAtOrAfter(m.residue(day), tod); ok {
			o := day*secondsPerDay + int64(t)
			return o, o <= hi
		}
	}
	day, ok := m.nextCandidateDay(day+1, hi/secondsPerDay)
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

// periodOf returns the period holding day d (its days filled in by fillPeriod).
func (m *matcher) periodOf(d int64) period {
	switch m.freq {
	case Weekly:
		w := d / 7
		return period{index: w, first: w * 7, len: 7}
	case Monthly:
		year, yearDay := yearOfDay(d)
		leap := boolInt(isLeap(year))
		month := monthOfYearDay(leap, yearDay)
		first := d - int64(yearDay) + int64(monthStart[leap][month])
		return period{index: year*12 + int64(month), first: first, len: monthStart[leap][month+1] - monthStart[leap][month]}
	default:
		year, yearDay := yearOfDay(d)
		return period{index: year, first: d - int64(yearDay), len: yearLength(year)}
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

// fillPeriod computes the period's filtered days. dateutil starts the first weekly period
// at DTSTART's day, so bySetPosition counts from there in that week.
func (m *matcher) fillPeriod(p *period) {
	switch m.freq {
	case Yearly:
		p.days = m.masks[yearType(p.index)]
	case Monthly:
		year, _ := yearOfDay(p.first)
		mask := m.masks[yearType(year)]
		yearDay := int(p.first - daysBeforeYear(year))
		for i := range p.len {
			if mask.has(yearDay + i) {
				p.days.set(i)
			}
		}
	default:
		for i := range p.len {
			d := p.first + int64(i)
			if d < 0 || d > lastCivilDay || (p.index == m.startWeek && d < m.startDay) {
				continue
			}
			if _, _, ok := m.dayMask(d); ok {
				p.days.set(i)
			}
		}
	}
	p.n = p.days.count()
}

// periodOccurrence returns the occurrence at bySetPosition value pos in period p.
func (m *matcher) periodOccurrence(p *period, pos int) (int64, bool) {
	total := p.n * len(m.times)
	var i int
	switch {
	case pos > 0 && pos <= total:
		i = pos - 1
	case pos < 0 && -pos <= total:
		i = total + pos
	default:
		return 0, false
	}
	day := p.days.selectSet(i / len(m.times))
	return (p.first+int64(day))*secondsPerDay + int64(m.times[i%len(m.times)]), true
}

// bestInPeriod returns the latest (latest=true) selected occurrence of p in [lo, hi], or the
// earliest.
func (m *matcher) bestInPeriod(p *period, lo, hi int64, latest bool) (int64, bool) {
	var best int64
	found := false
	if p.n*len(m.times) < m.setPosMinAbs {
		return 0, false
	}
	for _, pos := range m.setPos {
		o, ok := m.periodOccurrence(p, pos)
		if !ok || o < lo || o > hi {
			continue
		}
		if !found || (latest && o > best) || (!latest && o < best) {
			best, found = o, true
		}
	}
	return best, found
}

// setPosPrev is prev for a bySetPosition rule: it visits the aligned periods that hold
// candidate days, from x backwards.
func (m *matcher) setPosPrev(x, lo int64) (int64, bool) {
	startIndex := m.periodStartIndex()
	day := x / secondsPerDay
	hi := x
	for {
		p := m.periodOf(day)
		if p.index >= startIndex && floorMod(p.index-startIndex, m.interval) == 0 {
			m.fillPeriod(&p)
			if o, ok := m.bestInPeriod(&p, lo, hi, true); ok {
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
		hi = x
	}
}

// setPosNext is next for a bySetPosition rule.
func (m *matcher) setPosNext(x, hi int64) (int64, bool) {
	startIndex := m.periodStartIndex()
	day := x / secondsPerDay
	for {
		p := m.periodOf(day)
		if p.index >= startIndex && floorMod(p.index-startIndex, m.interval) == 0 {
			m.fillPeriod(&p)
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
