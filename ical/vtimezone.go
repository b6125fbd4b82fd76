package ical

import (
	"fmt"
	"time"

	ics "github.com/arran4/golang-ical"
)

// A zone's VTIMEZONE is written from Go's own zone data: every offset change
// from the window's start to lookAheadYears past its end becomes an onset of
// a STANDARD or DAYLIGHT observance, and onsets that repeat yearly on the same
// weekday rule ("second Sunday of March at 02:00") fold into one observance
// with an RRULE. A rule still in force at the end of that span is written
// without UNTIL: Go's zone data carry it forward the same way, and a reader
// expanding a recurring event (ExportRules) past the window needs it; any
// other run ends (UNTIL) at its last onset. Onsets that fit no yearly rule
// stand alone as observances of their own.

// lookAheadYears is how far past the window the VTIMEZONE follows Go's zone
// data change by change before its last rules are left open-ended.
const lookAheadYears = 10

// transition is one change of a zone's offset.
type transition struct {
	at       time.Time // the instant of the change
	from, to int       // offsets before and after, seconds east of UTC
	name     string    // abbreviation in force after the change
	dst      bool      // daylight time after the change
}

// onset is the wall-clock time of the change on the clock before it (what an
// observance's DTSTART holds), as a civil time in UTC.
func (t transition) onset() time.Time {
	return t.at.UTC().Add(time.Duration(t.from) * time.Second)
}

// zoneTransitions returns the observance in force at from (at is zero when
// the zone never changed before from) and every change in (from, to).
func zoneTransitions(loc *time.Location, from, to time.Time) (first transition, changes []transition) {
	local := from.In(loc)
	name, offset := local.Zone()
	first = transition{from: offset, to: offset, name: name, dst: local.IsDST()}
	if start, _ := local.ZoneBounds(); !start.IsZero() {
		_, before := start.Add(-time.Second).In(loc).Zone()
		first.at, first.from = start, before
	}
	for t := from; ; {
		next, ok := nextOffsetChange(loc, t, to)
		if !ok {
			return first, changes
		}
		_, before := next.Add(-time.Second).In(loc).Zone()
		after := next.In(loc)
		name, offset := after.Zone()
		changes = append(changes, transition{at: next, from: before, to: offset, name: name, dst: after.IsDST()})
		t = next
	}
}

// nextOffsetChange returns the first instant in (t, limit) at which loc's
// offset, abbreviation or daylight flag differs from t's. It trusts
// ZoneBounds where it answers sensibly and otherwise probes day by day and
// bisects to the second.
func nextOffsetChange(loc *time.Location, t, limit time.Time) (time.Time, bool) {
	same := func(a, b time.Time) bool {
		an, ao := a.In(loc).Zone()
		bn, bo := b.In(loc).Zone()
		return an == bn && ao == bo && a.In(loc).IsDST() == b.In(loc).IsDST()
	}
	start := t
	for {
		_, end := t.In(loc).ZoneBounds()
		if end.IsZero() {
			return time.Time{}, false // the zone never changes again
		}
		if !end.After(t) {
			break // past the zone's table ZoneBounds may say so; probe instead
		}
		if !end.Before(limit) {
			return time.Time{}, false
		}
		if !same(end, start) {
			return end, true
		}
		t = end // a transition that changes nothing
	}
	for lo := t; lo.Before(limit); {
		hi := lo.Add(24 * time.Hour)
		if hi.After(limit) {
			hi = limit
		}
		if !same(start, hi) {
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
				if mid.Equal(lo) {
					mid = lo.Add(time.Second)
				}
				if same(start, mid) {
					lo = mid
				} else {
					hi = mid
				}
			}
			if hi.Before(limit) {
				return hi, true
			}
			return time.Time{}, false
		}
		lo = hi
	}
	return time.Time{}, false
}

// observance is one STANDARD or DAYLIGHT component: a first onset and, for a
// yearly run, the weekday rule and the last onset.
type observance struct {
	transition
	byDay   int          // week ordinal of the weekday in the month (1..4, or -1: last); 0 = a lone onset
	weekday time.Weekday // the onset's weekday, for byDay
	last    transition   // the run's last onset
}

