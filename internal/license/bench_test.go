package license_test

import (
	"testing"
)

// BenchmarkIssue measures issuing one licence: validation, serial, two SM2
// seals by the in-memory test sealer, encryption, insert, audit.
func BenchmarkIssue(b *testing.B) {
	f := newFixture(b)
	in := input()
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.s.Issue(f.ctx, approverA, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "licences/s")
}

// BenchmarkVerify measures one verification: parse, read, decrypt, two
// SM2 seal checks by the test sealer.
func BenchmarkVerify(b *testing.B) {
	f := newFixture(b)
	l := f.issue(b)
	b.ResetTimer()
	for b.Loop() {
		v, err := f.s.Verify(f.ctx, l.Meta.Identifier)
		if err != nil || !v.Genuine {
			b.Fatal(v, err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verifications/s")
}
