package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched"
)

// patch --write saves the whole tree atomically: the file afterwards is the
// patched tree (it loads, and the customer has the patch applied), it keeps
// its permissions, and no temporary file is left behind.
func TestPatchWriteSavesTree(t *testing.T) {
	dir := t.TempDir()
	treePath := filepath.Join(dir, "tree.json")
	original, err := os.ReadFile(sampleTreePath)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(treePath, original, 0o640))

	stdout, stderr, status := runCLI(t, nil, "patch", "--tree", treePath, "--patch", cliFile("patch_rename.json"), "--write")
	require.Equal(t, exitOK, status, stderr)
	assert.True(t, strings.HasSuffix(stderr, "voicesched: saved "+treePath+".\n"), stderr)
	assert.Contains(t, stderr, `name: renamed from "Maple Street Clinic" to "Maple Street Family Clinic"`, "what changes is printed before writing")
	var printed voicesched.CustomerInfo
	require.NoError(t, json.Unmarshal([]byte(stdout), &printed))
	assert.Equal(t, "Maple Street Family Clinic", printed.Name)

	info, err := os.Stat(treePath)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), info.Mode().Perm())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left")

	engine, err := (&cli{now: time.Now}).loadTree(treePath)
	require.NoError(t, err)
	snap := engine.Snapshot()
	saved := snap.Customer("clinic-maple")
	require.NotNil(t, saved)
	assert.Equal(t, "Maple Street Family Clinic", saved.Name)
	assert.Equal(t, fixedNow.Format(time.RFC3339), saved.DateLastModified)
	assert.Len(t, snap.IDs(), 10, "every customer and endpoint is kept")

	// The saved tree answers as the original did (the patch did not touch
	// the schedule).
	for _, at := range []string{"2026-11-26T10:00:00-05:00", "2026-11-25T12:30:00-05:00"} {
		before, _, _ := runCLI(t, nil, "test", "--customer", "dept-maple-lab", "--at", at)
		after, _, _ := runCLI(t, nil, "test", "--tree", treePath, "--customer", "dept-maple-lab", "--at", at)
		assert.Equal(t, before, after)
	}

	// A second patch with the now stale expectedDateLastModified conflicts
	// and leaves the file exactly as it is.
	saved1, err := os.ReadFile(treePath)
	require.NoError(t, err)
	_, stderr, status = runCLI(t, nil, "patch", "--tree", treePath, "--patch", cliFile("patch_rename.json"), "--write")
	assert.Equal(t, exitFail, status)
	assert.Contains(t, stderr, "conflict")
	saved2, err := os.ReadFile(treePath)
	require.NoError(t, err)
	assert.Equal(t, saved1, saved2)
}

