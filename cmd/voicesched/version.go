package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// versionText is what --version prints: the module's version and the
// commit it was built from, as the Go toolchain recorded them in the
// binary ("(devel)" for a build from a checkout, which then has the commit;
// "unknown" where the build recorded nothing).
func versionText(info *debug.BuildInfo, ok bool) string {
	version, commit, when, modified := "unknown", "unknown", "", false
	if ok && info != nil {
		if info.Main.Version != "" {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "voicesched %s, commit %s", version, commit)
	if when != "" {
		fmt.Fprintf(&b, " (%s)", when)
	}
	if modified {
		b.WriteString(", with uncommitted changes")
	}
	return b.String()
}

func (c *cli) printVersion() int {
	info, ok := debug.ReadBuildInfo()
	fmt.Fprintln(c.stdout, versionText(info, ok))
	return exitOK
}
