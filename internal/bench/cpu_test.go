package bench

import "testing"

// cpuClock starts measuring the process's CPU time; the function it returns
// reports it per iteration as the metric cpu-ns/op. Call it right before
// the benchmark loop, as in defer cpuClock(b)().
//
// ns/op is wall time: on a machine shared with other busy processes it
// includes the time the benchmark waited for a core. cpu-ns/op counts only
// the CPU this process used (the loop, and the garbage collector working for
// it), so it moves far less with the load of other processes.
func cpuClock(b *testing.B) func() {
	start, ok := processCPU()
	return func() {
		end, ok2 := processCPU()
		if ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
