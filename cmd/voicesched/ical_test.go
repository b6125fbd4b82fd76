package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/schedule"
)

// icalData is testdata/ical of the module, seen from this package.
const icalData = "../../testdata/ical/"

var icalGoldenCases = []goldenCase{
	{name: "ical_export_thanksgiving_week", args: []string{"ical", "export", "--customer", "clinic-maple", "--from", "2026-11-23", "--days", "7"}},
	{name: "ical_export_rules_oncall", args: []string{"ical", "export", "--customer", "dept-harbour-oncall", "--mode", "rules", "--from", "2026-11-01", "--to", "2026-12-01"}},
	{name: "ical_export_all_states_sydney", args: []string{"ical", "export", "--customer", "clinic-harbour", "--from", "2026-10-03", "--days", "2", "--all-states"}},
	{name: "ical_import_holidays", args: []string{"ical", "import", icalData + "holidays_us.ics", "--zone", "America/Chicago"}},
	{name: "ical_import_outlook", args: []string{"ical", "import", icalData + "outlook_berlin.ics", "--state", "Closed", "--horizon", "1"}},
	{name: "ical_import_google_patch", args: []string{"ical", "import", icalData + "google_newyork.ics", "--tree", sampleTreePath, "--customer", "clinic-maple", "--state", "Closed"}},
	{name: "ical_import_into_inheriting", args: []string{"ical", "import", icalData + "holidays_us.ics", "--customer", "dept-maple-billing"}, status: exitFail},
	{name: "ical_export_to_and_days", args: []string{"ical", "export", "--customer", "clinic-maple", "--to", "2026-12-01", "--days", "3"}, status: exitUsage},
	{name: "ical_import_missing_file", args: []string{"ical", "import", icalData + "no_such_feed.ics"}, status: exitFail},
	{name: "ical_unknown_subcommand", args: []string{"ical", "sync"}, status: exitUsage},
	{name: "ical_help", args: []string{"ical", "--help"}},
}

func TestIcalGolden(t *testing.T) {
	for _, tc := range icalGoldenCases {
		t.Run(tc.name, func(t *testing.T) { checkGolden(t, tc) })
	}
}

// Import warnings are one line each on stderr, each naming the event's UID.
func TestIcalImportWarningsNameTheUID(t *testing.T) {
	_, stderr, status := runCLI(t, nil, "ical", "import", icalData+"outlook_berlin.ics", "--zone", "Europe/Berlin")
	require.Equal(t, exitOK, status)
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	require.NotEmpty(t, lines)
	for _, line := range lines {
		assert.True(t, strings.HasPrefix(line, "warning: UID "), line)
	}
}

// The PatchCustomer from import applies to the tree it was made for, and the
// customer then closes for the feed's events.
func TestIcalImportPatchApplies(t *testing.T) {
	stdout, stderr, status := runCLI(t, nil, "ical", "import", icalData+"google_newyork.ics", "--tree", sampleTreePath, "--customer", "clinic-maple", "--state", "Closed")
	require.Equal(t, exitOK, status, stderr)
	var patch voicesched.PatchCustomer
	require.NoError(t, json.Unmarshal([]byte(stdout), &patch))
	engine, err := (&cli{now: func() time.Time { return fixedNow }}).loadTree(sampleTreePath)
	require.NoError(t, err)
	_, err = engine.Patch(patch, "test", nil)
	require.NoError(t, err)
	// Staff training, Tuesday 2026-12-01 07:00-08:30 New York.
	answer, err := engine.Snapshot().Evaluate("clinic-maple", time.Date(2026, 12, 1, 12, 30, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, "Closed", answer.StateName)
	assert.Equal(t, schedule.ReasonRule, answer.Reason)
}

// Every ical error is one sentence on stderr, with a non-zero status.
func TestIcalErrorsAreOneSentence(t *testing.T) {
	for _, tc := range icalGoldenCases {
		if tc.status == exitOK {
			continue
		}
		_, stderr, status := runCLI(t, nil, tc.args...)
		require.NotEqual(t, exitOK, status, tc.name)
		lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
		require.Len(t, lines, 1, stderr)
		assert.True(t, strings.HasPrefix(lines[0], "voicesched: ") && strings.HasSuffix(lines[0], "."), lines[0])
	}
}
