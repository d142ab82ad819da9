//go:build unix

package tmproot

import (
	"os"
	"syscall"
)

// tryLock takes an exclusive lock on f without waiting; it fails when
// another open file (in any process, this one included) holds it.
func tryLock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) }

// waitLock takes an exclusive lock on f, waiting for its holder.
func waitLock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }
