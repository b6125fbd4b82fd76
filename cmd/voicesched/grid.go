package main

import (
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/internal/timespan"
	"github.com/voicesched/voicesched/schedule"
)

// Grid cells that are not a state.
const (
	cellOutside = '.' // the hour lies outside the range asked for
	cellSkipped = '-' // the clock skipped this hour (spring forward)
	cellOther   = '*' // a state beyond the 36 letters and digits
)

// stateLetters gives every state a letter in order of first appearance:
// the first letter of its name not yet taken, else any free letter, then
// digits, then '*' for all the rest. Letters are upper case; the grid uses
// the lower case for an hour in which the state changed.
func stateLetters(intervals []voicesched.Interval) (map[string]byte, []string) {
	letters := map[string]byte{}
	var order []string
	used := map[byte]bool{}
	take := func(state string) byte {
		for i := 0; i < len(state); i++ {
			ch := state[i]
			if ch >= 'a' && ch <= 'z' {
				ch -= 'a' - 'A'
			}
			if ch >= 'A' && ch <= 'Z' && !used[ch] {
				return ch
			}
		}
		for ch := byte('A'); ch <= 'Z'; ch++ {
			if !used[ch] {
				return ch
			}
		}
		for ch := byte('0'); ch <= '9'; ch++ {
			if !used[ch] {
				return ch
			}
		}
		return cellOther
	}
	for _, iv := range intervals {
		if _, ok := letters[iv.State]; ok {
			continue
		}
		ch := take(iv.State)
		used[ch] = true
		letters[iv.State] = ch
		order = append(order, iv.State)
	}
	return letters, order
}

// civilHourStart returns the first instant whose wall clock in loc reads
// day at hour or later (hour 24 is the next day's midnight). In an autumn
// overlap the hour therefore spans both readings of the clock; in a spring
// gap the skipped hour starts and ends at the same instant.
func civilHourStart(day time.Time, hour int, loc *time.Location) time.Time {
	civil := time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, time.UTC)
	t, err := schedule.ParseInstant("hour", civil.Format("2006-01-02T15:04:05"), loc)
	if err != nil {
		// Unreachable: the text is always a valid date-time.
		return time.Date(civil.Year(), civil.Month(), civil.Day(), civil.Hour(), 0, 0, 0, loc)
	}
	return t
}

// writeGrid prints the week grid of intervals over [from, to): one row per
// civil day of loc, one column per clock hour, a space every six hours.
func writeGrid(w io.Writer, loc *time.Location, zoneID string, from, to time.Time, intervals []voicesched.Interval) error {
	letters, order := stateLetters(intervals)
	var b strings.Builder
	fmt.Fprintf(&b, "week grid: one letter per clock hour in %s\n", zoneID)
	writeGridHeader(&b, 16)
	var used gridLegend
	for day := range civilDays(from, to, loc) {
		b.WriteString(day.Format("Mon 2006-01-02") + "  ")
		writeGridRow(&b, day, loc, from, to, intervals, letters, &used)
		b.WriteString("\n")
	}
	writeGridLegend(&b, letters, order, used)
	_, err := io.WriteString(w, b.String())
	return err
}

// gridLegend records which special cells a grid used, for its legend.
type gridLegend struct {
	lower, outside, skipped bool
}

// civilDays yields the civil days of loc that [from, to) touches, as
// midnights in UTC (the calendar date only).
func civilDays(from, to time.Time, loc *time.Location) iter.Seq[time.Time] {
	first := from.In(loc)
	last := to.Add(-time.Nanosecond).In(loc)
	firstDay := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, time.UTC)
	lastDay := time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
	return func(yield func(time.Time) bool) {
		for day := firstDay; !day.After(lastDay); day = day.AddDate(0, 0, 1) {
			if !yield(day) {
				return
			}
		}
	}
}