// Without --write the tree file is not touched.
func TestPatchWithoutWriteLeavesFile(t *testing.T) {
	dir := t.TempDir()
	treePath := filepath.Join(dir, "tree.json")
	original, err := os.ReadFile(sampleTreePath)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(treePath, original, 0o644))
	_, _, status := runCLI(t, nil, "patch", "--tree", treePath, "--patch", cliFile("patch_move.json"))
	require.Equal(t, exitOK, status)
	now, err := os.ReadFile(treePath)
	require.NoError(t, err)
	assert.Equal(t, original, now)
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data.json")
	require.NoError(t, writeFileAtomic(path, []byte("first")))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "first", string(got))
	require.NoError(t, writeFileAtomic(path, []byte("second")))
	got, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "second", string(got))

	// A target that cannot be replaced (a directory) fails, the temporary
	// file is removed and the directory is untouched.
	target := filepath.Join(dir, "sub")
	require.NoError(t, os.Mkdir(target, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(target, "keep"), []byte("x"), 0o644))
	err = writeFileAtomic(target, []byte("data"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot save")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{"data.json", "sub"}, names)

	// A missing directory fails before anything is written.
	assert.Error(t, writeFileAtomic(filepath.Join(dir, "no", "such", "dir.json"), []byte("x")))
}

func TestStateLetters(t *testing.T) {
	intervals := []voicesched.Interval{
		{State: "Open"}, {State: "Off"}, {State: "open"}, {State: "Lunch"}, {State: "Open"}, {State: "42"}, {State: ""},
	}
	letters, order := stateLetters(intervals)
	assert.Equal(t, []string{"Open", "Off", "open", "Lunch", "42", ""}, order)
	assert.Equal(t, byte('O'), letters["Open"])
	assert.Equal(t, byte('F'), letters["Off"], "the next letter of the name when the first is taken")
	assert.Equal(t, byte('P'), letters["open"])
	assert.Equal(t, byte('L'), letters["Lunch"])
	assert.Equal(t, byte('A'), letters["42"], "a name without a free letter takes the first free one")
	assert.Equal(t, byte('B'), letters[""])

	// Beyond 26 letters come digits, then '*'.
	var many []voicesched.Interval
	for i := range 40 {
		many = append(many, voicesched.Interval{State: strings.Repeat("x", i+1)})
	}
	letters, _ = stateLetters(many)
	seen := map[byte]int{}
	for _, ch := range letters {
		seen[ch]++
	}
	assert.Equal(t, 4, seen['*'])
	for ch, n := range seen {
		if ch != '*' {
			assert.Equal(t, 1, n, "letter %c is used once", ch)
		}
	}
}

// In the autumn overlap the 01:00 clock hour lasts two real hours and is
// one cell; in the spring gap the 02:00 hour does not exist.
func TestGridClockHours(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	autumn := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	start, end := civilHourStart(autumn, 1, ny), civilHourStart(autumn, 2, ny)
	assert.Equal(t, 2*time.Hour, end.Sub(start))
	spring := time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)
	assert.True(t, civilHourStart(spring, 2, ny).Equal(civilHourStart(spring, 3, ny)))
	assert.Equal(t, 23*time.Hour, civilHourStart(spring, 24, ny).Sub(civilHourStart(spring, 0, ny)))
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                   "0s",
		90 * time.Second:                    "1m 30s",
		14 * time.Hour:                      "14h",
		36*time.Hour + 5*time.Minute:        "1d 12h 5m",
		-2 * time.Hour:                      "-2h",
		500 * time.Millisecond:              "500ms",
		400*24*time.Hour + 1*time.Second:    "400d 1s",
		6*time.Hour + 25*time.Minute + 55e9: "6h 25m 55s",
	} {
		assert.Equal(t, want, humanDuration(d), d.String())
	}
}

func TestTimelineRangeLimits(t *testing.T) {
	_, stderr, status := runCLI(t, nil, "timeline", "--customer", "clinic-maple", "--from", "2026-01-01", "--to", "2027-03-01")
	assert.Equal(t, exitUsage, status)
	assert.Contains(t, stderr, "longer than 400 days")
	_, stderr, status = runCLI(t, nil, "timeline", "--customer", "clinic-maple", "--from", "2026-01-01", "--to", "2026-01-01")
	assert.Equal(t, exitUsage, status)
	assert.Contains(t, stderr, "must be after")
	// --from alone covers seven days.
	stdout, _, status := runCLI(t, nil, "timeline", "--customer", "clinic-maple", "--from", "2026-06-01", "--format", "json")
	require.Equal(t, exitOK, status)
	var tl timelineJSON
	require.NoError(t, json.Unmarshal([]byte(stdout), &tl))
	assert.Equal(t, "2026-06-01T00:00:00-04:00", tl.From)
	assert.Equal(t, "2026-06-08T00:00:00-04:00", tl.To)
	require.NotEmpty(t, tl.Intervals)
	assert.Equal(t, tl.From, tl.Intervals[0].From)
	assert.Equal(t, tl.To, tl.Intervals[len(tl.Intervals)-1].To)
	for i := 1; i < len(tl.Intervals); i++ {
		assert.Equal(t, tl.Intervals[i-1].To, tl.Intervals[i].From, "intervals are consecutive")
		assert.NotEqual(t, tl.Intervals[i-1].State, tl.Intervals[i].State, "adjacent intervals differ")
	}
}
