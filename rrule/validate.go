package rrule

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Limits enforced by Compile (docs/semantics.md#write-limits).
const (
	// MaxInterval is the largest accepted Interval.
	MaxInterval = 1000
	// MaxListLength is the largest accepted length of a BY-list.
	MaxListLength = 366
)

// normSpec is a validated Spec in the package's own units, lists deduplicated.
type normSpec struct {
	freq     Frequency
	start    int64 // civil seconds
	length   int64 // seconds
	interval int64
	count    int64
	until    int64 // civil seconds, inclusive
	hasUntil bool

	setPos, months, weekNos, yearDays, monthDays, hours, minutes []int
	days                                                         []Day
}

type problemList []Problem

func (p *problemList) add(field string, index int, code, format string, args ...any) {
	*p = append(*p, Problem{Field: field, Index: index, Code: code, Message: fmt.Sprintf(format, args...)})
}

// normalize checks a Spec and converts it; every problem found is appended to problems.
func normalize(spec Spec, problems *problemList) normSpec {
	n := normSpec{freq: spec.Frequency, interval: 1}
	if spec.Frequency < None || spec.Frequency > Yearly {
		problems.add("frequency", -1, "out-of-range", "The frequency %d is not one of None, Secondly, Minutely, Hourly, Daily, Weekly, Monthly, Yearly.", int(spec.Frequency))
	}
	if y := spec.Start.Year(); y < 1 || y > maxYear {
		problems.add("startDate", -1, "out-of-range", "The start year %d is outside 1..9999.", y)
	} else {
		n.start = civilSeconds(spec.Start)
		if spec.Start.Nanosecond() != 0 {
			problems.add("startDate", -1, "not-whole-seconds", "The start time must be a whole second.")
		}
	}
	switch {
	case spec.Length <= 0:
		problems.add("endTime", -1, "out-of-range", "The window length must be positive (end after start).")
	case spec.Length%time.Second != 0:
		problems.add("endTime", -1, "not-whole-seconds", "The window length must be a whole number of seconds.")
	default:
		n.length = int64(spec.Length / time.Second)
	}
	if spec.Frequency == None {
		return n
	}
	switch {
	case spec.Interval > MaxInterval:
		problems.add("interval", -1, "interval-too-large", "The interval %d is larger than %d.", spec.Interval, MaxInterval)
	case spec.Interval > 1:
		n.interval = int64(spec.Interval)
	}
	if spec.Count < 0 {
		problems.add("count", -1, "negative-count", "The count %d is negative.", spec.Count)
	} else {
		n.count = int64(spec.Count)
	}
	if !spec.Until.IsZero() {
		n.hasUntil = true
		switch y := spec.Until.Year(); {
		case y < 1:
			n.until = -1
		case y > maxYear:
			n.until = lastCivilSecond
		default:
			n.until = civilSeconds(spec.Until)
		}
	}
	n.setPos = intList(problems, "bySetPosition", spec.BySetPosition, -366, 366, true)
	n.months = intList(problems, "byMonth", spec.ByMonth, 1, 12, false)
	n.weekNos = intList(problems, "byWeekNo", spec.ByWeekNo, -53, 53, true)
	n.yearDays = intList(problems, "byYearDay", spec.ByYearDay, -366, 366, true)
	n.monthDays = intList(problems, "byMonthDay", spec.ByMonthDay, -31, 31, true)
	n.hours = intList(problems, "byHour", spec.ByHour, 0, 23, false)
	n.minutes = intList(problems, "byMinute", spec.ByMinute, 0, 59, false)
	if len(spec.ByWeekNo) > 0 && spec.Frequency != Yearly {
		problems.add("byWeekNo", -1, "weekno-needs-yearly", "byWeekNo can only be used with the Yearly frequency.")
	}
	if len(spec.ByDay) > MaxListLength {
		problems.add("byDay", -1, "too-many-values", "byDay has %d values; at most %d are allowed.", len(spec.ByDay), MaxListLength)
	} else {
		for i, d := range spec.ByDay {
			if d.N == math.MinInt32 {
				d.N = 0
			}
			switch {
			case d.Weekday < time.Sunday || d.Weekday > time.Saturday:
				problems.add("byDay", i, "out-of-range", "The weekday %d is not a day of the week.", int(d.Weekday))
			case d.N != 0 && spec.Frequency != Monthly && spec.Frequency != Yearly:
				problems.add("byDay", i, "offset-not-allowed", "A byDay offset (%d) is only allowed with the Monthly or Yearly frequency.", d.N)
			case d.N < -53 || d.N > 53:
				problems.add("byDay", i, "out-of-range", "The byDay offset %d is outside ±1..53.", d.N)
			default:
				if !slices.Contains(n.days, d) {
					n.days = append(n.days, d)
				}
			}
		}
	}
	return n
}

// intList range-checks a BY-list (zero is never allowed when signed) and returns its distinct
// values in ascending order.
func intList(problems *problemList, field string, values []int, lo, hi int, signed bool) []int {
	if len(values) > MaxListLength {
		problems.add(field, -1, "too-many-values", "%s has %d values; at most %d are allowed.", field, len(values), MaxListLength)
		return nil
	}
	var out []int
	bad := 0
	for i, v := range values {
		if v < lo || v > hi || (signed && v == 0) {
			// The first few bad values are named; the rest are counted, so
			// a hostile list costs one problem, not hundreds.
			if bad++; bad > maxBadPerList {
				continue
			}
			if signed {
				problems.add(field, i, "out-of-range", "The %s value %d is outside ±1..%d.", field, v, hi)
			} else {
				problems.add(field, i, "out-of-range", "The %s value %d is outside %d..%d.", field, v, lo, hi)
			}
			continue
		}
		out = append(out, v)
	}
	if bad > maxBadPerList {
		problems.add(field, -1, "out-of-range", "%s has %d more values out of range.", field, bad-maxBadPerList)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// maxBadPerList is how many out-of-range values of one BY-list are reported
// one by one.
const maxBadPerList = 5

// packedSpec is what a Rule keeps of its normSpec besides the matcher's own fields: the
// BY-lists packed into one small slice, to rebuild rrule-go options for Set and String.
type packedSpec struct {
	count    int64
	until    int64
	hasUntil bool
	// values holds setPos, months, weekNos, yearDays, monthDays, hours, minutes and days
	// (weekday + 8·N) one after another; list i is values[ends[i-1]:ends[i]].
	ends   [8]uint16
	values []int16
}

func packSpec(n normSpec) packedSpec {
	p := packedSpec{count: n.count, until: n.until, hasUntil: n.hasUntil}
	lists := [...][]int{n.setPos, n.months, n.weekNos, n.yearDays, n.monthDays, n.hours, n.minutes}
	total := len(n.days)
	for _, l := range lists {
		total += len(l)
	}
	if total > 0 {
		p.values = make([]int16, 0, total)
	}
	for i, l := range lists {
		for _, v := range l {
			p.values = append(p.values, int16(v))
		}
		p.ends[i] = uint16(len(p.values))
	}
	for _, d := range n.days {
		p.values = append(p.values, int16(int(d.Weekday)+8*d.N))
	}
	p.ends[7] = uint16(len(p.values))
	return p
}

// normSpec rebuilds the rule's normSpec.
func (r *Rule) normSpec() normSpec {
	m, p := &r.m, &r.spec
	n := normSpec{freq: m.freq, start: m.start, length: m.length, interval: m.interval,
		count: p.count, until: p.until, hasUntil: p.hasUntil}
	list := func(i int) []int {
		from := uint16(0)
		if i > 0 {
			from = p.ends[i-1]
		}
		if from == p.ends[i] {
			return nil
		}
		out := make([]int, 0, p.ends[i]-from)
		for _, v := range p.values[from:p.ends[i]] {
			out = append(out, int(v))
		}
		return out
	}
	n.setPos, n.months, n.weekNos, n.yearDays = list(0), list(1), list(2), list(3)
	n.monthDays, n.hours, n.minutes = list(4), list(5), list(6)
	for _, v := range r.spec.values[p.ends[6]:p.ends[7]] {
		w := int(v) & 7 // weekday 0..6 in the low three bits, N in the rest (floored)
		n.days = append(n.days, Day{Weekday: time.Weekday(w), N: (int(v) - w) / 8})
	}
	return n
}
