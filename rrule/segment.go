package rrule

import "time"

// ZoneSegment returns the UTC offset (seconds east) in effect in loc at instant t and the
// first instant after t at which it may change; last is true when it never changes again.
// It papers over time.Time.ZoneBounds reporting an end at or before t for some years past
// a zone's table (see zoneSegment). A nil loc means UTC.
func ZoneSegment(t time.Time, loc *time.Location) (offset int, end time.Time, last bool) {
	if loc == nil {
		loc = time.UTC
	}
	off, endUnix := zoneSegment(t.Unix(), loc)
	if endUnix == noZoneEnd {
		return int(off), time.Time{}, true
	}
	return int(off), time.Unix(endUnix, 0), false
}
