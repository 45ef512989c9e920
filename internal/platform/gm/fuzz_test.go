package gm

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzDecrypt(f *testing.F) {
	kr := mustKeyring(f, "k2", map[string][]byte{"k2": testKey(2), "k1": testKey(1)})
	old := mustKeyring(f, "k1", map[string][]byte{"k1": testKey(1)})
	ct, _ := kr.Encrypt(ctxID, []byte("32011319900101123X"))
	oldCT, _ := old.Encrypt(ctxID, []byte("13812345678"))
	for _, s := range []string{ct, oldCT, "", "v1:k1:", "v1:k9:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "v1::", ":::"} {
		f.Add(ctxID, s)
		f.Add("other", s)
	}
	f.Fuzz(func(t *testing.T, context, s string) {
		pt, err := kr.Decrypt(context, s)
		needs := kr.NeedsRotation(s)
		rotated, rerr := kr.Rotate(context, s)
		if (err == nil) != (rerr == nil) {
			t.Fatalf("Decrypt err %v but Rotate err %v", err, rerr)
		}
		if err != nil {
			return
		}
		if needs == (rotated == s) || kr.NeedsRotation(rotated) {
			t.Fatalf("rotation state inconsistent for %q", s)
		}
		again, err := kr.Decrypt(context, rotated)
		if err != nil || !bytes.Equal(again, pt) {
			t.Fatalf("rotated ciphertext does not decrypt: %v", err)
		}
	})
}

func FuzzParseKeyring(f *testing.F) {
	for _, s := range []string{
		"", "k1:AAAAAAAAAAAAAAAAAAAAAA==", "k2:AQEBAQEBAQEBAQEBAQEBAQ,k1:AAAAAAAAAAAAAAAAAAAAAA",
		"k1:AAAAAAAAAAAAAAAAAAAAAA==,k1:AAAAAAAAAAAAAAAAAAAAAA==", "k1", ":", ",,", "k1:!!",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		_, _ = ParseBlindIndexer(spec)
		kr, err := ParseKeyring(spec)
		if err != nil {
			return
		}
		ct, err := kr.Encrypt(ctxID, []byte(spec))
		if err != nil {
			t.Fatal(err)
		}
		pt, err := kr.Decrypt(ctxID, ct)
		if err != nil || string(pt) != spec {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzMask(f *testing.F) {
	for _, s := range []string{"", "张三丰", "32011319900101123X", "\xff", " a "} {
		f.Add(s, 3, 4)
	}
	f.Fuzz(func(t *testing.T, s string, head, tail int) {
		trimmed := strings.TrimSpace(s)
		want := utf8.RuneCountInString(trimmed)
		for _, out := range []string{MaskMiddle(s, head, tail), MaskIDNumber(s), MaskPhone(s), MaskName(s)} {
			if utf8.RuneCountInString(out) != want {
				t.Fatalf("mask of %q has %d runes, want %d", s, utf8.RuneCountInString(out), want)
			}
			if want > 0 && !strings.Contains(out, "*") {
				t.Fatalf("mask of %q masks nothing: %q", s, out)
			}
		}
	})
}
