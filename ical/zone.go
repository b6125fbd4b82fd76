package ical

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	rrulego "github.com/teambition/rrule-go"
	"github.com/voicesched/voicesched/rrule"
	"github.com/voicesched/voicesched/tz"
)

// A TZID is resolved in this order:
//
//  1. When the feed carries a VTIMEZONE with that TZID, its observances are
//     turned into a *time.Location (a TZif table built from their onsets), and
//     the first known zone whose offsets agree with it at every instant of
//     the import's horizon is used instead: the schedule's own zone, the zone
//     the TZID names (an IANA name or a Windows id such as "W. Europe
//     Standard Time"), its X-LIC-LOCATION, then every IANA zone in order.
//     A VTIMEZONE that matches no known zone is used as it is.
//  2. Otherwise the TZID must be an IANA name or a Windows id (package tz).
//
// A matched zone matters: a recurrence can stay one rule only when the
// event's zone keeps the schedule's clock.

// observanceRecord is one STANDARD or DAYLIGHT component of a VTIMEZONE.
type observanceRecord struct {
	start    time.Time // DTSTART, on the clock before the onset
	from, to int
	dst      bool
	name     string
	rrule    string
	rdates   []dateValue
}

// maxOnsets bounds the onsets one observance may contribute.
const maxOnsets = 4000

// vtimezoneLocation builds a Location from a VTIMEZONE, with every onset up
// to the end of year untilYear.
func vtimezoneLocation(vtz *ics.VTimezone, untilYear int) (*time.Location, error) {
	tzid := ""
	if p := vtz.GetProperty(ics.ComponentPropertyTzid); p != nil {
		tzid = strings.TrimSpace(p.Value)
	}
	var records []observanceRecord
	for _, sub := range vtz.Components {
		var base *ics.ComponentBase
		dst := false
		switch c := sub.(type) {
		case *ics.Standard:
			base = &c.ComponentBase
		case *ics.Daylight:
			base, dst = &c.ComponentBase, true
		default:
			continue
		}
		rec, err := readObservance(base, dst)
		if err != nil {
			return nil, fmt.Errorf("VTIMEZONE %q: %w", tzid, err)
		}
		records = append(records, rec)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("VTIMEZONE %q has no STANDARD or DAYLIGHT part", tzid)
	}
	limit := time.Date(untilYear+1, 1, 1, 0, 0, 0, 0, time.UTC)
	var changes []transition
	for _, rec := range records {
		onsets, err := rec.onsets(limit)
		if err != nil {
			return nil, fmt.Errorf("VTIMEZONE %q: %w", tzid, err)
		}
		for _, at := range onsets {
			changes = append(changes, transition{at: at, from: rec.from, to: rec.to, name: rec.name, dst: rec.dst})
		}
		if len(changes) > maxVTimezoneOnsets {
			return nil, fmt.Errorf("VTIMEZONE %q has more than %d onsets", tzid, maxVTimezoneOnsets)
		}
	}
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].at.Before(changes[j].at) })
	data := tzifData(changes)
	loc, err := time.LoadLocationFromTZData(tzid, data)
	if err != nil {
		return nil, fmt.Errorf("VTIMEZONE %q: %w", tzid, err)
	}
	return loc, nil
}

func readObservance(base *ics.ComponentBase, dst bool) (observanceRecord, error) {
	rec := observanceRecord{dst: dst}
	get := func(name string) string {
		if p := base.GetProperty(ics.ComponentProperty(name)); p != nil {
			return strings.TrimSpace(p.Value)
		}
		return ""
	}
	start, err := parseDateText(get("DTSTART"))
	if err != nil || start.date {
		return rec, fmt.Errorf("observance DTSTART %q is not a local DATE-TIME", get("DTSTART"))
	}
	rec.start = start.civil
	if rec.from, err = parseOffset(get("TZOFFSETFROM")); err != nil {
		return rec, err
	}
	if rec.to, err = parseOffset(get("TZOFFSETTO")); err != nil {
		return rec, err
	}
	rec.name = get("TZNAME")
	rec.rrule = get("RRULE")
	for _, p := range base.GetProperties(ics.ComponentPropertyRdate) {
		dates, err := propertyDates(p)
		if err != nil {
			return rec, fmt.Errorf("observance RDATE: %w", err)
		}
		rec.rdates = append(rec.rdates, dates...)
	}
	return rec, nil
}

