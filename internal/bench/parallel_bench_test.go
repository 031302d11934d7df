package bench

import "testing"

// BenchmarkDecodeParallel runs Parse on every body from GOMAXPROCS
// goroutines at once: what a busy server sees, and what a per-process
// cache of decoding state must not slow down.
func BenchmarkDecodeParallel(b *testing.B) {
	for _, r := range responses {
		b.Run("body="+r.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(r.body)))
			defer cpuClock(b)()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if r.parse(r.status, r.header, r.body) == nil && r.want != "" {
						b.Error("no error")
					}
				}
			})
		})
	}
}
