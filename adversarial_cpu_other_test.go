//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package voicesched

import "time"

// adversarialCPUTime falls back to the wall clock where getrusage is not
// available: the bound is then on elapsed time.
func adversarialCPUTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
