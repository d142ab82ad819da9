//go:build unix

package private

import "syscall"

// RestrictUmask sets the process umask to 077, so that a file or folder
// made by code that does not pass a mode of its own (a library, or a
// future call that forgets this package) is still the operator's only.
func RestrictUmask() { syscall.Umask(0o077) }
