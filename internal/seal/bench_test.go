package seal_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// BenchmarkSeal measures one seal in its own transaction (SM2 signature
// plus the signature record), the key already made and cached.
func BenchmarkSeal(b *testing.B) {
	f := newFixture(b).withRoot(b)
	f.seal(b, dept, licence)
	b.ReportAllocs()
	for b.Loop() {
		if err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
			_, err := f.s.Seal(f.ctx, tx, dept, licence)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify measures a full verification: certificate parse, key
// record, chain to the root, SM2 verification and the signature record.
func BenchmarkVerify(b *testing.B) {
	f := newFixture(b).withRoot(b)
	sd := f.seal(b, dept, licence)
	b.ReportAllocs()
	for b.Loop() {
		if err := f.s.Verify(f.ctx, sd, licence); err != nil {
			b.Fatal(err)
		}
	}
}
