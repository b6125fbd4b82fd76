// Command gen writes tz/zz_generated.go: the sorted list of zone names in Go's
// embedded tzdata and the CLDR Windows-id → IANA table (territory "001").
//
// Usage (normally through go generate in package tz):
//
//	go run ./internal/gen -cldr windowsZones.xml -zoneinfo $GOROOT/lib/time/zoneinfo.zip -o zz_generated.go
//
// windowsZones.xml comes from CLDR (Debian ships CLDR 41 in the unicode-cldr-core
// package, under /usr/share/unicode/cldr/common/supplemental/). The zone names are
// read from the zip that time/tzdata embeds, so the table and the data the
// program links are the same list.
//
// The generator refuses to write a table whose Windows targets are missing from
// the zip, so a stale CLDR file cannot produce ids that fail at run time.
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// supplement lists territory-001 mappings that changed after CLDR 41, the
// release Debian packages. Each row was checked against
// common/supplemental/windowsZones.xml in the unicode-org/cldr repository at
// commit 062dc06d16b0884bc42b0b04e5408aec6b85eb20; nothing here is guessed.
// A row overrides the XML's mapping for the id, or adds the id if the XML
// lacks it.
//
// That newer file names no Windows ids beyond the 139 in CLDR 41 ("Yukon
// Standard Time" → America/Whitehorse is already in CLDR 41), so the
// supplement only corrects targets whose offsets no longer match Windows:
var supplement = []struct {
	windows, iana, why string
}{
	{
		windows: "Mountain Standard Time (Mexico)",
		iana:    "America/Mazatlan",
		why:     "CLDR 41 says America/Chihuahua, which left UTC-7 when Mexico dropped DST in 2022; newer CLDR maps the UTC-7 La Paz/Mazatlan zone to America/Mazatlan",
	},
	{
		windows: "Central Asia Standard Time",
		iana:    "Asia/Bishkek",
		why:     "CLDR 41 says Asia/Almaty, which moved from UTC+6 to UTC+5 in 2024; newer CLDR maps the UTC+6 zone to Asia/Bishkek",
	},
}

// mapZone is one <mapZone other=… territory=… type=…/> element.
type mapZone struct {
	Windows   string `xml:"other,attr"`
	Territory string `xml:"territory,attr"`
	IANA      string `xml:"type,attr"`
}

// supplementalData is the part of windowsZones.xml the generator reads.
type supplementalData struct {
	MapTimezones struct {
		OtherVersion string    `xml:"otherVersion,attr"`
		TypeVersion  string    `xml:"typeVersion,attr"`
		Zones        []mapZone `xml:"mapZone"`
	} `xml:"windowsZones>mapTimezones"`
}

type mapping struct{ windows, iana string }

func main() {
	cldrPath := flag.String("cldr", "", "path to CLDR common/supplemental/windowsZones.xml")
	zipPath := flag.String("zoneinfo", "", "path to Go's lib/time/zoneinfo.zip")
	outPath := flag.String("o", "zz_generated.go", "output file")
	flag.Parse()
	if *cldrPath == "" || *zipPath == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*cldrPath, *zipPath, *outPath); err != nil {
		log.Fatalf("gen: %v", err)
	}
}

func run(cldrPath, zipPath, outPath string) error {
	names, err := zoneNames(zipPath)
	if err != nil {
		return err
	}
	data, err := readWindowsZones(cldrPath)
	if err != nil {
		return err
	}
	mappings, err := worldMappings(data.MapTimezones.Zones)
	if err != nil {
		return err
	}
	known := make(map[string]bool, len(names))
	for _, name := range names {
		known[name] = true
	}
	for _, m := range mappings {
		if !known[m.iana] {
			return fmt.Errorf("windows id %q maps to %q, which is not in %s", m.windows, m.iana, zipPath)
		}
	}
	source := fmt.Sprintf("CLDR windowsZones.xml (typeVersion %s, otherVersion %s) with %d supplementary rows; Go tzdata %s",
		data.MapTimezones.TypeVersion, data.MapTimezones.OtherVersion, len(supplement), tzdataVersion(zipPath))
	src, err := render(source, names, mappings)
	if err != nil {
		return err
	}
	return os.WriteFile(outPath, src, 0o644)
}

