package rrule

import "math/bits"

// yearMask is a set of zero-based days of one year (bit i = day i); bits past the year's
// length are always clear.
type yearMask [6]uint64

func (m *yearMask) has(i int) bool { return m[i>>6]>>(uint(i)&63)&1 != 0 }
func (m *yearMask) set(i int)      { m[i>>6] |= 1 << (uint(i) & 63) }

func (m *yearMask) and(o *yearMask) yearMask {
	var r yearMask
	for i := range r {
		r[i] = m[i] & o[i]
	}
	return r
}

func (m *yearMask) count() int {
	n := 0
	for _, w := range m {
		n += bits.OnesCount64(w)
	}
	return n
}

// setRange sets days [from, to).
func (m *yearMask) setRange(from, to int) {
	for from < to {
		word := from >> 6
		lo := uint(from) & 63
		n := min(to-from, 64-int(lo))
		var run uint64 = ^uint64(0)
		if n < 64 {
			run = (uint64(1) << uint(n)) - 1
		}
		m[word] |= run << lo
		from += n
	}
}

// lastSetAtOrBefore returns the largest set day <= i, or -1.
func (m *yearMask) lastSetAtOrBefore(i int) int {
	if i < 0 {
		return -1
	}
	if i > 383 {
		i = 383
	}
	word := i >> 6
	w := m[word] & lowBitsThrough(uint(i)&63)
	for {
		if w != 0 {
			return word<<6 + 63 - bits.LeadingZeros64(w)
		}
		word--
		if word < 0 {
			return -1
		}
		w = m[word]
	}
}

// firstSetAtOrAfter returns the smallest set day >= i, or -1.
func (m *yearMask) firstSetAtOrAfter(i int) int {
	if i < 0 {
		i = 0
	}
	if i > 383 {
		return -1
	}
	word := i >> 6
	w := m[word] &^ lowBitsBelow(uint(i)&63)
	for {
		if w != 0 {
			return word<<6 + bits.TrailingZeros64(w)
		}
		word++
		if word >= len(m) {
			return -1
		}
		w = m[word]
	}
}

// firstClearAtOrAfter returns the smallest clear day in [i, limit), or limit.
func (m *yearMask) firstClearAtOrAfter(i, limit int) int {
	for i < limit {
		word := i >> 6
		w := ^m[word] &^ lowBitsBelow(uint(i)&63)
		if w != 0 {
			return min(word<<6+bits.TrailingZeros64(w), limit)
		}
		i = (word + 1) << 6
	}
	return limit
}

// extract returns days [from, from+n) as the low n bits of a word (n <= 64).
func (m *yearMask) extract(from, n int) uint64 {
	word, shift := from>>6, uint(from)&63
	w := m[word] >> shift
	if shift != 0 && word+1 < len(m) {
		w |= m[word+1] << (64 - shift)
	}
	if n < 64 {
		w &= lowBitsBelow(uint(n))
	}
	return w
}

// selectSet returns the k-th (zero-based) set day, or -1.
func (m *yearMask) selectSet(k int) int {
	for word, w := range m {
		c := bits.OnesCount64(w)
		if k < c {
			for ; k > 0; k-- {
				w &= w - 1
			}
			return word<<6 + bits.TrailingZeros64(w)
		}
		k -= c
	}
	return -1
}

// lowBitsThrough has bits 0..i set.
func lowBitsThrough(i uint) uint64 { return (uint64(2) << i) - 1 }

// lowBitsBelow has bits 0..i-1 set.
func lowBitsBelow(i uint) uint64 { return (uint64(1) << i) - 1 }

// dayFilter holds the day-level BY-rules after dateutil's defaults were applied.
type dayFilter struct {
	freq                       Frequency
	months                     uint16 // bit m for month m (1..12); 0 = no filter
	monthDays, negMonthDays    uint32 // bit d for day d / for day -d; both 0 = no filter
	yearDays, negYearDays      yearMask
	hasYearDays                bool
	weekdays                   uint8 // bit w for ISO weekday w (Monday = 0); 0 = no filter
	ordinals                   []Day // byDay entries with N != 0 (Monthly / Yearly only)
	weekNos                    []int
	ordinalsInMonths           bool // ordinals count within each month, not the year
	hasWeekNo, hasMonthDays    bool
	hasOrdinals, hasWeekdaySet bool
}

// isoWeekday converts Go's Sunday-based weekday to Monday = 0.
func isoWeekday(w int) int { return (w + 6) % 7 }

// buildYearMasks evaluates the day filter for each of the 28 year types (see yearType).
// Type combinations that cannot occur (two leap years in a row) stay empty.
func (f *dayFilter) buildYearMasks() (masks [28]yearMask) {
	// The month, month-day and year-day filters depend only on whether the
	// year is leap, so they are combined once per leap value; the weekday
	// filters (week numbers, weekdays, ordinals) then per first weekday.
	// The previous year's length matters only to week numbers.
	for leap := range 2 {
		calendar := f.calendarMask(leap)
		for jan1 := range 7 {
			for prevLeap := range 2 {
				if leap == 1 && prevLeap == 1 {
					continue
				}
				i := jan1*4 + leap*2 + prevLeap
				if prevLeap == 1 && !f.hasWeekNo {
					masks[i] = masks[i-1]
					continue
				}
				masks[i] = f.weekMask(calendar, jan1, leap, prevLeap)
			}
		}
	}
	return masks
}

