package esign_test

import (
	"testing"
)

func BenchmarkSign(b *testing.B) {
	f := newFixture(b)
	doc := testDoc("application:1")
	f.sign(b, doc, testSigner) // creates the key
	b.ReportAllocs()
	for b.Loop() {
		f.sign(b, doc, testSigner)
	}
}

func BenchmarkVerify(b *testing.B) {
	f := newFixture(b)
	doc := testDoc("application:1")
	ev := f.sign(b, doc, testSigner)
	b.ReportAllocs()
	for b.Loop() {
		if err := f.s.Verify(f.ctx, ev, doc.Bytes); err != nil {
			b.Fatal(err)
		}
	}
}
