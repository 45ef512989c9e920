package workorder

import (
	"sync"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestIdempotentFiling(t *testing.T) {
	r := newRig(t)
	in := r.parkingRequest("仙鹤社区")
	in.IdempotencyKey = "form-1"
	first, err := r.s.File(r.ctx, resident(7), in)
	if err != nil || first.Replayed {
		t.Fatalf("first: %+v %v", first, err)
	}
	again, err := r.s.File(r.ctx, resident(7), in)
	if err != nil || !again.Replayed || again.Order.Number != first.Order.Number {
		t.Fatalf("repeat: %+v %v", again, err)
	}
	// Another resident's key never meets this one.
	other, err := r.s.File(r.ctx, resident(8), in)
	if err != nil || other.Replayed || other.Order.Number == first.Order.Number {
		t.Fatalf("other resident: %+v %v", other, err)
	}
	// A different request reusing the key is refused.
	changed := in
	changed.Description = "另一件事"
	if _, err := r.s.File(r.ctx, resident(7), changed); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Fatalf("reused key: %v", err)
	}
	if n := r.count(t, `SELECT COUNT(*) FROM workorders`); n != 2 {
		t.Errorf("%d orders, want 2", n)
	}
}

func TestConcurrentSameKey(t *testing.T) {
	r := newRig(t)
	in := r.parkingRequest("仙鹤社区")
	in.IdempotencyKey = "double-click"
	in.Photos = []PhotoUpload{{Name: "a.png", Data: pngBytes()}}
	const n = 2
	var wg sync.WaitGroup
	results := make([]Filed, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = r.s.File(r.ctx, resident(7), in)
		}()
	}
	wg.Wait()
	replayed := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("submission %d: %v", i, errs[i])
		}
		if results[i].Order.Number != results[0].Order.Number {
			t.Errorf("numbers differ: %s %s", results[i].Order.Number, results[0].Order.Number)
		}
		if results[i].Replayed {
			replayed++
		}
	}
	if replayed != 1 {
		t.Errorf("%d replayed, want exactly 1", replayed)
	}
	for q, want := range map[string]int{`SELECT COUNT(*) FROM workorders`: 1, `SELECT COUNT(*) FROM workorder_events`: 1,
		`SELECT COUNT(*) FROM workorder_photos`: 1, `SELECT COUNT(*) FROM files`: 1} {
		if got := r.count(t, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
}

// count runs a COUNT query.
func (r *rig) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := r.d.QueryRow(r.ctx, q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