// calendarMask is the days of a (leap or common) year that pass the month,
// month-day and year-day filters.
func (f *dayFilter) calendarMask(leap int) yearMask {
	yearLen := 365 + leap
	var out yearMask
	out.setRange(0, yearLen)
	if f.months != 0 {
		var part yearMask
		for month := range 12 {
			if f.months>>(month+1)&1 != 0 {
				part.setRange(monthStart[leap][month], monthStart[leap][month+1])
			}
		}
		out = out.and(&part)
	}
	if f.hasMonthDays {
		var part yearMask
		for month := range 12 {
			first := monthStart[leap][month]
			monthLen := monthStart[leap][month+1] - first
			for d := 1; d <= monthLen; d++ {
				if f.monthDays>>d&1 != 0 || f.negMonthDays>>(monthLen-d+1)&1 != 0 {
					part.set(first + d - 1)
				}
			}
		}
		out = out.and(&part)
	}
	if f.hasYearDays {
		var part yearMask
		for i := range yearLen {
			if f.yearDays.has(i) || f.negYearDays.has(yearLen-1-i) {
				part.set(i)
			}
		}
		out = out.and(&part)
	}
	return out
}

// weekMask restricts a calendar mask by the filters that depend on the
// weekday the year starts on.
func (f *dayFilter) weekMask(calendar yearMask, jan1, leap, prevLeap int) yearMask {
	yearLen := 365 + leap
	out := calendar
	if f.hasWeekNo {
		part := weekNoMask(f.weekNos, jan1, leap, prevLeap)
		out = out.and(&part)
	}
	if f.hasWeekdaySet {
		var part yearMask
		for w := range 7 {
			if f.weekdays>>w&1 != 0 {
				for i := (w - jan1 + 7) % 7; i < yearLen; i += 7 {
					part.set(i)
				}
			}
		}
		out = out.and(&part)
	}
	if f.hasOrdinals {
		part := f.ordinalMask(jan1, leap)
		out = out.and(&part)
	}
	return out
}

// ordinalMask marks the n-th weekdays within the year, or within each month for Monthly and
// for Yearly with byMonth (dateutil's nwdaymask).
func (f *dayFilter) ordinalMask(jan1, leap int) yearMask {
	var out yearMask
	mark := func(first, last int) {
		for _, d := range f.ordinals {
			w := isoWeekday(int(d.Weekday))
			var i int
			if d.N > 0 {
				i = first + (d.N-1)*7
				i += ((w-(jan1+first)%7)%7 + 7) % 7
			} else {
				i = last + (d.N+1)*7
				i -= (((jan1+last)%7-w)%7 + 7) % 7
			}
			if first <= i && i <= last {
				out.set(i)
			}
		}
	}
	if f.ordinalsInMonths {
		for month := range 12 {
			if f.freq == Yearly && f.months>>(month+1)&1 == 0 {
				continue
			}
			mark(monthStart[leap][month], monthStart[leap][month+1]-1)
		}
	} else {
		mark(0, 364+leap)
	}
	return out
}

// weekNoMask marks the days of the listed week numbers as python-dateutil 2.8 does (wkst
// Monday): week 1 is the first week with at least four days in the year, negative numbers
// count from the last week, the days of this year that belong to week 1 of next year count
// as week 1, and the days that belong to last year's last week count as that week number —
// computed with dateutil's own formula, quirks included.
func weekNoMask(weekNos []int, jan1, leap, prevLeap int) yearMask {
	yearLen := 365 + leap
	var mask [366 + 8]bool
	weekday := func(i int) int { return (jan1 + i) % 7 }
	contains := func(v int) bool {
		for _, n := range weekNos {
			if n == v {
				return true
			}
		}
		return false
	}
	firstMonday := (7 - jan1) % 7
	no1Monday := firstMonday
	var weekYearLen int
	if no1Monday >= 4 {
		no1Monday = 0
		weekYearLen = yearLen + jan1
	} else {
		weekYearLen = yearLen - no1Monday
	}
	numWeeks := weekYearLen/7 + weekYearLen%7/4
	markWeek := func(i int) {
		for range 7 {
			mask[i] = true
			i++
			if weekday(i) == 0 {
				break
			}
		}
	}
	for _, n := range weekNos {
		if n < 0 {
			n += numWeeks + 1
		}
		if n <= 0 || n > numWeeks {
			continue
		}
		i := no1Monday
		if n > 1 {
			i = no1Monday + (n-1)*7
			if no1Monday != firstMonday {
				i -= 7 - firstMonday
			}
		}
		markWeek(i)
	}
	if contains(1) {
		i := no1Monday + numWeeks*7
		if no1Monday != firstMonday {
			i -= 7 - firstMonday
		}
		if i < yearLen {
			markWeek(i)
		}
	}
	if no1Monday != 0 {
		lastNumWeeks := -1
		if !contains(-1) {
			prevLen := 365 + prevLeap
			prevJan1 := ((jan1-prevLen)%7 + 7) % 7
			prevNo1Monday := (7 - prevJan1) % 7
			if prevNo1Monday >= 4 {
				lastNumWeeks = 52 + (prevLen+prevJan1)%7/4
			} else {
				// dateutil uses this year's length here.
				lastNumWeeks = 52 + (yearLen-no1Monday)%7/4
			}
		}
		if contains(lastNumWeeks) {
			for i := range no1Monday {
				mask[i] = true
			}
		}
	}
	var out yearMask
	for i := range yearLen {
		if mask[i] {
			out.set(i)
		}
	}
	return out
}