// zoneNames lists the regular files in the zip, sorted.
func zoneNames(zipPath string) ([]string, error) {
	archive, err := zip.OpenReader(zipPath)
	if err != nil {
		return nil, err
	}
	defer archive.Close()
	var names []string
	for _, file := range archive.File {
		if file.FileInfo().IsDir() {
			continue
		}
		names = append(names, file.Name)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s holds no zones", zipPath)
	}
	sort.Strings(names)
	return names, nil
}

func readWindowsZones(path string) (*supplementalData, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	// encoding/xml skips the DOCTYPE; the DTD it names is not needed.
	var data supplementalData
	if err := xml.Unmarshal(raw, &data); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &data, nil
}

// worldMappings keeps the territory-001 rows (CLDR's "golden zone" for each
// Windows id), applies the supplement and sorts by Windows id.
func worldMappings(zones []mapZone) ([]mapping, error) {
	byWindows := map[string]string{}
	for _, zone := range zones {
		if zone.Territory != "001" {
			continue
		}
		windows := strings.TrimSpace(zone.Windows)
		iana := strings.TrimSpace(zone.IANA)
		if windows == "" || iana == "" || strings.Contains(iana, " ") {
			return nil, fmt.Errorf("malformed territory-001 row %+v", zone)
		}
		if previous, dup := byWindows[windows]; dup {
			return nil, fmt.Errorf("windows id %q mapped twice (%q, %q)", windows, previous, iana)
		}
		byWindows[windows] = iana
	}
	if len(byWindows) == 0 {
		return nil, errors.New("no territory-001 rows found")
	}
	for _, row := range supplement {
		if previous, ok := byWindows[row.windows]; ok && previous != row.iana {
			log.Printf("supplement: %q %s → %s", row.windows, previous, row.iana)
		} else if !ok {
			log.Printf("supplement: add %q → %s", row.windows, row.iana)
		}
		byWindows[row.windows] = row.iana
	}
	folded := map[string]string{}
	mappings := make([]mapping, 0, len(byWindows))
	for windows, iana := range byWindows {
		key := strings.ToLower(windows)
		if other, clash := folded[key]; clash {
			return nil, fmt.Errorf("windows ids %q and %q differ only in case", windows, other)
		}
		folded[key] = windows
		mappings = append(mappings, mapping{windows: windows, iana: iana})
	}
	sort.Slice(mappings, func(i, j int) bool { return mappings[i].windows < mappings[j].windows })
	return mappings, nil
}

// tzdataVersion reads DATA=… from the update.bash that sits beside
// zoneinfo.zip in GOROOT; it is only recorded in a comment.
func tzdataVersion(zipPath string) string {
	file, err := os.Open(filepath.Join(filepath.Dir(zipPath), "update.bash"))
	if err != nil {
		return "(version unknown)"
	}
	defer file.Close()
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		if version, ok := strings.CutPrefix(scanner.Text(), "DATA="); ok {
			return strings.TrimSpace(version)
		}
	}
	return "(version unknown)"
}

func render(source string, names []string, mappings []mapping) ([]byte, error) {
	var out bytes.Buffer
	fmt.Fprintf(&out, "// Code generated by tz/internal/gen; DO NOT EDIT.\n\n")
	fmt.Fprintf(&out, "// Source: %s.\n\n", source)
	fmt.Fprintf(&out, "package tz\n\n")
	fmt.Fprintf(&out, "// ianaNames lists every zone in Go's embedded tzdata, sorted (%d names).\n", len(names))
	fmt.Fprintf(&out, "var ianaNames = [...]string{\n")
	for _, name := range names {
		fmt.Fprintf(&out, "\t%q,\n", name)
	}
	fmt.Fprintf(&out, "}\n\n")
	fmt.Fprintf(&out, "// windowsZones maps each Windows id to its CLDR territory-001 zone, sorted by Windows id (%d ids).\n", len(mappings))
	fmt.Fprintf(&out, "var windowsZones = [...]windowsZone{\n")
	for _, m := range mappings {
		fmt.Fprintf(&out, "\t{windows: %q, iana: %q},\n", m.windows, m.iana)
	}
	fmt.Fprintf(&out, "}\n")
	return format.Source(out.Bytes())
}
