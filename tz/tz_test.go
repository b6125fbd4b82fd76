package tz

import (
	"archive/zip"
	"errors"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEveryIANANameLoads(t *testing.T) {
	names := Names()
	require.Greater(t, len(names), 500, "Go's tzdata has about 600 zones")
	require.True(t, sort.StringsAreSorted(names))
	for _, name := range names {
		loc, err := Load(name)
		require.NoError(t, err, name)
		require.NotNil(t, loc, name)
		if name != "UTC" { // time.LoadLocation("UTC") is time.UTC, named "UTC" too
			assert.Equal(t, name, loc.String())
		}
	}
}

// TestNamesMatchToolchainTzdata checks the generated table against the
// zoneinfo.zip of the Go toolchain running the test, so a toolchain update
// that adds or drops zones shows up as a failing test until
// `go generate` is rerun.
func TestNamesMatchToolchainTzdata(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("go env GOROOT: %v", err)
	}
	archive, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(out)), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Skipf("toolchain zoneinfo.zip: %v", err)
	}
	defer archive.Close()
	var inZip []string
	for _, file := range archive.File {
		if !file.FileInfo().IsDir() {
			inZip = append(inZip, file.Name)
		}
	}
	sort.Strings(inZip)
	assert.Equal(t, inZip, Names())
}

func TestWindowsIDsResolve(t *testing.T) {
	ids := WindowsIDs()
	require.True(t, sort.StringsAreSorted(ids))
	resolved := 0
	for _, id := range ids {
		iana, ok := WindowsToIANA(id)
		require.True(t, ok, id)
		loc, err := Load(id)
		require.NoError(t, err, id)
		if id == "UTC" {
			// Also an IANA name, which takes precedence; same offset.
			iana = "UTC"
		}
		want, err := Load(iana)
		require.NoError(t, err, iana)
		require.Same(t, want, loc, "%s should share the cached %s", id, iana)
		resolved++
	}
	assert.GreaterOrEqual(t, resolved, 100, "the issue asks for at least 100 Windows ids")
	t.Logf("%d Windows ids resolve", resolved)
}

func TestWindowsMapping(t *testing.T) {
	tests := []struct {
		scenario, windows, iana string
	}{
		{"a New York clinic on a .NET server", "Eastern Standard Time", "America/New_York"},
		{"CLDR keeps the legacy Indian name", "India Standard Time", "Asia/Calcutta"},
		{"London office", "GMT Standard Time", "Europe/London"},
		{"Arizona does not observe DST", "US Mountain Standard Time", "America/Phoenix"},
		{"Yukon stays on UTC-7 all year", "Yukon Standard Time", "America/Whitehorse"},
		{"Windows UTC id, spelled unlike the IANA name", "utc", "Etc/UTC"},
		{"an offset-only id", "UTC-11", "Etc/GMT+11"},
		{"supplement: Mazatlan replaces Chihuahua after Mexico dropped DST", "Mountain Standard Time (Mexico)", "America/Mazatlan"},
		{"supplement: Bishkek replaces Almaty after Kazakhstan moved to UTC+5", "Central Asia Standard Time", "Asia/Bishkek"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			iana, ok := WindowsToIANA(tt.windows)
			require.True(t, ok)
			assert.Equal(t, tt.iana, iana)
			loc, err := Load(tt.windows)
			require.NoError(t, err)
			assert.Equal(t, tt.iana, loc.String())
		})
	}
}

// TestSupplementOffsets checks that each supplementary row lands on the
// Windows zone's base offset. (The CLDR 41 targets, America/Chihuahua and
// Asia/Almaty, now sit at UTC-6 and UTC+5 in current tzdata; that is not
// asserted because a host with older zoneinfo files would disagree.)
func TestSupplementOffsets(t *testing.T) {
	january := time.Date(2025, time.January, 15, 12, 0, 0, 0, time.UTC)
	offsetHours := func(id string) float64 {
		loc, err := Load(id)
		require.NoError(t, err, id)
		_, offset := january.In(loc).Zone()
		return float64(offset) / 3600
	}
	assert.Equal(t, -7.0, offsetHours("Mountain Standard Time (Mexico)"), "(UTC-07:00) La Paz, Mazatlan")
	assert.Equal(t, 6.0, offsetHours("Central Asia Standard Time"), "(UTC+06:00) Astana/Bishkek")
}