// onsets returns the instants the observance begins, up to limit.
func (rec observanceRecord) onsets(limit time.Time) ([]time.Time, error) {
	offsetFrom := time.Duration(rec.from) * time.Second
	instant := func(civil time.Time) time.Time { return civil.Add(-offsetFrom) }
	out := []time.Time{instant(rec.start)}
	for _, d := range rec.rdates {
		if d.utc {
			out = append(out, d.civil)
		} else {
			out = append(out, instant(d.civil))
		}
	}
	if rec.rrule == "" {
		return out, nil
	}
	recur, err := splitRecur(rec.rrule)
	if err != nil {
		return nil, err
	}
	if recur.option.Freq != rrulego.YEARLY && recur.option.Freq != rrulego.MONTHLY {
		return nil, fmt.Errorf("observance RRULE %q repeats more often than monthly", rec.rrule)
	}
	// This module's rrule package, not rrule-go: rrule-go stops about 290
	// years after DTSTART, and Windows writes DTSTART in 1601.
	o := recur.option
	spec := rrule.Spec{Frequency: rrule.Frequency(modelFrequency(o.Freq)), Start: rec.start, Length: time.Second,
		Interval: o.Interval, Count: o.Count, BySetPosition: o.Bysetpos, ByMonth: o.Bymonth, ByWeekNo: o.Byweekno,
		ByYearDay: o.Byyearday, ByMonthDay: o.Bymonthday, ByHour: o.Byhour, ByMinute: o.Byminute}
	for _, d := range o.Byweekday {
		spec.ByDay = append(spec.ByDay, rrule.Day{Weekday: time.Weekday((d.Day() + 1) % 7), N: d.N()})
	}
	rule, err := rrule.Compile(spec)
	if err != nil {
		return nil, fmt.Errorf("observance RRULE %q: %w", rec.rrule, err)
	}
	for _, civil := range rule.Occurrences(rec.start, limit.Add(48*time.Hour), maxOnsets) {
		at := instant(civil)
		if recur.hasUntil && recur.untilBeyond(civil, at) || at.After(limit) {
			break
		}
		if !civil.Equal(rec.start) {
			out = append(out, at)
		}
	}
	return out, nil
}

// parseOffset reads a UTC-OFFSET (+0100, -0430, +005328).
func parseOffset(text string) (int, error) {
	bad := fmt.Errorf("%q is not a UTC offset (+0100, -0500)", text)
	if len(text) != 5 && len(text) != 7 || text[0] != '+' && text[0] != '-' {
		return 0, bad
	}
	var parts []int
	for i := 1; i < len(text); i += 2 {
		a, b := text[i], text[i+1]
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return 0, bad
		}
		parts = append(parts, int(a-'0')*10+int(b-'0'))
	}
	n := parts[0]*3600 + parts[1]*60
	if len(parts) == 3 {
		n += parts[2]
	}
	if parts[1] > 59 || len(parts) == 3 && parts[2] > 59 || parts[0] > 25 {
		return 0, bad
	}
	if text[0] == '-' {
		n = -n
	}
	return n, nil
}

// tzifData writes a TZif version 2 table of the changes (sorted), the first
// one's offset before it being the zone's earliest.
func tzifData(changes []transition) []byte {
	type zoneType struct {
		offset int
		dst    bool
		name   string
	}
	var types []zoneType
	var names []byte
	nameAt := map[string]int{}
	typeOf := func(t zoneType, reuse bool) int {
		if reuse {
			for i, have := range types {
				if i > 0 && have == t {
					return i
				}
			}
		}
		if _, ok := nameAt[t.name]; !ok {
			nameAt[t.name] = len(names)
			names = append(append(names, t.name...), 0)
		}
		types = append(types, t)
		return len(types) - 1
	}
	first := zoneType{offset: 0, name: "UTC"}
	if len(changes) > 0 {
		first = zoneType{offset: changes[0].from, dst: false, name: "LMT"}
	}
	typeOf(first, false) // type 0: before the first change, never reused
	idx := make([]int, len(changes))
	for i, c := range changes {
		name := c.name
		if name == "" {
			name = formatOffset(c.to)
		}
		idx[i] = typeOf(zoneType{c.to, c.dst, name}, true)
	}
	be := binary.BigEndian
	header := func(timeCount, typeCount, charCount int) []byte {
		h := make([]byte, 44)
		copy(h, "TZif2")
		be.PutUint32(h[32:], uint32(timeCount))
		be.PutUint32(h[36:], uint32(typeCount))
		be.PutUint32(h[40:], uint32(charCount))
		return h
	}
	// Version 1 block: one type and nothing else (readers of version 2 skip it).
	out := header(0, 1, 1)
	out = append(out, 0, 0, 0, 0, 0, 0, 0)
	out = append(out, header(len(changes), len(types), len(names))...)
	for _, c := range changes {
		out = be.AppendUint64(out, uint64(c.at.Unix()))
	}
	for _, i := range idx {
		out = append(out, byte(i))
	}
	for _, t := range types {
		out = be.AppendUint32(out, uint32(int32(t.offset)))
		dst := byte(0)
		if t.dst {
			dst = 1
		}
		out = append(out, dst, byte(nameAt[t.name]))
	}
	out = append(out, names...)
	return append(out, '\n', '\n')
}

