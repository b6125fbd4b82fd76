// Package tz resolves the time zone ids a call-routing schedule may carry —
// IANA names and Windows time zone ids — to *time.Location values.
//
// # Accepted ids
//
// Load accepts every zone name in Go's tzdata, including the legacy "backward"
// links CLDR and older systems still send ("Asia/Calcutta", "US/Eastern"),
// and every Windows id that CLDR's windowsZones.xml maps for territory "001"
// ("Eastern Standard Time"), both in any letter case: .NET matches Windows
// ids without regard to case, and an admin who types "America/new_york"
// means New York. Canonical returns the spelling other systems expect, so a
// validator can ask for it. Surrounding white space is ignored. Anything
// else is an *UnknownZoneError listing up to three near names.
//
// # Fixed-offset zones
//
// Some names are fixed offsets from UTC that never change for daylight
// saving: "EST", "MST", "HST" and "Etc/GMT+5"-style names (whose sign is
// inverted: Etc/GMT+5 is five hours behind UTC), and the Windows ids that
// map to them ("UTC-11"). They are valid zones, but a business that uses
// one keeps its hours an hour off for half the year unless its region
// really keeps that offset all year. FixedOffset recognises them and names
// the located zones to use instead. Zero-offset names (UTC, GMT, Etc/GMT,
// Zulu, …) are taken as a deliberate choice of UTC and are not reported.
//
// # Windows mapping
//
// The Windows table is generated (see internal/gen and zz_generated.go) from
// CLDR windowsZones.xml, keeping the territory-001 row for each id: the
// zone CLDR picks when nothing narrows the region down. CLDR 41 is the
// base; a short, commented supplement in the generator carries later CLDR
// corrections. A Windows id resolves to the IANA location, so the returned
// Location's String is an IANA name ("America/New_York").
//
// # Cache
//
// Names are validated against the generated table before anything is loaded,
// so unknown ids never reach time.LoadLocation or the file system. The table
// is indexed once, on first use, into two read-only maps to a slot: one
// keyed by each name as the tables spell it, one by its lower-cased
// spelling. Each slot holds an atomic pointer to the zone's Location, filled
// the first time that zone is asked for. A cached lookup is one map read
// (two, plus a case fold into a stack buffer, for ids spelled differently)
// and an atomic load: no lock, no allocation. Two goroutines that miss at the same time may both
// parse the zone; one result wins and both callers get it. The cache can
// hold at most one Location per known zone, whatever ids callers send.
//
// Zone data come from time.LoadLocation, which prefers the host's zoneinfo
// files and falls back to the copy this package embeds by importing
// time/tzdata, so the package works on hosts without zone files.
package tz

//go:generate go run ./internal/gen -cldr /usr/share/unicode/cldr/common/supplemental/windowsZones.xml -zoneinfo $GOROOT/lib/time/zoneinfo.zip -o zz_generated.go
