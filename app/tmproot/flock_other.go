//go:build !unix

package tmproot

import (
	"errors"
	"os"
)

// Without flock no owner can be told dead, so every folder counts as live
// and none is swept; each process still removes its own at exit.
func tryLock(*os.File) error { return errors.New("tmproot: no file locks on this system") }

func waitLock(*os.File) error { return nil }
