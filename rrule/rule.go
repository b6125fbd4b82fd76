package rrule

import (
	"slices"
	"time"

	rrulego "github.com/teambition/rrule-go"
)

// Rule is a compiled, immutable window set. It is safe for concurrent use without locks;
// query methods allocate nothing and their cost does not grow with Start's age or with the
// frequency.
type Rule struct {
	m    matcher
	spec packedSpec
}

// Compile checks and compiles a Spec. It returns an *Error listing every problem. It never
// loops, never hangs and never panics, and runs in bounded time for any input (Interval
// 2^31-1, Count 2^31-1, offsets ±2^31, BY-lists of 366 values, Secondly rules).
//
// Limits: BY-lists hold at most 366 values, Interval at most 1000. Ranges: byMonth 1..12,
// byMonthDay ±1..31, byYearDay ±1..366, byWeekNo ±1..53 (Yearly only), byHour 0..23, byMinute
// 0..59, bySetPosition ±1..366, byDay offsets only with Monthly/Yearly and within ±53 (0 is
// "every"). Duplicate values are ignored. A combination that can never produce an occurrence
// (byMonth [2] with byMonthDay [30]; Hourly interval 2 from an even hour with byHour [1];
// bySetPosition [2] when a period never holds two occurrences) is an "empty-set" problem,
// found by checking one full 400-year calendar cycle rather than iterating years. Its Field
// names the BY-list whose removal would make the rule occur (or "interval").
//
// A rule whose Until lies before Start, or whose occurrences all fall after year 9999,
// compiles and simply never matches.
func Compile(spec Spec) (*Rule, error) {
	var problems problemList
	n := normalize(spec, &problems)
	if len(problems) > 0 {
		return nil, &Error{Problems: problems}
	}
	m := newMatcher(n, true)
	if m.never {
		return nil, &Error{Problems: []Problem{{
			Field:   blameEmpty(n),
			Index:   -1,
			Code:    "empty-set",
			Message: "These values can never produce an occurrence together with the rest of the rule, so the rule would never open a window.",
		}}}
	}
	return &Rule{m: *m, spec: packSpec(n)}, nil
}

// blameEmpty names the field whose removal makes an empty rule occur.
func blameEmpty(n normSpec) string {
	candidates := []struct {
		field string
		list  *[]int
	}{
		{"bySetPosition", &n.setPos}, {"byDay", nil}, {"byMonthDay", &n.monthDays},
		{"byYearDay", &n.yearDays}, {"byWeekNo", &n.weekNos}, {"byMonth", &n.months},
		{"byMinute", &n.minutes}, {"byHour", &n.hours},
	}
	first := ""
	for _, c := range candidates {
		variant := n
		if c.list == nil {
			if len(n.days) == 0 {
				continue
			}
			variant.days = nil
		} else {
			if len(*c.list) == 0 {
				continue
			}
			switch c.field {
			case "bySetPosition":
				variant.setPos = nil
			case "byMonthDay":
				variant.monthDays = nil
			case "byYearDay":
				variant.yearDays = nil
			case "byWeekNo":
				variant.weekNos = nil
			case "byMonth":
				variant.months = nil
			case "byMinute":
				variant.minutes = nil
			case "byHour":
				variant.hours = nil
			}
		}
		if first == "" {
			first = c.field
		}
		if !newMatcher(variant, false).never {
			return c.field
		}
	}
	if n.interval > 1 {
		variant := n
		variant.interval = 1
		if !newMatcher(variant, false).never {
			return "interval"
		}
	}
	if first == "" {
		return "frequency"
	}
	return first
}

// contains reports whether civil second x lies in a window: the general search, without a
// Moment's calendar position or the one-time short cut (tests compare Contains with it).
func (m *matcher) contains(x int64) bool {
	if x < m.start || x-m.length >= m.last {
		return false
	}
	_, ok := m.prev(x, x-m.length+1)
	return ok
}

// Moment is an instant read on a zone's clock, with what every rule asks about it worked
// out once: the civil time and its calendar position (day, year, day of the year, year
// type), and for NextChange the zone's offset and how long it lasts. A schedule asking many
// rules about one instant fills one Moment (SetIn) and passes it to each; the caller owns it,
// and filling it in place is cheaper than returning a new one.
//
// The zero Moment is 0001-01-01T00:00:00 UTC. A Moment is scratch space for one goroutine:
// NextChange records the zone segment in it the first time it needs it.
type Moment struct {
	x       int64 // civil seconds: the wall clock in loc
	year    int64
	yearDay int
	typ     int
	valid   bool // x lies in years 1..9999 and year, yearDay, typ are set
	loc     *time.Location
	offset  int64 // seconds east of UTC at the instant
	end     int64 // the first Unix second at which offset may change; 0: not looked up yet
}

// SetIn makes mo the Moment of instant t read on loc's clock (nil: UTC). Fractions of a
// second are dropped. A civil time held in UTC (as ToCivil gives it, or a Spec's Start) is
// read with loc nil or time.UTC: its wall clock is then the civil time itself.
func (mo *Moment) SetIn(t time.Time, loc *time.Location) {
	if loc == nil {
		loc = time.UTC
	}
	_, offset := t.In(loc).Zone()
	mo.loc, mo.offset, mo.end = loc, int64(offset), 0
	mo.setSeconds(t.Unix() + int64(offset) + unixToCivil)
}

func (mo *Moment) setSeconds(x int64) {
	mo.x = x
	mo.valid = x >= 0 && x <= lastCivilSecond
	if mo.valid {
		mo.year, mo.yearDay, mo.typ = dayInfo(x / secondsPerDay)
	}
}

// Contains reports whether the Moment's wall-clock reading lies in some window [o, o+Length)
// of an occurrence o: the instant is converted once to civil time
// (docs/semantics.md#civil-time). In the autumn overlap both instants with the same clock
// reading answer the same; in the spring gap a window 02:30–03:30 covers the instants whose
// clock reads 03:00–03:30, and a window inside the gap covers none (docs/semantics.md#dst).
// Civil times outside years 1..9999 are in no window unless one reaches there from
// 9999-12-31. It only reads mo.
func (r *Rule) Contains(mo *Moment) bool {
	m := &r.m
	x := mo.x
	if x < m.start || x-m.length >= m.last {
		return false
	}
	if !mo.valid {
		mo = nil
	} else if m.oneTime {
		// Only today's window (opened at latestTime) or, before that time,
		// yesterday's can hold x.
		day, tod := x/secondsPerDay, int32(x%secondsPerDay)
		yearDay := mo.yearDay
		if tod < m.latestTime {
			day--
			yearDay--
		}
		if yearDay >= 0 {
			o := day*secondsPerDay + int64(m.latestTime)
			if x-o >= m.length || o < m.start || o > m.last || !m.masks[mo.typ>>m.maskShift].has(yearDay) {
				return false
			}
			// A fixed clock has times every day: only an interval can rule the day out.
			return m.interval == 1 || m.isCandidateAt(day, mo.year, yearDay, mo.typ)
		}
		// Yesterday was in the year before: the general search below.
	}
	_, ok := m.prevFrom(x, x-m.length+1, mo)
	return ok
}

// nextChange returns the earliest civil second u in (x, limit] at which contains(u) !=
// contains(x); ok is false when there is none. Windows that touch or overlap merge: the
// change is where the merged run ends.
func (m *matcher) nextChange(x, limit int64) (int64, bool) {
	return m.nextChangeFrom(x, limit, nil)
}

// nextChangeFrom is nextChange; mo, when not nil, is the Moment of x.
func (m *matcher) nextChangeFrom(x, limit int64, mo *Moment) (int64, bool) {
	if limit <= x {
		return 0, false
	}
	if mo != nil && !mo.valid {
		mo = nil
	}
	if p, ok := m.prevFrom(x, x-m.length+1, mo); ok {
		end := m.coverEnd(p, limit)
		return end, end <= limit
	}
	return m.nextFrom(x+1, limit, mo)
}

// NextChange returns the earliest instant u after the Moment's (a whole second) at which
// Contains changes its answer, no later than limit; ok is false when there is none. It walks
// the zone's segments (time.Time.ZoneBounds): inside one segment the civil clock is the
// instant plus a fixed offset, so the civil search answers there; at a transition the
// answers just before and at the transition are compared. A change whose civil time falls
// inside a spring-forward gap therefore happens at the end of the gap. For a Moment read in
// UTC (a civil time) the answer is the civil time of the change. A schedule passes the
// earliest change found so far as limit, so the rules after a near change search only up to
// it.
func (r *Rule) NextChange(mo *Moment, limit time.Time) (u time.Time, ok bool) {
	m := &r.m
	loc := mo.loc
	if loc == nil {
		loc = time.UTC
	}
	now := mo.x - mo.offset - unixToCivil
	last := limit.Unix()
	// After the last window ends no clock reading is inside, and no transition moves a clock
	// back by days: past that instant nothing changes, so the segment walk stops there.
	if quiet := m.last + m.length + 3*secondsPerDay - unixToCivil; last > quiet {
		last = quiet
	}
	if last <= now {
		return time.Time{}, false
	}
	if mo.end == 0 {
		mo.offset, mo.end = zoneSegment(now, loc)
	}
	offset, end := mo.offset, mo.end
	from := mo
	for {
		segmentLast := min(last, end-1)
		off := offset + unixToCivil
		if segmentLast > now {
			if c, found := m.nextChangeFrom(now+off, segmentLast+off, from); found {
				return time.Unix(c-off, 0), true
			}
		}
		if end > last {
			return time.Time{}, false
		}
		// Nothing changed up to the transition: the answer just before it is the one at
		// the Moment; compare it with the answer at the transition.
		now, from = end, nil
		offset, end = zoneSegment(now, loc)
		if m.contains(now+offset+unixToCivil) != r.Contains(mo) {
			return time.Unix(now, 0), true
		}
	}
}

