//go:build race

package ical

// raceEnabled: the race detector slows evaluation some tenfold, so the
// minute-by-minute checks take every 17th minute instead.
const raceEnabled = true
