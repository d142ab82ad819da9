//go:build !unix

package private

// RestrictUmask does nothing where there is no umask.
func RestrictUmask() {}
