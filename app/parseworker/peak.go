package parseworker

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"os"
	"strconv"
	"syscall"
)

// The child measures its own peak and sends it before its result: the
// rusage of a child that Go started through vfork counts the parent's
// resident memory at the fork too, so a 45 MiB worker of a 90 MiB server
// would read 90. Only a child that died without a word is reported from
// rusage, an upper bound.
func (w *Worker) reportPeak(own int64, ps *os.ProcessState) {
	if w.PeakRSS == nil {
		return
	}
	if own > 0 {
		w.PeakRSS(own)
		return
	}
	if ps == nil {
		return
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > 0 {
		w.PeakRSS(int64(ru.Maxrss) * 1024)
	}
}

// selfPeakRSS is this process's peak resident memory in bytes (VmHWM in
// /proc/self/status), or 0 where that cannot be read.
func selfPeakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmHWM:"))
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte("kB")))), 10, 64)
		if err != nil {
			return 0
		}
		return kb * 1024
	}
	return 0
}

func (fw *frameWriter) peak(bytes int64) error {
	return fw.frame(framePeak, binary.AppendUvarint(nil, uint64(max(bytes, 0))))
}

func decodePeak(p []byte) int64 {
	v, n := binary.Uvarint(p)
	if n <= 0 || v > 1<<50 {
		return 0
	}
	return int64(v)
}