// Occurrences returns the occurrence starts in [from, to) (civil), at most max of them, in
// order. It is meant for listings and tests; its cost is bounded by max.
func (r *Rule) Occurrences(from, to time.Time, max int) []time.Time {
	if max <= 0 {
		return nil
	}
	x := civilSeconds(from)
	if from.Nanosecond() != 0 {
		x++
	}
	hi := civilSeconds(to)
	if to.Nanosecond() == 0 {
		hi--
	}
	var out []time.Time
	for len(out) < max {
		o, ok := r.m.next(x, hi)
		if !ok {
			break
		}
		out = append(out, civilTime(o))
		x = o + 1
	}
	return out
}

// Set returns a fresh rrule-go *rrule.Set equivalent to the rule, on civil date-times held
// in UTC. Each call builds a new one, so callers never share its iterator state. Frequency
// None gives a set with DTSTART and one RDATE. Note that rrule-go stops a rule without
// UNTIL about 290 years after DTSTART, where this package goes on to year 9999.
func (r *Rule) Set() *rrulego.Set {
	set := &rrulego.Set{}
	n := r.normSpec()
	start := civilTime(n.start)
	if r.m.single {
		set.DTStart(start)
		set.RDate(start)
		return set
	}
	option := rruleOption(n) // built afresh: nothing of it is shared
	rule, err := rrulego.NewRRule(option)
	if err != nil {
		set.DTStart(start) // not reached: Compile checked the same bounds
		return set
	}
	set.RRule(rule)
	return set
}

// Length returns the length of each window on the civil clock (Spec.Length).
func (r *Rule) Length() time.Duration { return time.Duration(r.m.length) * time.Second }

// String returns the rule's RFC 5545 text as rrule-go writes it (DTSTART, then RRULE or
// RDATE), on civil time.
func (r *Rule) String() string { return r.Set().String() }

var rrulegoFrequency = [...]rrulego.Frequency{
	Secondly: rrulego.SECONDLY, Minutely: rrulego.MINUTELY, Hourly: rrulego.HOURLY,
	Daily: rrulego.DAILY, Weekly: rrulego.WEEKLY, Monthly: rrulego.MONTHLY, Yearly: rrulego.YEARLY,
}

var rrulegoWeekdays = [7]rrulego.Weekday{
	rrulego.SU, rrulego.MO, rrulego.TU, rrulego.WE, rrulego.TH, rrulego.FR, rrulego.SA,
}

// rruleOption is the rrule-go option of a valid normSpec. Ordinals that cannot exist in a
// month (|n| > 5 for Monthly, or Yearly with byMonth) are left out: they select nothing, and
// rrule-go would index past its tables for them.
func rruleOption(n normSpec) rrulego.ROption {
	option := rrulego.ROption{
		Freq:    rrulegoFrequency[n.freq],
		Dtstart: civilTime(n.start),
		Wkst:    rrulego.MO,
		Count:   int(n.count),
		// Copies: rrule-go keeps (and may reorder) what it is given.
		Bysetpos:   slices.Clone(n.setPos),
		Bymonth:    slices.Clone(n.months),
		Bymonthday: slices.Clone(n.monthDays),
		Byyearday:  slices.Clone(n.yearDays),
		Byweekno:   slices.Clone(n.weekNos),
		Byhour:     slices.Clone(n.hours),
		Byminute:   slices.Clone(n.minutes),
	}
	if n.interval > 1 {
		option.Interval = int(n.interval)
	}
	if n.hasUntil {
		option.Until = civilTime(n.until)
	}
	inMonth := n.freq == Monthly || (n.freq == Yearly && len(n.months) > 0)
	for _, d := range n.days {
		if inMonth && (d.N > 5 || d.N < -5) {
			continue
		}
		w := rrulegoWeekdays[d.Weekday]
		if d.N != 0 {
			w = w.Nth(d.N)
		}
		option.Byweekday = append(option.Byweekday, w)
	}
	return option
}
