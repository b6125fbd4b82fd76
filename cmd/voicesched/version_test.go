package main

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVersionNamesTheModuleVersionAndCommit(t *testing.T) {
	info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/voicesched/voicesched", Version: "v1.4.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	assert.Equal(t, "voicesched v1.4.0, commit 0123abcd (2026-12-01T10:00:00Z), with uncommitted changes", versionText(info, true))
	assert.Equal(t, "voicesched unknown, commit unknown", versionText(nil, false))
}

func TestVersionFlagPrintsOneLine(t *testing.T) {
	for _, arg := range []string{"--version", "version", "-version"} {
		stdout, stderr, status := runCLI(t, nil, arg)
		require.Equal(t, exitOK, status)
		assert.Empty(t, stderr)
		assert.True(t, strings.HasPrefix(stdout, "voicesched "), stdout)
		assert.Equal(t, 1, strings.Count(stdout, "\n"))
	}
}
