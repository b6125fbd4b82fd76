//go:build !race

package ical

const raceEnabled = false
