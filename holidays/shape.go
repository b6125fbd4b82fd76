package holidays

import (
	"reflect"
	"time"

	"github.com/rickar/cal/v2"
)

// shape is the recurrence a holiday's date follows every year: the days of
// one month that pass byMonthDay and byDay (RFC 5545 BYMONTHDAY, BYDAY).
// Every shape here picks exactly one day a year.
type shape struct {
	month time.Month
	// yearShift is how far the shape's year lies from the holiday's year:
	// -1 when a New Year's Day moves back to the Friday before.
	yearShift int
	// days is the byMonthDay list (negative counts from the month's end);
	// nil when the weekday's ordinal says it all.
	days       []int
	hasWeekday bool
	weekday    time.Weekday
	ordinal    int // byDay offset: +n the n-th weekday of the month, -n from its end; 0 every
}

// minDays is the fewest days month m has in any year; shapes keep their
// byMonthDay values within it so that they mean the same every year.
func minDays(m time.Month) int {
	switch m {
	case time.February:
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func sameFunc(a, b cal.HolidayFn) bool {
	return a != nil && b != nil && reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer()
}

// actualShape returns the shape of the days h.Func computes, or false when
// the calculation has none (Easter, custom functions) or the shape would
// not mean the same in every year (an ordinal past the 4th, which rickar/cal
// carries into the next month and RFC 5545 skips; a range leaving the month).
func actualShape(h *cal.Holiday) (shape, bool) {
	var s shape
	switch {
	case sameFunc(h.Func, cal.CalcDayOfMonth):
		if h.Day < 1 || h.Day > minDays(h.Month) {
			return s, false
		}
		s = shape{month: h.Month, days: []int{h.Day}}
	case sameFunc(h.Func, cal.CalcWeekdayOffset):
		if h.Offset == 0 || h.Offset > 4 || h.Offset < -4 {
			return s, false
		}
		s = shape{month: h.Month, hasWeekday: true, weekday: h.Weekday, ordinal: h.Offset}
	case sameFunc(h.Func, cal.CalcWeekdayFrom):
		// The n-th such weekday on or after (n > 0), or on or before
		// (n < 0), the date: a week-long range of days.
		var first int
		switch {
		case h.Offset > 0:
			first = h.Day + 7*(h.Offset-1)
		case h.Offset < 0:
			first = h.Day + 7*(h.Offset+1) - 6
		default:
			return s, false
		}
		if first < 1 || first+6 > minDays(h.Month) {
			return s, false
		}
		s = shape{month: h.Month, days: weekOfDays(first), hasWeekday: true, weekday: h.Weekday}
	default:
		return s, false
	}
	if h.Month < time.January || h.Month > time.December {
		return s, false
	}
	if h.CalcOffset != 0 {
		return s.shift(h.CalcOffset)
	}
	return s, true
}

// observedShape returns the shape of the substitute day alt gives, or false
// when alt never applies (the holiday never falls on alt.Day) or its days
// have no shape.
func (s shape) observedShape(alt cal.AltDay) (shape, bool) {
	if s.hasWeekday {
		if s.weekday != alt.Day {
			return s, false
		}
	} else {
		s.hasWeekday, s.weekday = true, alt.Day
	}
	return s.shift(alt.Offset)
}

// shift moves the shape's days by k days. The weekday moves with them; the
// days must stay together in one month, and a count from a month's start
// crosses into the next month only when the month has a fixed length.
func (s shape) shift(k int) (shape, bool) {
	if s.days == nil {
		// An ordinal weekday as the week of days it falls in.
		switch {
		case s.ordinal > 0:
			s.days = weekOfDays(7*s.ordinal - 6)
		case s.ordinal < 0:
			s.days = weekOfDays(7 * s.ordinal)
		default:
			return s, false
		}
		s.ordinal = 0
	}
	if s.hasWeekday {
		s.weekday = time.Weekday(((int(s.weekday)+k)%7 + 7) % 7)
	}
	moved := make([]int, len(s.days))
	monthStep := 0
	for i, d := range s.days {
		nd, step := d+k, 0
		switch {
		case d > 0 && nd >= 1 && nd <= minDays(s.month):
		case d > 0 && nd < 1: // into the month before: counted from its end when its length varies
			step = -1
			if before := (s.month+10)%12 + 1; before == time.February {
				nd--
			} else {
				nd += minDays(before)
			}
		case d > 0 && s.month != time.February && nd > minDays(s.month):
			nd, step = nd-minDays(s.month), 1
		case d < 0 && nd <= -1 && nd >= -minDays(s.month):
		case d < 0 && nd >= 0: // into the month after
			nd, step = nd+1, 1
		default:
			return s, false
		}
		if i > 0 && step != monthStep {
			return s, false
		}
		monthStep = step
		moved[i] = nd
	}
	s.days = moved
	s.month += time.Month(monthStep)
	switch {
	case s.month < time.January:
		s.month, s.yearShift = time.December, s.yearShift-1
	case s.month > time.December:
		s.month, s.yearShift = time.January, s.yearShift+1
	}
	for _, d := range s.days {
		if d > minDays(s.month) || d < -minDays(s.month) {
			return s, false
		}
	}
	return s, true
}

func weekOfDays(first int) []int {
	days := make([]int, 7)
	for i := range days {
		days[i] = first + i
	}
	return days
}
