package tz

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	// Embed the zone database so Load works on hosts without zoneinfo files.
	_ "time/tzdata"
)

// maxIDLen bounds the ids lookup considers. The longest known name is 32
// bytes; anything longer than this cannot match, and the bound lets the
// case fold use a stack buffer instead of allocating.
const maxIDLen = 64

// windowsZone is one row of the generated Windows table.
type windowsZone struct {
	windows string // Windows id as Microsoft spells it, e.g. "Eastern Standard Time"
	iana    string // CLDR territory-001 zone, e.g. "America/New_York"
}

// registry indexes the generated tables. Everything except the location
// slots is written once, before the registry is published, and only read
// afterwards.
type registry struct {
	// exact maps every IANA name and Windows id, spelled as in the tables,
	// to its location slot. Stored ids are nearly always spelled so; one
	// map read then answers without trimming or folding.
	exact map[string]int
	// byFolded maps the ASCII-lower-cased spelling of every IANA name and
	// Windows id to what it can resolve to.
	byFolded map[string]entry
	// locations[slot] caches the Location for ianaNames[slot]; nil until
	// first loaded.
	locations []atomic.Pointer[time.Location]
}

// entry is what one case-folded spelling resolves to: the IANA name and the
// Windows id spelled that way in any letter case. -1 means none.
type entry struct {
	ianaSlot, windowsSlot int32
}

// zones builds the registry on first use. The tables are compile-time
// constants in all but syntax; only the location slots change afterwards.
var zones = sync.OnceValue(newRegistry)

func newRegistry() *registry {
	reg := &registry{
		exact:     make(map[string]int, len(ianaNames)+len(windowsZones)),
		byFolded:  make(map[string]entry, len(ianaNames)+len(windowsZones)),
		locations: make([]atomic.Pointer[time.Location], len(ianaNames)),
	}
	for slot, name := range ianaNames {
		key := strings.ToLower(name)
		found, ok := reg.byFolded[key]
		if !ok {
			found = entry{ianaSlot: -1, windowsSlot: -1}
		}
		found.ianaSlot = int32(slot)
		reg.byFolded[key] = found
		reg.exact[name] = slot
	}
	for _, zone := range windowsZones {
		// The generator guarantees every target is in ianaNames.
		slot, _ := slices.BinarySearch(ianaNames[:], zone.iana)
		key := strings.ToLower(zone.windows)
		found, ok := reg.byFolded[key]
		if !ok {
			found = entry{ianaSlot: -1, windowsSlot: -1}
		}
		found.windowsSlot = int32(slot)
		reg.byFolded[key] = found
		if _, isIANA := reg.exact[zone.windows]; !isIANA { // "UTC" stays the IANA zone
			reg.exact[zone.windows] = slot
		}
	}
	return reg
}

// find returns the entry for id's trimmed, case-folded spelling, and the
// trimmed id. It never allocates.
func (reg *registry) find(id string) (entry, string, bool) {
	trimmed := strings.TrimSpace(id)
	if trimmed == "" || len(trimmed) > maxIDLen {
		return entry{}, "", false
	}
	var buf [maxIDLen]byte
	// The string conversion in a map index does not allocate.
	found, ok := reg.byFolded[string(foldASCII(buf[:], trimmed))]
	return found, trimmed, ok
}

// lookup returns the location slot for id, or false. An IANA name spelled
// exactly wins over a Windows id spelled the same way (only "UTC" is both);
// a Windows id in any case wins over an IANA name in another case (again
// only "utc" could be either, and both are UTC).
func (reg *registry) lookup(id string) (int, bool) {
	if slot, ok := reg.exact[id]; ok {
		return slot, true
	}
	found, trimmed, ok := reg.find(id)
	switch {
	case !ok:
		return 0, false
	case found.ianaSlot >= 0 && ianaNames[found.ianaSlot] == trimmed:
		return int(found.ianaSlot), true
	case found.windowsSlot >= 0:
		return int(found.windowsSlot), true
	case found.ianaSlot >= 0:
		return int(found.ianaSlot), true
	}
	return 0, false
}

