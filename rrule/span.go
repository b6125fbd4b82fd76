package rrule

import "time"

// Span returns the civil starts of the rule's first and last occurrences.
// ok is false when the rule has no occurrence at all (an Until before the
// first one). bounded is false when nothing but year 9999 ends the rule
// (no Count or Until); last is then the zero Time, not searched for.
// Validators use it to tell a rule whose windows all lie in the past; its
// cost is at most two occurrence searches.
func (r *Rule) Span() (first, last time.Time, bounded, ok bool) {
	m := &r.m
	firstSecond, ok := m.next(m.start, m.last)
	if !ok {
		return time.Time{}, time.Time{}, false, false
	}
	if !m.single && m.last >= lastCivilSecond {
		return civilTime(firstSecond), time.Time{}, false, true
	}
	lastSecond, ok := m.prev(m.last, m.start)
	if !ok {
		return time.Time{}, time.Time{}, false, false
	}
	return civilTime(firstSecond), civilTime(lastSecond), true, true
}
