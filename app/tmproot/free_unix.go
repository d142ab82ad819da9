//go:build unix

package tmproot

import (
	"fmt"
	"os"
	"syscall"
)

// Free is the space an unprivileged writer may still use on dir's disk
// ("" is the OS temp folder).
func Free(dir string) (int64, error) {
	if dir == "" {
		dir = os.TempDir()
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("tmproot: free space of %s: %w", dir, err)
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}
