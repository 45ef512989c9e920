package rating_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

// BenchmarkRate measures one bad rating: the conditional update, the
// rectification case and two audit records, in one transaction.
func BenchmarkRate(b *testing.B) {
	f := newFixture(b)
	for i := range b.N {
		in := rating.Invitation{District: district, Kind: rating.CaseApplication, CaseID: int64(i + 1),
			RaterID: alice.AccountID, Department: deptA, Point: pointA}
		if err := f.d.InTx(f.ctx, func(tx *db.Tx) error { return f.s.InviteTx(f.ctx, tx, in) }); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := f.s.Rate(f.ctx, alice, rating.CaseApplication, int64(i+1), rating.Input{Level: rating.Dissatisfied}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStats measures the public statistics over 1,000 ratings.
func BenchmarkStats(b *testing.B) {
	f := newFixture(b)
	for i := range 1000 {
		in := rating.Invitation{District: district, Kind: rating.CaseApplication, CaseID: int64(i + 1),
			RaterID: alice.AccountID, Department: deptA, Point: pointA}
		if err := f.d.InTx(f.ctx, func(tx *db.Tx) error { return f.s.InviteTx(f.ctx, tx, in) }); err != nil {
			b.Fatal(err)
		}
		if _, err := f.s.Rate(f.ctx, alice, rating.CaseApplication, int64(i+1), rating.Input{Level: rating.Level(i%5 + 1)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if _, err := f.s.Stats(f.ctx, district); err != nil {
			b.Fatal(err)
		}
	}
}
