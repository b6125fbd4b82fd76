package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/internal/jsonedit"
)

// patch --write through a symbolic link: the link stays a link, the file it
// points to gets the change, and every byte of it outside the patched
// customer's record is as it was.
func TestPatchWriteChangesOnlyTheRecordThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	original, err := os.ReadFile(sampleTreePath)
	require.NoError(t, err)
	real := filepath.Join(dir, "data", "tree.json")
	require.NoError(t, os.MkdirAll(filepath.Dir(real), 0o755))
	require.NoError(t, os.WriteFile(real, original, 0o600))
	link := filepath.Join(dir, "tree.json")
	require.NoError(t, os.Symlink(filepath.Join("data", "tree.json"), link))

	_, stderr, status := runCLI(t, nil, "patch", "--tree", link, "--patch", cliFile("patch_rename.json"), "--write")
	require.Equal(t, exitOK, status, stderr)

	info, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, info.Mode()&os.ModeSymlink, "the link is still a link")
	realInfo, err := os.Stat(real)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), realInfo.Mode().Perm())
	entries, err := os.ReadDir(filepath.Dir(real))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left")

	saved, err := os.ReadFile(real)
	require.NoError(t, err)
	before, err := jsonedit.FindElement(original, "customers", "clinic-maple")
	require.NoError(t, err)
	after, err := jsonedit.FindElement(saved, "customers", "clinic-maple")
	require.NoError(t, err)
	assert.Equal(t, string(original[:before.Start]), string(saved[:after.Start]), "the bytes before the record")
	assert.Equal(t, string(original[before.End:]), string(saved[after.End:]), "the bytes after the record")

	var record map[string]any
	require.NoError(t, json.Unmarshal(saved[after.Start:after.End], &record))
	assert.Equal(t, "Maple Street Family Clinic", record["name"])
	assert.NotContains(t, record, "breadcrumb", "a member the file did not hold is not added")
	var untouched map[string]any
	require.NoError(t, json.Unmarshal(original[before.Start:before.End], &untouched))
	for key := range untouched {
		assert.Contains(t, record, key, "the record keeps its members")
	}
	// Within the record, what the patch did not touch keeps its text: the
	// schedule (with its rules' member order) is the same bytes.
	oldSchedule := memberText(t, original[before.Start:before.End], "schedule")
	assert.NotEmpty(t, oldSchedule)
	assert.Equal(t, oldSchedule, memberText(t, saved[after.Start:after.End], "schedule"))
}

// memberText returns the text of an object's member as written.
func memberText(t *testing.T, object []byte, name string) string {
	t.Helper()
	var members map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(object, &members))
	return string(members[name])
}

// A tree whose customer record cannot be told apart (two records with the
// id in the file) is not rewritten.
func TestPatchWriteRefusesAFileItCannotEditInPlace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tree.json")
	doc := []byte(`{"customers": [{"id": "a", "name": "A"}], "endpoints": []}`)
	require.NoError(t, os.WriteFile(path, doc, 0o644))
	c := &cli{now: func() time.Time { return fixedNow }}
	engine, err := c.loadTree(path)
	require.NoError(t, err)
	c.trees[path] = []byte(`{"customers": [{"id": "a"}, {"id": "a"}]}`) // as if the file held two
	stored := engine.Snapshot().Customer("a")
	require.Error(t, c.saveCustomer(path, stored))
	kept, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, doc, kept)
}