// sameClock reports whether a and b show the same offset at every instant of
// [from, to).
func sameClock(a, b *time.Location, from, to time.Time) bool {
	if a == b {
		return true
	}
	for t := from; t.Before(to); {
		_, offA := t.In(a).Zone()
		_, offB := t.In(b).Zone()
		if offA != offB {
			return false
		}
		nextA, okA := nextOffsetChange(a, t, to)
		nextB, okB := nextOffsetChange(b, t, to)
		switch {
		case !okA && !okB:
			return true
		case !okA:
			t = nextB
		case !okB:
			t = nextA
		case nextB.Before(nextA):
			t = nextB
		default:
			t = nextA
		}
	}
	return true
}

// zoneResolver turns TZIDs into locations, once each.
type zoneResolver struct {
	target    *time.Location
	vtimezone map[string]*ics.VTimezone
	from, to  time.Time // the horizon, over which clocks must agree
	cache     map[string]zoneAnswer
	searches  int // custom VTIMEZONEs compared with every known zone so far
}

// maxZoneSearches bounds how many custom VTIMEZONEs of one feed are compared
// with every known zone (some milliseconds each); later ones are compared
// with the schedule's zone, their TZID's and X-LIC-LOCATION's only.
const maxZoneSearches = 16

// maxVTimezoneOnsets bounds the onsets of one VTIMEZONE.
const maxVTimezoneOnsets = 20000

type zoneAnswer struct {
	loc *time.Location
	err error
}

// resolve returns the location of a TZID.
func (z *zoneResolver) resolve(tzid string) (*time.Location, error) {
	if a, ok := z.cache[tzid]; ok {
		return a.loc, a.err
	}
	loc, err := z.lookup(tzid)
	z.cache[tzid] = zoneAnswer{loc, err}
	return loc, err
}

func (z *zoneResolver) lookup(tzid string) (*time.Location, error) {
	vtz, ok := z.vtimezone[tzid]
	if !ok {
		loc, err := tz.Load(tzid)
		if err != nil {
			return nil, fmt.Errorf("TZID %q is neither an IANA zone nor a Windows zone id, and the feed has no VTIMEZONE for it", tzid)
		}
		return loc, nil
	}
	custom, err := vtimezoneLocation(vtz, z.to.Year())
	if err != nil {
		if loc, lerr := tz.Load(tzid); lerr == nil {
			return loc, nil // a broken VTIMEZONE under a known name: trust the name
		}
		return nil, err
	}
	candidates := []*time.Location{z.target}
	for _, name := range []string{tzid, licLocation(vtz)} {
		if loc, err := tz.Load(name); err == nil && name != "" {
			candidates = append(candidates, loc)
		}
	}
	for _, loc := range candidates {
		if sameClock(custom, loc, z.from, z.to) {
			return loc, nil
		}
	}
	if z.searches >= maxZoneSearches {
		return custom, nil
	}
	z.searches++
	for _, name := range tz.Names() {
		if loc, err := tz.Load(name); err == nil && sameClock(custom, loc, z.from, z.to) {
			return loc, nil
		}
	}
	return custom, nil
}

// licLocation is the X-LIC-LOCATION some producers add to a VTIMEZONE.
func licLocation(vtz *ics.VTimezone) string {
	if p := vtz.GetProperty("X-LIC-LOCATION"); p != nil {
		return strings.TrimSpace(p.Value)
	}
	return ""
}
