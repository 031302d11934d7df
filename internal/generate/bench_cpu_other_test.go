//go:build !unix

package generate

import "time"

// processCPU reports false: CPU time is read only on Unix systems.
func processCPU() (time.Duration, bool) { return 0, false }
