package tz

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FixedZone describes a zone id that is a fixed offset from UTC with no
// daylight saving time and no place attached ("EST", "Etc/GMT+5"), and the
// located zones a business should use instead.
type FixedZone struct {
	// Name is the IANA name the id resolves to ("EST", "Etc/GMT+5"; for the
	// Windows id "UTC-11" it is "Etc/GMT+11").
	Name string
	// Offset is the zone's offset east of UTC in seconds (-18000 for EST).
	Offset int
	// Instead lists located zones to use, best first. It has one entry when
	// the name implies a region (HST is Hawaii) and several when it does
	// not: a bare offset such as Etc/GMT+5 is shared by many regions, some
	// keeping daylight saving time and some not, so no single zone is right.
	Instead []Alternative
	// Unique reports whether Instead holds the one answer (the name implies a
	// region) rather than examples of zones at this offset.
	Unique bool
}

// Alternative is a located zone offered in place of a fixed offset.
type Alternative struct {
	Zone string // an IANA name Load accepts, e.g. "America/New_York"
	Why  string // who keeps it, e.g. "US Eastern time, with daylight saving time"
}

// The abbreviation zones tzdata keeps for compatibility. In tzdata 2024b
// and later they are links to a city that keeps that offset all year
// (EST → America/Panama), but the name still reads as the region's
// standard time, and offices on that region's clock keep daylight saving.
var namedFixedZones = map[string]FixedZone{
	"EST": {Name: "EST", Offset: -5 * 3600, Instead: []Alternative{
		{"America/New_York", "US Eastern time with daylight saving time, as in New York, Toronto and Miami"},
		{"America/Panama", "UTC−05:00 all year, as in Panama, Jamaica and the Caymans, if the office really keeps no daylight saving time"},
	}},
	"MST": {Name: "MST", Offset: -7 * 3600, Instead: []Alternative{
		{"America/Denver", "US Mountain time with daylight saving time, as in Denver, Salt Lake City and Calgary"},
		{"America/Phoenix", "Arizona, which keeps Mountain Standard Time all year, so it agrees with MST today"},
	}},
	"HST": {Name: "HST", Offset: -10 * 3600, Unique: true, Instead: []Alternative{
		{"Pacific/Honolulu", "Hawaii, which keeps no daylight saving time, so it agrees with HST today and follows any future change"},
	}},
}

// FixedOffset reports whether id (any spelling Load accepts) resolves to a
// fixed-offset zone without a place, and what to use instead. Zero-offset
// names (UTC, GMT, Etc/GMT+0, Zulu, …) are not reported: they are taken as a
// deliberate choice of UTC. Unknown ids report false. Zones named after a
// place never count, even those without daylight saving time today
// (Asia/Tokyo, America/Phoenix): their offset is the place's law.
func FixedOffset(id string) (FixedZone, bool) {
	slot, ok := zones().lookup(id)
	if !ok {
		return FixedZone{}, false
	}
	name := ianaNames[slot]
	if fixed, ok := namedFixedZones[name]; ok {
		return fixed, true
	}
	hours, ok := etcHours(name)
	if !ok || hours == 0 {
		return FixedZone{}, false
	}
	offset := hours * 3600
	fixed := FixedZone{Name: name, Offset: offset}
	for _, zone := range pickExamples(zonesAtStandardOffset()[offset]) {
		why := "no daylight saving time"
		if zone.dst {
			why = "with daylight saving time"
		}
		fixed.Instead = append(fixed.Instead, Alternative{Zone: zone.name, Why: why})
	}
	return fixed, true
}

// pickExamples chooses at most maxAlternatives zones, some with daylight
// saving time and some without when both exist, in the given order.
func pickExamples(zones []locatedZone) []locatedZone {
	var out []locatedZone
	take := func(dst bool, limit int) {
		for _, zone := range zones {
			if len(out) == limit {
				return
			}
			if zone.dst == dst && !slices.Contains(out, zone) {
				out = append(out, zone)
			}
		}
	}
	take(true, maxAlternatives-2)
	take(false, maxAlternatives)
	take(true, maxAlternatives)
	return out
}

// maxAlternatives bounds the examples offered for a bare offset.
const maxAlternatives = 5

// etcHours returns the offset east of UTC, in hours, of an "Etc/GMT±N" name.
// POSIX inverts the sign: Etc/GMT+5 is UTC−05:00.
func etcHours(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, "Etc/GMT")
	if !ok || len(rest) < 2 || (rest[0] != '+' && rest[0] != '-') {
		return 0, false
	}
	n, err := strconv.Atoi(rest[1:])
	if err != nil {
		return 0, false
	}
	if rest[0] == '+' {
		return -n, true
	}
	return n, true
}

// locatedZone is a CLDR territory-001 zone and what its clock does.
type locatedZone struct {
	name string
	dst  bool
}

// standardOffsetYear is the year whose January and July offsets decide a
// zone's standard offset and whether it keeps daylight saving time. A
// fixed year keeps the answer the same on every run.
const standardOffsetYear = 2025

// zonesAtStandardOffset maps a standard offset (seconds east of UTC: the
// smaller of a zone's January and July offsets) to the CLDR territory-001
// zones of the Windows table at that offset, in the table's order (the
// Windows ids' alphabetical order). These are the zones Windows offers a
// user, so each names a well-known city. Built on first use only: it loads
// every zone once (a few milliseconds).
var zonesAtStandardOffset = sync.OnceValue(func() map[int][]locatedZone {
	byOffset := map[int][]locatedZone{}
	seen := map[string]bool{}
	add := func(name string) {
		if strings.HasPrefix(name, "Etc/") || !strings.Contains(name, "/") || seen[name] {
			return
		}
		seen[name] = true
		loc, err := Load(name)
		if err != nil {
			return
		}
		_, january := time.Date(standardOffsetYear, time.January, 15, 12, 0, 0, 0, loc).Zone()
		_, july := time.Date(standardOffsetYear, time.July, 15, 12, 0, 0, 0, loc).Zone()
		standard := min(january, july)
		byOffset[standard] = append(byOffset[standard], locatedZone{name: name, dst: january != july})
	}
	for _, zone := range windowsZones {
		add(zone.iana)
	}
	// Offsets no Windows zone keeps (UTC−11: American Samoa) take their
	// examples from the whole database, in its alphabetical order.
	covered := map[int]bool{}
	for offset := range byOffset {
		covered[offset] = true
	}
	for _, name := range ianaNames {
		if loc, err := Load(name); err == nil && !seen[name] {
			_, january := time.Date(standardOffsetYear, time.January, 15, 12, 0, 0, 0, loc).Zone()
			_, july := time.Date(standardOffsetYear, time.July, 15, 12, 0, 0, 0, loc).Zone()
			if !covered[min(january, july)] {
				add(name)
			}
		}
	}
	return byOffset
})
