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

// BenchmarkRenderPDF measures printing a typical licence (two data rows,
// seal mark from the test double, QR code): reading, both seal checks by
// the test sealer, decryption, layout, font subsetting and compression.
// It reports the PDF's size.
func BenchmarkRenderPDF(b *testing.B) {
	f := newFixture(b)
	l := f.issue(b)
	var size int
	b.ResetTimer()
	for b.Loop() {
		p, err := f.s.PDF(f.ctx, holder, l.ID)
		if err != nil {
			b.Fatal(err)
		}
		size = len(p.Bytes)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pdfs/s")
}

// BenchmarkIssueAndRender measures issuing a licence and printing it at
// once: BenchmarkIssue's work plus BenchmarkRenderPDF's, the baseline
// being BenchmarkIssue.
func BenchmarkIssueAndRender(b *testing.B) {
	f := newFixture(b)
	in := input()
	b.ResetTimer()
	for b.Loop() {
		l, err := f.s.Issue(f.ctx, approverA, in)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.s.PDF(f.ctx, holder, l.ID); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "licences/s")
}
