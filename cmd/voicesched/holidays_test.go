package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/closure"
	"github.com/voicesched/voicesched/holidays"
)

func init() {
	goldenCases = append(goldenCases, []goldenCase{
		{name: "holidays_us_text", args: []string{"holidays", "--country", "US", "--years", "2026-2027", "--format", "text"}},
		{name: "holidays_scotland_json", args: []string{"holidays", "--country", "GB", "--region", "SCT", "--years", "2026", "--only", "st-andrews-day,good-friday"}},
		{name: "holidays_list_countries", args: []string{"holidays", "--list-countries"}},
		{name: "holidays_patch_customer", args: []string{"holidays", "--country", "US", "--only", "juneteenth", "--years", "2026", "--customer", "clinic-maple"}},
		{name: "holidays_gb_needs_region", args: []string{"holidays", "--country", "GB"}, status: exitUsage},
		{name: "holidays_unknown_only", args: []string{"holidays", "--country", "US", "--only", "boxing-day"}, status: exitUsage},
		{name: "holidays_bad_years", args: []string{"holidays", "--country", "US", "--years", "2035-2026"}, status: exitUsage},
		{name: "close_christmas_party", args: []string{"close", "--customer", "clinic-maple", "--from", "2026-12-24T14:00", "--to", "2026-12-27T08:00", "--reason", "staff party"}},
		{name: "close_inheriting_department", args: []string{"close", "--customer", "dept-maple-billing", "--from", "2026-12-24T14:00", "--to", "2026-12-24T17:00"}, status: exitFail},
		{name: "close_reversed", args: []string{"close", "--customer", "clinic-maple", "--from", "2026-12-27T08:00", "--to", "2026-12-24T14:00"}, status: exitUsage},
		{name: "validate_dated_rules", args: []string{"validate", cliFile("dated_rules_schedule.json")}},
		{name: "close_preview_burst_pipe", args: []string{"close", "--customer", "clinic-maple", "--from", "2026-03-03T11:20", "--to", "2026-03-03T15:00", "--reason", "burst pipe", "--preview"}},
		{name: "close_bad_from", args: []string{"close", "--customer", "clinic-maple", "--from", "tomorrow", "--to", "2026-12-24T14:00"}, status: exitUsage},
	}...)
}

// copySampleTree puts a copy of the sample tree in a temporary directory.
func copySampleTree(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(sampleTreePath)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "tree.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

func loadEngine(t *testing.T, path string) *voicesched.Engine {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var tree voicesched.Tree
	require.NoError(t, json.Unmarshal(data, &tree))
	engine := voicesched.New()
	require.NoError(t, engine.Load(tree))
	return engine
}

func TestClosingForAnAfternoonWritesTheTreeAndClosesExactlyThen(t *testing.T) {
	path := copySampleTree(t)
	_, stderr, status := runCLI(t, nil, "close", "--tree", path, "--customer", "clinic-maple",
		"--from", "2026-03-03T11:20", "--to", "2026-03-03T15:00", "--reason", "burst pipe", "--write")
	require.Equal(t, exitOK, status, stderr)
	engine := loadEngine(t, path)
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	at := func(h, m int) time.Time { return time.Date(2026, 3, 3, h, m, 0, 0, ny) }
	closed, err := engine.Snapshot().Evaluate("clinic-maple", at(11, 20))
	require.NoError(t, err)
	assert.Equal(t, "Closed", closed.StateName)
	before, err := engine.Snapshot().Evaluate("clinic-maple", at(11, 19))
	require.NoError(t, err)
	assert.Equal(t, "Business Hours", before.StateName, "open until the closure starts")
	after, err := engine.Snapshot().Evaluate("clinic-maple", at(15, 0))
	require.NoError(t, err)
	assert.Equal(t, "Business Hours", after.StateName, "open again when it ends")
	rules := engine.Snapshot().Customer("clinic-maple").Schedule.Rules
	reason, ok := closure.ParseSource(rules[0].Source)
	require.True(t, ok)
	assert.Equal(t, "burst pipe", reason)
}

func TestHolidaysRunAgainReplacesTheSetsEarlierRules(t *testing.T) {
	path := copySampleTree(t)
	count := func() (own, others int) {
		for _, r := range loadEngine(t, path).Snapshot().Customer("clinic-maple").Schedule.Rules {
			if setID, _, _, ok := holidays.ParseSource(r.Source); ok && setID == "US" {
				own++
			} else {
				others++
			}
		}
		return own, others
	}
	_, othersBefore := count()
	for _, only := range []string{"juneteenth,christmas-day", "juneteenth"} {
		_, stderr, status := runCLI(t, nil, "holidays", "--country", "US", "--only", only, "--years", "2026-2027",
			"--tree", path, "--customer", "clinic-maple", "--write")
		require.Equal(t, exitOK, status, stderr)
	}
	own, others := count()
	assert.Equal(t, 3, own, "the second run's rules only: Juneteenth and its two observed rules (Friday 18, Monday 20 June)")
	assert.Equal(t, othersBefore, others, "the customer's other rules stay")
	answer, err := loadEngine(t, path).Snapshot().Evaluate("clinic-maple", time.Date(2026, 6, 19, 12, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, "Holiday", answer.StateName, "Juneteenth closes the clinic")
}
