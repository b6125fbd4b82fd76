// Package timespan holds the small helpers on instants that the library
// and the command line both need when they cut spans of time to a range.
package timespan

import "time"

// Min returns the earlier of a and b (a when they are the same instant).
func Min(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// Max returns the later of a and b (a when they are the same instant).
func Max(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
