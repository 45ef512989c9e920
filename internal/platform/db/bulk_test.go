package db_test

import (
	"slices"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

func TestBulkHelpers(t *testing.T) {
	if got := db.Marks(3); got != "?, ?, ?" {
		t.Errorf("Marks(3) = %q", got)
	}
	if got := db.Marks(0); got != "" {
		t.Errorf("Marks(0) = %q", got)
	}
	if got := db.Tuples(2, "(?, ?)"); got != "(?, ?), (?, ?)" {
		t.Errorf("Tuples = %q", got)
	}
	var ranges [][2]int
	err := db.Batches(25001, 3, 20000, func(lo, hi int) error { ranges = append(ranges, [2]int{lo, hi}); return nil })
	// 3 parameters a row: 10,000 rows per statement keeps within MaxParams.
	if want := [][2]int{{0, 10000}, {10000, 20000}, {20000, 25001}}; err != nil || !slices.Equal(ranges, want) {
		t.Errorf("Batches = %v %v, want %v", ranges, err, want)
	}
	ranges = nil
	_ = db.Batches(5, 1, 2, func(lo, hi int) error { ranges = append(ranges, [2]int{lo, hi}); return nil })
	if want := [][2]int{{0, 2}, {2, 4}, {4, 5}}; !slices.Equal(ranges, want) {
		t.Errorf("Batches by rows = %v, want %v", ranges, want)
	}
}
