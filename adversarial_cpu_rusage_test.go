//go:build linux || darwin || freebsd || netbsd || openbsd

package voicesched

import (
	"syscall"
	"time"
)

// adversarialCPUTime is the CPU time (user and system) the test process
// has used so far. The adversarial cases run one at a time, so the growth
// over a case is the case's own work plus the garbage collection it causes,
// and does not grow when other processes keep the machine busy.
func adversarialCPUTime() time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}
