package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every command keeps the exit-status convention: --help 0, an unknown
// flag 2, a flag value that cannot be understood 2.
func TestEveryCommandExitsTwoOnAnUnknownFlag(t *testing.T) {
	for _, cmd := range commands() {
		t.Run(cmd.name, func(t *testing.T) {
			_, _, status := runCLI(t, nil, cmd.name, "--no-such-flag")
			assert.Equal(t, exitUsage, status)
			_, _, status = runCLI(t, nil, cmd.name, "--help")
			assert.Equal(t, exitOK, status)
		})
	}
}

// The convention, command by command: 0 answered or valid, 1 the input has
// errors (a file, a record, an id), 2 a command line that cannot be
// understood (a bad flag value, a missing required flag).
func TestExitStatusConvention(t *testing.T) {
	missing := cliFile("no_such_file.json")
	for _, tc := range []struct {
		scenario string
		args     []string
		status   int
	}{
		{"test answers", []string{"test", "--customer", "clinic-maple", "--at", "2026-11-26T10:00:00Z"}, exitOK},
		{"test of an unknown customer", []string{"test", "--customer", "nobody", "--at", "2026-11-26T10:00:00Z"}, exitFail},
		{"test with a bad --at", []string{"test", "--customer", "clinic-maple", "--at", "tomorrow"}, exitUsage},
		{"test without a subject", []string{"test", "--at", "2026-11-26T10:00:00Z"}, exitUsage},
		{"test with --format xml", []string{"test", "--customer", "clinic-maple", "--format", "xml"}, exitUsage},
		{"test with an unknown --tz", []string{"test", "--customer", "clinic-maple", "--tz", "Mars/Olympus"}, exitUsage},
		{"test of a missing file", []string{"test", "--schedule", missing}, exitFail},
		{"timeline answers", []string{"timeline", "--customer", "clinic-maple"}, exitOK},
		{"timeline of an unknown customer", []string{"timeline", "--customer", "nobody"}, exitFail},
		{"timeline with a bad --from", []string{"timeline", "--customer", "clinic-maple", "--from", "soon"}, exitUsage},
		{"timeline without a subject", []string{"timeline"}, exitUsage},
		{"status answers", []string{"status"}, exitOK},
		{"status of an unknown customer", []string{"status", "--customer", "nobody"}, exitFail},
		{"status with a bad --at", []string{"status", "--at", "noon"}, exitUsage},
		{"status of a missing tree", []string{"status", "--tree", missing}, exitFail},
		{"validate of a sound file", []string{"validate", cliFile("week_schedule.json")}, exitOK},
		{"validate of a file with errors", []string{"validate", cliFile("bad_schedule.json")}, exitFail},
		{"validate without a file", []string{"validate"}, exitUsage},
		{"validate with --kind calendar", []string{"validate", "--kind", "calendar", cliFile("week_schedule.json")}, exitUsage},
		{"patch applied", []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_move.json")}, exitOK},
		{"patch refused", []string{"patch", "--tree", sampleTreePath, "--patch", cliFile("patch_problems.json")}, exitFail},
		{"patch without --patch", []string{"patch", "--tree", sampleTreePath}, exitUsage},
		{"eval of a missing tree", []string{"eval", "--tree", missing}, exitFail},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			_, stderr, status := runCLI(t, nil, tc.args...)
			assert.Equal(t, tc.status, status, stderr)
		})
	}
}
