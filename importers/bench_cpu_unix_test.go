//go:build unix

package importers

import (
	"syscall"
	"time"
)

// cpuTime is the CPU this process has used, user and system, all threads:
// on a machine shared with other work it moves far less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
