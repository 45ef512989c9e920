package workorder

import (
	"strconv"
	"testing"
)

// BenchmarkFile files orders one after another: validation, place, the
// order row, its event, the audit record.
func BenchmarkFile(b *testing.B) {
	r := newRig(b)
	in := r.parkingRequest("仙鹤社区")
	b.ResetTimer()
	for i := range b.N {
		in.IdempotencyKey = "bench-" + strconv.Itoa(i)
		if _, err := r.s.File(r.ctx, resident(7), in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFileParallel files orders from concurrent callers.
func BenchmarkFileParallel(b *testing.B) {
	r := newRig(b)
	in := r.parkingRequest("仙鹤社区")
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := r.s.File(r.ctx, resident(7), in); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
