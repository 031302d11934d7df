//go:build !unix

package bench

import "time"

// processCPU reports false: CPU time is read only on Unix systems.
func processCPU() (time.Duration, bool) { return 0, false }