// observances folds transitions into observances: consecutive yearly onsets
// with the same offsets, name, month, weekday ordinal and clock time form one.
func observances(changes []transition) []observance {
	type runKey struct {
		dst      bool
		from, to int
		name     string
	}
	var out []observance
	open := map[runKey]int{} // index in out of the run a key may extend
	for _, c := range changes {
		key := runKey{c.dst, c.from, c.to, c.name}
		if i, ok := open[key]; ok {
			if ord, fits := extendsYearly(&out[i], c); fits {
				out[i].byDay, out[i].last = ord, c
				continue
			}
		}
		open[key] = len(out)
		out = append(out, observance{transition: c, last: c})
	}
	return out
}

// extendsYearly reports whether c is the next year's onset of run o's rule,
// and the weekday ordinal the whole run shares.
func extendsYearly(o *observance, c transition) (int, bool) {
	prev, next := o.last.onset(), c.onset()
	if next.Year() != prev.Year()+1 || next.Month() != o.onset().Month() ||
		next.Weekday() != o.onset().Weekday() || clockOf(next) != clockOf(o.onset()) {
		return 0, false
	}
	candidates := weekOrdinals(next)
	if o.byDay != 0 { // the run already chose; it must still hold
		for _, k := range candidates {
			if k == o.byDay {
				return k, true
			}
		}
		return 0, false
	}
	for _, k := range candidates { // last first: DST laws say "last Sunday"
		for _, j := range weekOrdinals(prev) {
			if k == j {
				o.weekday = next.Weekday()
				return k, true
			}
		}
	}
	return 0, false
}

// weekOrdinals returns the ordinals that pick day c among its weekdays in the
// month: -1 when it is the last such weekday, and its ordinal 1..4 from the
// start (a fifth is only ever "last").
func weekOrdinals(c time.Time) []int {
	var out []int
	if c.AddDate(0, 0, 7).Month() != c.Month() {
		out = append(out, -1)
	}
	if n := (c.Day()-1)/7 + 1; n <= 4 {
		out = append(out, n)
	}
	return out
}

func clockOf(c time.Time) time.Duration {
	return time.Duration(c.Hour())*time.Hour + time.Duration(c.Minute())*time.Minute + time.Duration(c.Second())*time.Second
}

// earliestOnset is the DTSTART of an observance for a zone that never changed
// before the window: the year 1601, as Windows writes it.
var earliestOnset = time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC)

// newVTimezone returns the VTIMEZONE of loc, named tzid, for [from, to).
func newVTimezone(loc *time.Location, tzid string, from, to time.Time) *ics.VTimezone {
	vtz := ics.NewTimezone(tzid)
	end := to.AddDate(lookAheadYears, 0, 0)
	first, changes := zoneTransitions(loc, from, end)
	lastYear := end.AddDate(-1, 0, 0) // a run with an onset after this is still in force
	add := func(o observance) {
		var comp ics.Component
		var base *ics.ComponentBase
		if o.dst {
			d := &ics.Daylight{}
			comp, base = d, &d.ComponentBase
		} else {
			s := &ics.Standard{}
			comp, base = s, &s.ComponentBase
		}
		start := earliestOnset
		if !o.at.IsZero() {
			start = o.onset()
		}
		base.AddProperty(ics.ComponentPropertyDtStart, start.Format(localLayout))
		base.AddProperty("TZOFFSETFROM", formatOffset(o.from))
		base.AddProperty("TZOFFSETTO", formatOffset(o.to))
		if o.byDay != 0 {
			rule := fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", int(start.Month()), o.byDay, weekdayCodes[o.weekday])
			if !o.last.at.After(lastYear) {
				rule += ";UNTIL=" + o.last.at.UTC().Format(utcLayout)
			}
			base.AddProperty(ics.ComponentPropertyRrule, rule)
		}
		base.AddProperty("TZNAME", o.name)
		vtz.Components = append(vtz.Components, comp)
	}
	if first.at.IsZero() {
		add(observance{transition: first, last: first})
	} else {
		changes = append([]transition{first}, changes...)
	}
	for _, o := range observances(changes) {
		add(o)
	}
	return vtz
}

// formatOffset writes an offset as RFC 5545 UTC-OFFSET text (+0100, -0430,
// +005328 for a local mean time).
func formatOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	h, m, s := seconds/3600, seconds/60%60, seconds%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

var weekdayCodes = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

const (
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
	dateLayout  = "20060102"
)