func TestWindowsIDsMatchCaseInsensitively(t *testing.T) {
	want, err := Load("America/New_York")
	require.NoError(t, err)
	for _, id := range []string{
		"Eastern Standard Time",
		"eastern standard time",
		"EASTERN STANDARD TIME",
		"eAsTeRn StAnDaRd TiMe",
		"  Eastern Standard Time\t",
		"\neastern standard time ",
	} {
		loc, err := Load(id)
		require.NoError(t, err, "%q", id)
		assert.Same(t, want, loc, "%q", id)
		iana, ok := WindowsToIANA(id)
		assert.True(t, ok, "%q", id)
		assert.Equal(t, "America/New_York", iana)
	}
}

func TestLegacyAndUTCNames(t *testing.T) {
	tests := []struct {
		id       string
		sameAs   string // a canonical zone with identical rules
		wantName string
	}{
		{"Asia/Calcutta", "Asia/Kolkata", "Asia/Calcutta"},
		{"US/Eastern", "America/New_York", "US/Eastern"},
		{"US/Pacific", "America/Los_Angeles", "US/Pacific"},
		{"Europe/Kiev", "Europe/Kyiv", "Europe/Kiev"},
		{"America/Buenos_Aires", "America/Argentina/Buenos_Aires", "America/Buenos_Aires"},
		{"Etc/UTC", "UTC", "Etc/UTC"},
		{"UTC", "Etc/UTC", "UTC"},
		{" Asia/Calcutta ", "Asia/Kolkata", "Asia/Calcutta"},
	}
	instants := []time.Time{
		time.Date(2025, time.January, 15, 12, 0, 0, 0, time.UTC),
		time.Date(2025, time.July, 15, 12, 0, 0, 0, time.UTC),
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			loc, err := Load(tt.id)
			require.NoError(t, err)
			assert.Equal(t, tt.wantName, loc.String())
			other, err := Load(tt.sameAs)
			require.NoError(t, err)
			for _, instant := range instants {
				_, got := instant.In(loc).Zone()
				_, want := instant.In(other).Zone()
				assert.Equal(t, want, got, "offset at %s", instant)
			}
		})
	}
}

func TestAnAdminWhoTypesAmericaNewYorkInLowerCaseGetsNewYork(t *testing.T) {
	want, err := Load("America/New_York")
	require.NoError(t, err)
	for _, id := range []string{"america/new_york", "America/new_york", "AMERICA/NEW_YORK", "  america/New_York "} {
		got, err := Load(id)
		require.NoError(t, err, "%q", id)
		assert.Same(t, want, got, "%q", id)
		canonical, ok := Canonical(id)
		assert.True(t, ok)
		assert.Equal(t, "America/New_York", canonical, "%q", id)
	}
}

func TestCanonicalSpelling(t *testing.T) {
	tests := []struct {
		scenario, id, want string
	}{
		{"an IANA name as IANA spells it", "Europe/Berlin", "Europe/Berlin"},
		{"an IANA name in capitals", "EUROPE/BERLIN", "Europe/Berlin"},
		{"a legacy link keeps its own name", "us/eastern", "US/Eastern"},
		{"a Windows id in lower case", "eastern standard time", "Eastern Standard Time"},
		{"UTC in lower case", "utc", "UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			got, ok := Canonical(tt.id)
			require.True(t, ok)
			assert.Equal(t, tt.want, got)
		})
	}
	_, ok := Canonical("America/New_Yrok")
	assert.False(t, ok, "an unknown id has no spelling")
}

