package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// patch --write prints what the patch changes and its warnings on stderr
// before it writes; the output is kept in a golden file, with the temporary
// tree's path written as TREE.
func TestPatchWritePrintsWhatChangesAndTheWarnings(t *testing.T) {
	dir := t.TempDir()
	treePath := filepath.Join(dir, "tree.json")
	original, err := os.ReadFile(sampleTreePath)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(treePath, original, 0o644))

	_, stderr, status := runCLI(t, nil, "patch", "--tree", treePath, "--patch", cliFile("patch_xmas_eve.json"), "--write")
	require.Equal(t, exitOK, status, stderr)
	got := strings.ReplaceAll(stderr, treePath, "TREE")
	path := cliFile("patch_write_xmas_eve_stderr.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cmd/voicesched -run TestPatchWrite -update to create it")
	assert.Equal(t, string(want), got)
	assert.Contains(t, got, "(patch-drops-rules)")
	assert.Contains(t, got, "(patch-drops-zone)")
	saved, err := os.ReadFile(treePath)
	require.NoError(t, err)
	assert.NotEqual(t, string(original), string(saved), "the patch was written")
}

// A refused patch prints its problems, not a summary, and writes nothing.
func TestPatchWriteOfARefusedPatchPrintsNoSummary(t *testing.T) {
	dir := t.TempDir()
	treePath := filepath.Join(dir, "tree.json")
	original, err := os.ReadFile(sampleTreePath)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(treePath, original, 0o644))
	_, stderr, status := runCLI(t, nil, "patch", "--tree", treePath, "--patch", cliFile("patch_problems.json"), "--write")
	require.Equal(t, exitFail, status)
	assert.NotContains(t, stderr, "changes:")
	assert.Contains(t, stderr, "was not applied")
	saved, err := os.ReadFile(treePath)
	require.NoError(t, err)
	assert.Equal(t, string(original), string(saved))
}
