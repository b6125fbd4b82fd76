package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cli from the current output")

// cliData is testdata/cli of the module, seen from this package.
const cliData = "../../testdata/cli"

// sampleTreePath is the sample tree the embedded copy is made from.
const sampleTreePath = "../../testdata/sample/tree.json"

// fixedNow is the clock of every test: Wednesday 2026-11-25 10:04:05 in New York.
var fixedNow = time.Date(2026, 11, 25, 15, 4, 5, 0, time.UTC)

// runCLI runs one command line in-process with the fixed clock.
func runCLI(t testing.TB, stdin []byte, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &cli{stdin: bytes.NewReader(stdin), stdout: &out, stderr: &errOut, now: func() time.Time { return fixedNow }}
	status = c.run(args)
	return out.String(), errOut.String(), status
}

func TestSampleTreeIsCurrent(t *testing.T) {
	original, err := os.ReadFile(sampleTreePath)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(original, sampleTree),
		"cmd/voicesched/sample_tree.json differs from testdata/sample/tree.json; run go generate ./cmd/voicesched")
}

// goldenCase is one command line whose whole result (status, stdout,
// stderr) is kept in testdata/cli/<name>.golden.
type goldenCase struct {
	name   string
	args   []string
	stdin  string // a file under testdata/cli fed to stdin
	status int
}

func cliFile(name string) string { return filepath.Join(cliData, name) }

