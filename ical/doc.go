// Package ical moves schedules to and from iCalendar (RFC 5545) feeds.
//
// # Export
//
// Export writes what callers of a node will actually get over a window: one
// VEVENT per interval of the node's timeline (priorities, inheritance,
// parent-following rules and conditions resolved), with a VTIMEZONE for the
// node's zone generated from Go's zone data. ExportRules writes the Time
// rules themselves as recurring events — a view of the rules, not of the
// outcome.
//
// # Import
//
// Import reads a feed into SchedulingRules, one state for the whole feed.
// See Import for how each shape of event is held; in short, an event whose
// recurrence the model can hold becomes one rule with the same recurrence,
// and everything else becomes dated rules for its occurrences, or — only
// where even that is impossible — a Warning naming the event's UID and
// SUMMARY and what was left out. No event is dropped or moved silently.
//
// # Choices where RFC 5545 and the contract are silent
//
//   - Rules live on the schedule's wall clock (docs/semantics.md#civil-time).
//     An imported wall time inside a spring-forward gap therefore opens at the
//     end of the gap, as a rule's window would (docs/semantics.md#dst), where
//     RFC 5545 would read it with the offset before the gap; a DTSTART/DTEND
//     inside an autumn overlap covers both readings of that clock time.
//   - Export writes an instant the wall clock cannot name uniquely (the second
//     pass through an autumn overlap) in UTC; Import reads a UTC time as that
//     instant. DATE values and floating times are the schedule's own days and
//     clock.
//   - A DTSTART that its RRULE does not produce is no occurrence, as in
//     python-dateutil (docs/semantics.md#recurrence-start); ExportRules writes
//     each rule's first occurrence as DTSTART so that other readers agree.
//   - The horizon (DefaultHorizonYears, 3) bounds only what must be spelled out
//     occurrence by occurrence; single events and RDATEs beyond it are kept,
//     recurrences held as one rule are unbounded.
//
// # Library
//
// Content lines are read and written with github.com/arran4/golang-ical:
// it folds lines at 75 octets without splitting UTF-8 sequences, escapes
// and unescapes TEXT values (backslash, comma, semicolon, newline), writes
// VALUE=DATE and TZID parameters, and reads VTIMEZONE with its STANDARD and
// DAYLIGHT parts; it survived fuzzing. github.com/emersion/go-ical was the
// other candidate: it writes no line folding at all and panics on malformed
// content lines (an unterminated parameter such as "X;Y=" indexes past the
// end of the line). Neither resolves Windows zone ids or custom VTIMEZONEs,
// neither writes a VTIMEZONE from Go's zone data, and both read a TZID
// through time.LoadLocation (golang-ical reads floating times in the
// machine's local zone), so this package parses DATE and DATE-TIME values,
// zones and VTIMEZONE observances itself; RRULE text is parsed by rrule-go.
package ical
