//go:build !unix

package tmproot

import "errors"

// Free is not measured here; callers skip their check.
func Free(string) (int64, error) {
	return 0, errors.New("tmproot: free space is not measured on this system")
}