var goldenCases = []goldenCase{
	// test
	{name: "test_thanksgiving", args: []string{"test", "--customer", "clinic-maple", "--at", "2026-11-26T10:00:00-05:00"}},
	{name: "test_inherited_explain", args: []string{"test", "--customer", "dept-maple-billing", "--at", "2026-11-25T12:30:00", "--explain"}},
	{name: "test_endpoint_json", args: []string{"test", "--customer", "ep-maple-dr-lee", "--at", "2026-11-25T09:30:00-05:00", "--explain", "--format", "json"}},
	{name: "test_follows_parent_explain", args: []string{"test", "--customer", "dept-maple-lab", "--at", "2026-11-26T10:00:00-05:00", "--explain"}},
	{name: "test_force_closed", args: []string{"test", "--tree", sampleTreePath, "--customer", "dept-harbour-radiology", "--at", "2026-11-26T10:00:00+11:00"}},
	{name: "test_vip_saturday_condition", args: []string{"test", "--customer", "clinic-maple", "--at", "2026-11-28T10:00:00-05:00", "--explain"}},
	{name: "test_default_now", args: []string{"test", "--customer", "clinic-harbour"}},
	{name: "test_lone_schedule_dst_gap", args: []string{"test", "--schedule", cliFile("week_schedule.json"), "--at", "2026-03-08T02:30:00", "--explain"}},
	{name: "test_lone_schedule_flow_params", args: []string{"test", "--schedule", cliFile("week_schedule.json"), "--at", "2026-11-02T10:00:00-05:00"}},
	{name: "test_by_reference_id", args: []string{"test", "--customer", "MSC-17", "--at", "2026-11-26T10:00:00-05:00"}},
	{name: "test_misspelt_customer", args: []string{"test", "--customer", "clinic-mapel", "--at", "2026-11-26T10:00:00Z"}, status: exitFail},
	{name: "test_tz_london", args: []string{"test", "--customer", "clinic-maple", "--at", "2026-11-26T10:00:00", "--tz", "Europe/London"}},
	{name: "test_format_upper_case", args: []string{"test", "--customer", "clinic-maple", "--at", "2026-11-26T10:00:00", "--format", "Json"}},
	{name: "test_schedule_flag_given_a_tree", args: []string{"test", "--schedule", sampleTreePath, "--at", "2026-11-26T10:00:00Z"}, status: exitFail},
	{name: "test_tree_flag_given_a_schedule", args: []string{"test", "--tree", cliFile("week_schedule.json"), "--customer", "clinic-maple"}, status: exitFail},
	{name: "test_day_that_does_not_decode", args: []string{"test", "--schedule", cliFile("bad_decode_schedule.json"), "--at", "2026-11-26T10:00:00Z"}, status: exitFail},
	{name: "test_problems_first", args: []string{"test", "--schedule", cliFile("bad_schedule.json"), "--at", "2026-11-26T10:00:00Z"}},
	{name: "test_problems_strict", args: []string{"test", "--schedule", cliFile("bad_schedule.json"), "--at", "2026-11-26T10:00:00Z", "--strict", "--format", "json"}, status: exitFail},
	{name: "test_unknown_customer", args: []string{"test", "--customer", "nobody", "--at", "2026-11-26T10:00:00Z"}, status: exitFail},
	{name: "test_bad_at", args: []string{"test", "--customer", "clinic-maple", "--at", "next tuesday"}, status: exitUsage},
	{name: "test_no_subject", args: []string{"test"}, status: exitUsage},
	{name: "test_help", args: []string{"test", "--help"}},
	// timeline
	{name: "timeline_thanksgiving_week", args: []string{"timeline", "--customer", "clinic-maple", "--from", "2026-11-23", "--to", "2026-11-30"}},
	{name: "timeline_oncall_json", args: []string{"timeline", "--customer", "dept-harbour-oncall", "--from", "2026-11-30T00:00:00Z", "--to", "2026-12-08T00:00:00Z", "--format", "json"}},
	{name: "timeline_dst_spring_partial", args: []string{"timeline", "--schedule", cliFile("week_schedule.json"), "--from", "2026-03-06T10:30:00", "--to", "2026-03-10T00:00:00"}},
	{name: "timeline_dst_autumn", args: []string{"timeline", "--schedule", cliFile("week_schedule.json"), "--from", "2026-10-31", "--to", "2026-11-03"}},
	{name: "timeline_default_week", args: []string{"timeline", "--customer", "dept-maple-lab"}},
	{name: "timeline_reversed", args: []string{"timeline", "--customer", "clinic-maple", "--from", "2026-11-30", "--to", "2026-11-23"}, status: exitUsage},
	{name: "timeline_tz_tokyo", args: []string{"timeline", "--customer", "Maple Lab", "--from", "2026-11-26", "--to", "2026-11-28", "--tz", "Asia/Tokyo"}},
	{name: "timeline_unknown_zone", args: []string{"timeline", "--schedule", cliFile("bad_schedule.json"), "--from", "2026-11-23", "--to", "2026-11-25"}},
	{name: "timeline_unknown_zone_json_strict", args: []string{"timeline", "--schedule", cliFile("bad_schedule.json"), "--from", "2026-11-23", "--to", "2026-11-24", "--format", "json", "--strict"}, status: exitFail},
	{name: "timeline_help", args: []string{"timeline", "--help"}},
	// status
	{name: "status_thanksgiving", args: []string{"status", "--at", "2026-11-26T10:00:00-05:00"}},
	{name: "status_holiday_by_name_tz", args: []string{"status", "--customer", "Maple Street Clinic", "--state", "holiday", "--at", "2026-11-26T10:00:00", "--tz", "europe/paris"}},
	{name: "status_subtree_json", args: []string{"status", "--customer", "MSC-17", "--at", "2026-11-25T12:30:00-05:00", "--format", "JSON"}},
	{name: "status_closed_with_context", args: []string{"status", "--state", "closed", "--at", "2026-11-26T10:00:00-05:00"}},
	{name: "status_unknown_customer", args: []string{"status", "--customer", "clinic-mapel"}, status: exitFail},
	{name: "status_bad_tz", args: []string{"status", "--tz", "Europe/Pariss"}, status: exitUsage},
	{name: "status_help", args: []string{"status", "--help"}},
	// validate
	{name: "validate_sample_tree", args: []string{"validate", sampleTreePath}},
	{name: "validate_schedule_ok", args: []string{"validate", cliFile("week_schedule.json")}},
	{name: "validate_bad_schedule", args: []string{"validate", cliFile("bad_schedule.json")}, status: exitFail},
	{name: "validate_bad_shape_customer", args: []string{"validate", cliFile("bad_shape_customer.json")}, status: exitFail},
	{name: "validate_customer_warnings", args: []string{"validate", cliFile("customer.json")}},
	{name: "validate_misrouting_schedule", args: []string{"validate", cliFile("misrouting_schedule.json")}},
	{name: "validate_strict_misrouting_schedule", args: []string{"validate", "--strict", cliFile("misrouting_schedule.json")}, status: exitFail},
	{name: "validate_strict_clean_schedule", args: []string{"validate", "--strict", cliFile("week_schedule.json")}},
	{name: "validate_broken_tree", args: []string{"validate", cliFile("broken_tree.json")}, status: exitFail},
	{name: "validate_broken_tree_json", args: []string{"validate", "--format", "json", cliFile("broken_tree.json")}, status: exitFail},
	{name: "validate_patch_alone", args: []string{"validate", cliFile("patch_problems.json")}, status: exitFail},
	{name: "validate_patch_against_tree", args: []string{"validate", cliFile("patch_problems.json"), "--tree", sampleTreePath}, status: exitFail},
	{name: "validate_kind_forced", args: []string{"validate", "--kind", "schedule", cliFile("customer.json")}},
	{name: "validate_missing_file", args: []string{"validate", cliFile("no_such_file.json")}, status: exitFail},
	{name: "validate_day_that_does_not_decode", args: []string{"validate", cliFile("bad_decode_schedule.json")}, status: exitFail},
	{name: "validate_several_files", args: []string{"validate", cliFile("week_schedule.json"), cliFile("customer.json"), cliFile("bad_schedule.json")}, status: exitFail},
	{name: "validate_several_files_json", args: []string{"validate", "--format", "json", cliFile("week_schedule.json"), cliFile("customer.json")}},
	{name: "validate_stdin", args: []string{"validate", "-"}, stdin: "week_schedule.json"},
	{name: "validate_one_missing_of_two", args: []string{"validate", cliFile("week_schedule.json"), cliFile("no_such_file.json")}, status: exitFail},
	{name: "validate_help", args: []string{"validate", "--help"}},
	// patch
	{name: "patch_rename", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_rename.json"), "--by", "ops@maple.example"}},
	{name: "patch_move", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_move.json")}},
	{name: "patch_problems", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_problems.json")}, status: exitFail},
	{name: "patch_misspelt_member", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_misspelt.json")}},
	{name: "patch_needs_tree", args: []string{"patch", "--patch", cliFile("patch_move.json")}, status: exitUsage},
	{name: "patch_help", args: []string{"patch", "--help"}},
	// patch --preview and diff (fixed windows, so the output is stable)
	{name: "patch_preview_xmas_eve", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_xmas_eve.json"), "--preview", "--from", "2026-12-23", "--days", "3"}},
	{name: "patch_preview_xmas_eve_json", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_xmas_eve.json"), "--preview", "--from", "2026-12-24T12:00:00-05:00", "--to", "2026-12-25T12:00:00-05:00", "--format", "json"}},
	{name: "patch_preview_move", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_move.json"), "--preview", "--from", "2026-11-30T00:00:00Z", "--to", "2026-12-01T00:00:00Z"}},
	{name: "patch_preview_default_window", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_rename.json"), "--preview"}},
	{name: "patch_preview_refused", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_problems.json"), "--preview", "--format", "json"}, status: exitFail},
	{name: "patch_preview_and_write", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_move.json"), "--preview", "--write"}, status: exitUsage},
	{name: "patch_preview_to_and_days", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_move.json"), "--preview", "--to", "2026-12-01", "--days", "3"}, status: exitUsage},
	{name: "diff_new_tree", args: []string{"diff", sampleTreePath, cliFile("diff_new_tree.json"), "--from", "2026-11-30T00:00:00Z", "--days", "2"}},
	{name: "diff_new_tree_json", args: []string{"diff", sampleTreePath, cliFile("diff_new_tree.json"), "--from", "2026-11-30", "--to", "2026-12-02", "--format", "json"}},
	{name: "diff_one_tree", args: []string{"diff", sampleTreePath}, status: exitUsage},
	{name: "diff_help", args: []string{"diff", "--help"}},
	{name: "patch_preview_changes_nothing", args: []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_same_name.json"), "--preview", "--from", "2026-12-01", "--days", "1"}},
	{name: "validate_patch_warnings", args: []string{"validate", cliFile("patch_xmas_eve.json"), "--tree", sampleTreePath}},
	// eval
	{name: "eval_sample", args: []string{"eval", "--tree", sampleTreePath}, stdin: "eval_requests.ndjson"},
	{name: "eval_without_tree", args: []string{"eval"}, stdin: "eval_requests.ndjson"},
	{name: "eval_help", args: []string{"eval", "--help"}},
	// the command itself
	{name: "help", args: []string{"--help"}},
	{name: "no_command", args: nil, status: exitUsage},
	{name: "unknown_command", args: []string{"frobnicate"}, status: exitUsage},
	{name: "unknown_flag", args: []string{"test", "--customer", "clinic-maple", "--when", "now"}, status: exitUsage},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) { checkGolden(t, tc) })
	}
}

// checkGolden runs one golden case and compares (or, with -update, writes)
// its whole result.
func checkGolden(t *testing.T, tc goldenCase) {
	t.Helper()
	var stdin []byte
	if tc.stdin != "" {
		var err error
		stdin, err = os.ReadFile(cliFile(tc.stdin))
		require.NoError(t, err)
	}
	stdout, stderr, status := runCLI(t, stdin, tc.args...)
	assert.Equal(t, tc.status, status, "exit status; stderr: %s", stderr)
	var got strings.Builder
	got.WriteString("$ voicesched " + strings.Join(tc.args, " "))
	if tc.stdin != "" {
		got.WriteString(" < " + tc.stdin)
	}
	got.WriteString("\n--- exit status\n")
	got.WriteString(strconv.Itoa(status))
	got.WriteString("\n--- stdout\n" + stdout + "--- stderr\n" + stderr)
	path := cliFile(tc.name + ".golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got.String()), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cmd/voicesched -run TestGolden -update to create it")
	assert.Equal(t, string(want), got.String())
}

// Every error is one sentence on stderr, with a non-zero status.
func TestErrorsAreOneSentence(t *testing.T) {
	for _, tc := range goldenCases {
		if tc.status == exitOK || tc.name == "no_command" || strings.HasPrefix(tc.name, "validate_") || tc.name == "patch_problems" {
			continue // usage text, or a list of problems
		}
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, status := runCLI(t, nil, tc.args...)
			require.NotEqual(t, exitOK, status)
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			for _, more := range lines[1:] {
				assert.True(t, strings.HasPrefix(more, "  "), "after the sentence, only a file's problems, indented: %q", more)
			}
			assert.True(t, strings.HasPrefix(lines[0], "voicesched: "), lines[0])
			assert.True(t, strings.HasSuffix(lines[0], ".") || strings.HasSuffix(lines[0], "?"), lines[0])
		})
	}
}

// Every subcommand has --help with an example, printed to stdout with
// status 0; "help <command>" prints the same.
func TestHelpForEveryCommand(t *testing.T) {
	for _, cmd := range commands() {
		stdout, stderr, status := runCLI(t, nil, cmd.name, "--help")
		assert.Equal(t, exitOK, status, cmd.name)
		assert.Empty(t, stderr, cmd.name)
		assert.Contains(t, stdout, "Usage:\n  voicesched "+cmd.name, cmd.name)
		assert.Contains(t, stdout, "Example:\n  voicesched "+cmd.name, cmd.name)
		again, _, _ := runCLI(t, nil, "help", cmd.name)
		assert.Equal(t, stdout, again, cmd.name)
	}
}

// The README's command: the sample tree is embedded, so no file is needed.
func TestReadmeCommandUsesEmbeddedTree(t *testing.T) {
	embedded, _, status := runCLI(t, nil, "test", "--customer", "clinic-maple", "--at", "2026-11-26T10:00:00-05:00")
	require.Equal(t, exitOK, status)
	fromFile, _, status := runCLI(t, nil, "test", "--tree", sampleTreePath, "--customer", "clinic-maple", "--at", "2026-11-26T10:00:00-05:00")
	require.Equal(t, exitOK, status)
	assert.Equal(t, fromFile, embedded)
	assert.Contains(t, embedded, "Holiday")
	assert.Contains(t, embedded, "hol-thanksgiving")
}

// Flags may come after the positional argument.
func TestFlagsAfterArguments(t *testing.T) {
	before, _, s1 := runCLI(t, nil, "validate", "--format", "json", cliFile("customer.json"))
	after, _, s2 := runCLI(t, nil, "validate", cliFile("customer.json"), "--format", "json")
	assert.Equal(t, s1, s2)
	assert.Equal(t, before, after)
	assert.True(t, strings.HasPrefix(after, "{"))
}
