// Package schedule compiles one schedule (a model.Schedule) against the
// environment its place in the tree gives it (zone, parent), validates it
// (every problem, with its path, as model.Problems) and evaluates it: rules
// in priority order, each a compiled recurrence (package rrule) and an
// optional condition (package condition). It knows nothing of customers or
// trees; the root package does.
package schedule
