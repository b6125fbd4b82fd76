package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeSynopsis returns the command lines of the README's synopsis: the
// code block under "## The command line", one "voicesched …" line a
// command, "# comments" and column padding removed.
func readmeSynopsis(t *testing.T) []string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, section, found := strings.Cut(string(readme), "\n## The command line\n")
	require.True(t, found, "the README has a section \"## The command line\"")
	_, block, found := strings.Cut(section, "```\n")
	require.True(t, found, "the section starts with a code block")
	block, _, found = strings.Cut(block, "```")
	require.True(t, found)
	var lines []string
	for _, line := range strings.Split(block, "\n") {
		line, _, _ = strings.Cut(line, " # ")
		if line = collapseSpaces(line); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

var spaces = regexp.MustCompile(`\s+`)

func collapseSpaces(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// helpSynopses returns the usage line of every command's --help; a command
// whose synopsis starts with its subcommands ("export|import [flags]")
// gives each subcommand's usage line instead.
func helpSynopses(t *testing.T) []string {
	t.Helper()
	usage := func(args ...string) string {
		stdout, _, status := runCLI(t, nil, append(args, "--help")...)
		require.Equal(t, exitOK, status, args)
		_, rest, found := strings.Cut(stdout, "Usage:\n")
		require.True(t, found, args)
		line, _, _ := strings.Cut(rest, "\n")
		return collapseSpaces(line)
	}
	var out []string
	for _, cmd := range commands() {
		line := usage(cmd.name)
		synopsis := strings.TrimPrefix(line, "voicesched "+cmd.name+" ")
		first, _, _ := strings.Cut(synopsis, " ")
		if strings.Contains(first, "|") && !strings.HasPrefix(first, "-") && !strings.HasPrefix(first, "[") {
			for _, sub := range strings.Split(first, "|") {
				out = append(out, usage(cmd.name, sub))
			}
			continue
		}
		out = append(out, line)
	}
	return out
}

// The README's synopsis is the --help texts' usage lines, one a command, in
// the order "voicesched --help" lists the commands.
func TestReadmeSynopsisMatchesHelp(t *testing.T) {
	assert.Equal(t, helpSynopses(t), readmeSynopsis(t),
		"update the block under \"## The command line\" in README.md to the usage lines of --help")
}
