package gm

import "testing"

var benchID = []byte("32011319900101123X")

func BenchmarkEncrypt(b *testing.B) {
	kr := mustKeyring(b, "k1", map[string][]byte{"k1": testKey(1)})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := kr.Encrypt(ctxID, benchID); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecrypt(b *testing.B) {
	kr := mustKeyring(b, "k1", map[string][]byte{"k1": testKey(1)})
	ct, _ := kr.Encrypt(ctxID, benchID)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := kr.Decrypt(ctxID, ct); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBlindIndex(b *testing.B) {
	bi := mustIndexer(b, "i1", map[string][]byte{"i1": testKey(1)})
	b.ReportAllocs()
	for b.Loop() {
		_ = bi.BlindIndex(ctxID, string(benchID))
	}
}

func BenchmarkSM2Sign(b *testing.B) {
	k := mustSigningKey(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sign(k, benchID); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSM2Verify(b *testing.B) {
	k := mustSigningKey(b)
	sig, _ := Sign(k, benchID)
	b.ReportAllocs()
	for b.Loop() {
		if !Verify(&k.PublicKey, benchID, sig) {
			b.Fatal("verify failed")
		}
	}
}
