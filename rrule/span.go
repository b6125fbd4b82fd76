package rrule

import "time"

// Span returns the civil starts of the rule's first and last occurrences.
// ok is false when the rule has no occurrence at all (an Until before the
// first one). bounded is false when nothing but year 9999 ends the rule:
// last is then the last occurrence in year 9999. Validators use it to tell
// a rule whose windows all lie in the past; its cost is two occurrence
// searches.
func (r *Rule) Span() (first, last time.Time, bounded, ok bool) {
	m := &r.m
	firstSecond, ok := m.next(m.start, m.last)
	if !ok {
		return time.Time{}, time.Time{}, false, false
	}
	lastSecond, ok := m.prev(m.last, m.start)
	if !ok {
		return time.Time{}, time.Time{}, false, false
	}
	return civilTime(firstSecond), civilTime(lastSecond), m.single || m.last < lastCivilSecond, true
}