func TestRejectedIDs(t *testing.T) {
	tests := []struct {
		scenario string
		id       string
	}{
		{"empty", ""},
		{"blank", "   \t"},
		{"host-dependent Local", "Local"},
		{"path traversal", "../../etc/passwd"},
		{"absolute path", "/etc/localtime"},
		{"zone directory, not a zone", "America"},
		{"trailing slash", "America/New_York/"},
		{"NUL byte", "America/New_York\x00"},
		{"invalid UTF-8", "\xff\xfe\xfd"},
		{"Windows id with extra words", "Eastern Standard Time Zone"},
		{"huge", strings.Repeat("Eastern Standard Time", 10000)},
		{"posix TZ string", "EST5EDT,M3.2.0,M11.1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			loc, err := Load(tt.id)
			require.Error(t, err)
			assert.Nil(t, loc)
			var unknown *UnknownZoneError
			require.True(t, errors.As(err, &unknown))
			assert.Equal(t, tt.id, unknown.ID)
			assert.LessOrEqual(t, len(unknown.Suggestions), 3)
			for _, suggestion := range unknown.Suggestions {
				_, err := Load(suggestion)
				assert.NoError(t, err, "suggestion %q must load", suggestion)
			}
			_, ok := WindowsToIANA(tt.id)
			assert.False(t, ok)
		})
	}
}

func TestWindowsToIANARejectsIANANames(t *testing.T) {
	for _, id := range []string{"America/New_York", "Asia/Calcutta", "", "Etc/UTC"} {
		_, ok := WindowsToIANA(id)
		assert.False(t, ok, "%q", id)
	}
}

func TestNamesAndWindowsIDsReturnCopies(t *testing.T) {
	names := Names()
	names[0] = "Mars/Olympus_Mons"
	assert.NotEqual(t, "Mars/Olympus_Mons", Names()[0])
	ids := WindowsIDs()
	ids[0] = "Mars Standard Time"
	assert.NotEqual(t, "Mars Standard Time", WindowsIDs()[0])
	_, err := Load("Mars/Olympus_Mons")
	assert.Error(t, err)
}

func TestWindowsTargetsAreKnownNames(t *testing.T) {
	known := map[string]bool{}
	for _, name := range Names() {
		known[name] = true
	}
	for _, zone := range windowsZones {
		assert.True(t, known[zone.iana], "%s → %s", zone.windows, zone.iana)
	}
}

// TestConcurrentLoad races first loads and cached loads of the same zones
// under every spelling; run with -race. Every caller must get the one
// cached Location per zone.
func TestConcurrentLoad(t *testing.T) {
	ids := []string{
		"Pacific/Auckland", "New Zealand Standard Time", "new zealand standard time",
		"Africa/Nairobi", "E. Africa Standard Time",
		"Australia/Lord_Howe", "Lord Howe Standard Time",
		"America/New_Yrok", // unknown: the error path must be safe too
	}
	const goroutines = 16
	results := make([][]*time.Location, goroutines)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for round := range 50 {
				for i := range ids {
					id := ids[(i+g+round)%len(ids)]
					loc, err := Load(id)
					if id == "America/New_Yrok" {
						if err == nil {
							t.Errorf("Load(%q) succeeded", id)
						}
						continue
					}
					if err != nil {
						t.Errorf("Load(%q): %v", id, err)
						return
					}
					results[g] = append(results[g], loc)
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	byName := map[string]*time.Location{}
	for _, locs := range results {
		for _, loc := range locs {
			if first, seen := byName[loc.String()]; seen {
				require.Same(t, first, loc, loc.String())
			} else {
				byName[loc.String()] = loc
			}
		}
	}
	assert.Len(t, byName, 3)
}

func TestCachedLoadDoesNotAllocate(t *testing.T) {
	for _, id := range []string{"Europe/Paris", "Romance Standard Time", "romance standard time", " Europe/Paris "} {
		_, err := Load(id) // warm the cache
		require.NoError(t, err)
		allocs := testing.AllocsPerRun(100, func() {
			_, _ = Load(id)
		})
		assert.Zero(t, allocs, "%q", id)
	}
}
