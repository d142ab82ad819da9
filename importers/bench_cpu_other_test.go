//go:build !unix

package importers

import "time"

// cpuTime is not measured here; the CPU ratio then reads NaN.
func cpuTime() time.Duration { return 0 }