// writeGridHeader writes the hour ruler, indented by indent spaces.
func writeGridHeader(b *strings.Builder, indent int) {
	b.WriteString(strings.Repeat(" ", indent))
	for h := 0; h < 24; h += 6 {
		if h > 0 {
			b.WriteString("     ")
		}
		fmt.Fprintf(b, "%02d", h)
	}
	b.WriteString("\n")
}

// clockHours returns the 24 clock hours of a civil day in loc as instants
// [start, end); an hour the clock skipped starts and ends at one instant.
func clockHours(day time.Time, loc *time.Location) [24][2]time.Time {
	var out [24][2]time.Time
	start := civilHourStart(day, 0, loc)
	for h := range 24 {
		end := civilHourStart(day, h+1, loc)
		out[h] = [2]time.Time{start, end}
		start = end
	}
	return out
}

// writeGridCells writes one cell per clock hour of day, a space every six
// hours: cell(h, start, end) gives the cell of hour h clipped to [from,
// to); skipped hours and hours outside the range get their own marks.
func writeGridCells(b *strings.Builder, day time.Time, loc *time.Location, from, to time.Time, used *gridLegend, cell func(start, end time.Time) byte) {
	for h, hour := range clockHours(day, loc) {
		if h > 0 && h%6 == 0 {
			b.WriteByte(' ')
		}
		cellStart, cellEnd := hour[0], hour[1]
		if !cellEnd.After(cellStart) {
			b.WriteByte(cellSkipped)
			used.skipped = true
			continue
		}
		cellStart, cellEnd = timespan.Max(cellStart, from), timespan.Min(cellEnd, to)
		if !cellEnd.After(cellStart) {
			b.WriteByte(cellOutside)
			used.outside = true
			continue
		}
		b.WriteByte(cell(cellStart, cellEnd))
	}
}

// writeGridRow writes the cells of one civil day of intervals.
func writeGridRow(b *strings.Builder, day time.Time, loc *time.Location, from, to time.Time, intervals []voicesched.Interval, letters map[string]byte, used *gridLegend) {
	writeGridCells(b, day, loc, from, to, used, func(cellStart, cellEnd time.Time) byte {
		// The first interval that may overlap the cell.
		next := sort.Search(len(intervals), func(k int) bool { return intervals[k].To.After(cellStart) })
		// A whole hour in one state shows that state; an hour in which
		// the state changes shows, in lower case, the state it changed
		// to (the longest held of those after the first), so that short
		// states such as a half-hour lunch stay visible.
		first, changedTo, changedFor, states := "", "", time.Duration(0), 0
		for k := next; k < len(intervals) && intervals[k].From.Before(cellEnd); k++ {
			iv := intervals[k]
			d := timespan.Min(iv.To, cellEnd).Sub(timespan.Max(iv.From, cellStart))
			if d <= 0 {
				continue
			}
			states++
			if states == 1 {
				first = iv.State
			} else if iv.State != first && d > changedFor {
				changedTo, changedFor = iv.State, d
			}
		}
		if states == 0 {
			used.outside = true
			return cellOutside
		}
		ch := letters[first]
		if changedTo != "" {
			ch = letters[changedTo]
			if ch >= 'A' && ch <= 'Z' {
				ch += 'a' - 'A'
				used.lower = true
			}
		}
		return ch
	})
}

// writeGridLegend writes the letters of the states in order and the
// special cells the grid used.
func writeGridLegend(b *strings.Builder, letters map[string]byte, order []string, used gridLegend) {
	b.WriteString("legend:\n")
	for _, state := range order {
		fmt.Fprintf(b, "  %c  %s\n", letters[state], state)
	}
	if used.lower {
		b.WriteString("  lower case: the state changed to that one within the hour\n")
	}
	if used.outside {
		fmt.Fprintf(b, "  %c  outside the range\n", cellOutside)
	}
	if used.skipped {
		fmt.Fprintf(b, "  %c  an hour the clock skipped (daylight saving)\n", cellSkipped)
	}
}
