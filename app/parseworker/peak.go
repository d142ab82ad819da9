package parseworker

import (
	"os"
	"syscall"
)

// reportPeak passes on the ended child's peak resident memory, which the
// kernel keeps in its rusage (ru_maxrss, in KiB on Linux).
func (w *Worker) reportPeak(ps *os.ProcessState) {
	if w.PeakRSS == nil || ps == nil {
		return
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > 0 {
		w.PeakRSS(int64(ru.Maxrss) * 1024)
	}
}