// foldASCII copies s into dst[:len(s)] with ASCII letters lower-cased and
// returns that slice; dst must be at least as long as s. Other bytes,
// including non-ASCII ones, are copied unchanged: every table name is
// ASCII, so they never match anything.
func foldASCII(dst []byte, s string) []byte {
	dst = dst[:len(s)]
	for i := range dst {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return dst
}

// location returns the cached Location for slot, loading it on a miss.
func (reg *registry) location(slot int) (*time.Location, error) {
	cached := &reg.locations[slot]
	if loc := cached.Load(); loc != nil {
		return loc, nil
	}
	name := ianaNames[slot]
	loc, err := time.LoadLocation(name)
	if err != nil {
		// Only a damaged host zoneinfo file can get here: the name is in
		// the embedded database.
		return nil, fmt.Errorf("tz: loading %q: %w", name, err)
	}
	if cached.CompareAndSwap(nil, loc) {
		return loc, nil
	}
	// Another goroutine stored first; hand out its pointer so every caller
	// sees one Location per zone.
	return cached.Load(), nil
}

// Load resolves id to a Location. id may be
//
//   - an IANA name from Go's tzdata, in any letter case ("america/new_york"
//     is America/New_York; Canonical gives the IANA spelling), including
//     legacy links such as "Asia/Calcutta" and "US/Eastern", and "UTC" or
//     "Etc/UTC";
//   - a Windows time zone id such as "Eastern Standard Time", matched
//     case-insensitively and resolved through CLDR (territory 001), so the
//     Location is named after the IANA zone ("America/New_York").
//
// Surrounding white space is ignored. "UTC", both an IANA name and a Windows
// id, resolves as the IANA name (time.UTC). "Local" and file paths are not
// ids. An empty or unknown id returns a *UnknownZoneError (with suggestions for
// unknown ones) and touches neither the cache nor the file system.
//
// The first Load of a zone parses its data; later calls for the same zone,
// under any of its accepted spellings, return the same *time.Location
// without locking or allocating. Load is safe for concurrent use.
func Load(id string) (*time.Location, error) {
	reg := zones()
	slot, ok := reg.lookup(id)
	if !ok {
		return nil, unknownZone(id)
	}
	return reg.location(slot)
}

// Names returns every IANA zone name Load accepts, sorted, in a new slice the
// caller may modify. The list is Go's embedded tzdata, legacy links included.
func Names() []string {
	return slices.Clone(ianaNames[:])
}

// WindowsIDs returns every Windows time zone id Load accepts, in Microsoft's
// spelling, sorted, in a new slice the caller may modify.
func WindowsIDs() []string {
	ids := make([]string, len(windowsZones))
	for i, zone := range windowsZones {
		ids[i] = zone.windows
	}
	return ids
}

// Canonical returns id as the tables spell it, and whether id is known: an
// IANA name in any case gives its IANA spelling ("america/new_york" →
// "America/New_York"), a Windows id its Microsoft spelling. A Windows id
// spelled like an IANA name ("UTC") gives that name. Surrounding white space
// is ignored.
func Canonical(id string) (string, bool) {
	reg := zones()
	if _, ok := reg.exact[id]; ok {
		return id, true
	}
	found, trimmed, ok := reg.find(id)
	switch {
	case !ok:
		return "", false
	case found.ianaSlot >= 0 && ianaNames[found.ianaSlot] == trimmed:
		return trimmed, true
	case found.windowsSlot >= 0:
		for _, zone := range windowsZones {
			if strings.EqualFold(zone.windows, trimmed) {
				return zone.windows, true
			}
		}
	case found.ianaSlot >= 0:
		return ianaNames[found.ianaSlot], true
	}
	return "", false
}

// WindowsToIANA returns the IANA zone CLDR maps the Windows id to for
// territory 001, and whether id is a known Windows id. id is matched like
// Load matches it: case-insensitively, surrounding white space ignored. The
// name may be a legacy spelling CLDR keeps ("India Standard Time" →
// "Asia/Calcutta"); Load accepts it. IANA names are not Windows ids:
// WindowsToIANA("America/New_York") reports false.
func WindowsToIANA(id string) (string, bool) {
	found, _, ok := zones().find(id)
	if !ok || found.windowsSlot < 0 {
		return "", false
	}
	return ianaNames[found.windowsSlot], true
}
