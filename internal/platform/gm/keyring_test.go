package gm

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

const ctxID = "residents.id_number"

// testKey returns a deterministic KeySize-byte key filled with b.
func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, KeySize) }

func mustKeyring(t testing.TB, current string, keys map[string][]byte) *Keyring {
	t.Helper()
	kr, err := NewKeyring(current, keys)
	if err != nil {
		t.Fatal(err)
	}
	return kr
}

func TestSM4GCMKnownAnswer(t *testing.T) {
	// GB/T 36624-2018 C.5 example 1: zero key, zero nonce, no data.
	aead, err := newSM4GCM(make([]byte, 16))
	if err != nil {
		t.Fatal(err)
	}
	tag := aead.Seal(nil, make([]byte, 12), nil, nil)
	if got := hex.EncodeToString(tag); got != "232f0cfe308b49ea6fc88229b5dc858d" {
		t.Fatalf("tag %s", got)
	}
}

func TestEncryptRoundTrip(t *testing.T) {
	kr := mustKeyring(t, "k1", map[string][]byte{"k1": testKey(1)})
	for _, pt := range [][]byte{nil, []byte("32011319900101123X"), []byte("张三丰"), bytes.Repeat([]byte{0, 255}, 1000)} {
		ct, err := kr.Encrypt(ctxID, pt)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(ct, "v1:k1:") || strings.Contains(ct, string(pt)) && len(pt) > 0 {
			t.Fatalf("ciphertext %q", ct)
		}
		got, err := kr.Decrypt(ctxID, ct)
		if err != nil || !bytes.Equal(got, pt) {
			t.Fatalf("Decrypt = %q, %v; want %q", got, err, pt)
		}
	}
}

func TestEncryptIsRandomised(t *testing.T) {
	kr := mustKeyring(t, "k1", map[string][]byte{"k1": testKey(1)})
	a, _ := kr.Encrypt(ctxID, []byte("same"))
	b, _ := kr.Encrypt(ctxID, []byte("same"))
	if a == b {
		t.Fatal("two encryptions of the same value are equal")
	}
}

func TestDecryptWrongContext(t *testing.T) {
	kr := mustKeyring(t, "k1", map[string][]byte{"k1": testKey(1)})
	ct, _ := kr.Encrypt(ctxID, []byte("secret"))
	for _, ctx := range []string{"residents.phone", ctxID + " ", "residents.id_numbe"} {
		if _, err := kr.Decrypt(ctx, ct); !errors.Is(err, ErrDecrypt) {
			t.Errorf("context %q: err = %v, want ErrDecrypt", ctx, err)
		}
	}
	if _, err := kr.Decrypt("", ct); !errors.Is(err, ErrNoContext) {
		t.Errorf("empty context: %v", err)
	}
	if _, err := kr.Encrypt("", nil); !errors.Is(err, ErrNoContext) {
		t.Errorf("Encrypt empty context: %v", err)
	}
}

func TestDecryptTampered(t *testing.T) {
	kr := mustKeyring(t, "k1", map[string][]byte{"k1": testKey(1)})
	ct, _ := kr.Encrypt(ctxID, []byte("secret value"))
	env, err := parseEnvelope(ct)
	if err != nil {
		t.Fatal(err)
	}
	for i := range env.payload {
		p := bytes.Clone(env.payload)
		p[i] ^= 0x01
		if _, err := kr.Decrypt(ctxID, formatEnvelope("k1", p)); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("flipped byte %d: err = %v", i, err)
		}
	}
	short := formatEnvelope("k1", env.payload[:len(env.payload)-1])
	if _, err := kr.Decrypt(ctxID, short); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("truncated: %v", err)
	}
}

func TestDecryptKeyIDSwap(t *testing.T) {
	// Same key bytes under two IDs: relabelling must still fail, because
	// the key ID is authenticated.
	kr := mustKeyring(t, "a", map[string][]byte{"a": testKey(1), "b": testKey(1)})
	ct, _ := kr.Encrypt(ctxID, []byte("x"))
	swapped := "v1:b:" + strings.TrimPrefix(ct, "v1:a:")
	if _, err := kr.Decrypt(ctxID, swapped); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("err = %v", err)
	}
}

func TestDecryptUnknownKey(t *testing.T) {
	k1 := mustKeyring(t, "k1", map[string][]byte{"k1": testKey(1)})
	k9 := mustKeyring(t, "k9", map[string][]byte{"k9": testKey(9)})
	ct, _ := k9.Encrypt(ctxID, []byte("x"))
	_, err := k1.Decrypt(ctxID, ct)
	if !errors.Is(err, ErrUnknownKey) || !strings.Contains(err.Error(), `"k9"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestDecryptMalformed(t *testing.T) {
	kr := mustKeyring(t, "k1", map[string][]byte{"k1": testKey(1)})
	good, _ := kr.Encrypt(ctxID, []byte("x"))
	payload := strings.TrimPrefix(good, "v1:k1:")
	for _, in := range []string{
		"", "v1", "v1:", "v1:k1", "v1:k1:", "v2:k1:" + payload, "V1:k1:" + payload,
		"v1::" + payload, "v1:k 1:" + payload, "v1:k1:" + payload + "=",
		"v1:k1:" + payload + ":x", "v1:k1:AAAA", "v1:k1:!!!!", "plain text",
		"'; DROP TABLE x;--", "v1:k1:+" + payload[1:], "v1:k1:/" + payload[1:],
	} {
		_, err := kr.Decrypt(ctxID, in)
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("Decrypt(%q) err = %v, want ErrMalformed", in, err)
		}
		if kr.NeedsRotation(in) {
			t.Errorf("NeedsRotation(%q) = true", in)
		}
	}
}

func TestRotation(t *testing.T) {
	old := mustKeyring(t, "k1", map[string][]byte{"k1": testKey(1)})
	ct1, _ := old.Encrypt(ctxID, []byte("13812345678"))

	kr, err := ParseKeyring(FormatKeySpec("k2", testKey(2)) + "," + FormatKeySpec("k1", testKey(1)))
	if err != nil {
		t.Fatal(err)
	}
	if pt, err := kr.Decrypt(ctxID, ct1); err != nil || string(pt) != "13812345678" {
		t.Fatalf("old ciphertext: %q, %v", pt, err)
	}
	if !kr.NeedsRotation(ct1) || old.NeedsRotation(ct1) {
		t.Fatal("NeedsRotation wrong for k1 ciphertext")
	}
	ct2, err := kr.Rotate(ctxID, ct1)
	if err != nil || !strings.HasPrefix(ct2, "v1:k2:") || kr.NeedsRotation(ct2) {
		t.Fatalf("Rotate = %q, %v", ct2, err)
	}
	if pt, err := kr.Decrypt(ctxID, ct2); err != nil || string(pt) != "13812345678" {
		t.Fatalf("rotated: %q, %v", pt, err)
	}
	if again, err := kr.Rotate(ctxID, ct2); err != nil || again != ct2 {
		t.Fatalf("Rotate of current ciphertext = %q, %v", again, err)
	}
	if _, err := kr.Rotate("other.column", ct1); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("Rotate with wrong context: %v", err)
	}
	if _, err := old.Decrypt(ctxID, ct2); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("old keyring on k2 ciphertext: %v", err)
	}
}

func TestParseKeyring(t *testing.T) {
	k := base64.StdEncoding.EncodeToString(testKey(7))
	raw := base64.RawURLEncoding.EncodeToString(testKey(8))
	kr, err := ParseKeyring(" k2:" + k + " , old-1.a:" + raw)
	if err != nil {
		t.Fatal(err)
	}
	if kr.CurrentID() != "k2" || strings.Join(kr.KeyIDs(), ",") != "k2,old-1.a" {
		t.Fatalf("current %s ids %v", kr.CurrentID(), kr.KeyIDs())
	}
	short := base64.StdEncoding.EncodeToString(make([]byte, 15))
	for _, spec := range []string{
		"", ",", "k1", ":" + k, "k1:", "k1:not base64!", "k1:" + short,
		"k1:" + k + ",k1:" + k, "k/1:" + k, "k1:" + k + ",", strings.Repeat("a", 33) + ":" + k,
	} {
		_, err := ParseKeyring(spec)
		if !errors.Is(err, ErrKeySpec) {
			t.Errorf("ParseKeyring(%q) err = %v", spec, err)
			continue
		}
		if strings.Contains(err.Error(), k) || strings.Contains(err.Error(), "base64!") {
			t.Errorf("error leaks key text: %v", err)
		}
	}
}

func TestNewKeyringErrors(t *testing.T) {
	cases := []struct {
		current string
		keys    map[string][]byte
	}{
		{"k1", nil},
		{"k2", map[string][]byte{"k1": testKey(1)}},
		{"k1", map[string][]byte{"k1": make([]byte, 32)}},
		{"k:1", map[string][]byte{"k:1": testKey(1)}},
		{"k1", map[string][]byte{"k1": testKey(1), "": testKey(2)}},
	}
	for _, c := range cases {
		if _, err := NewKeyring(c.current, c.keys); !errors.Is(err, ErrKeySpec) {
			t.Errorf("NewKeyring(%q) err = %v", c.current, err)
		}
	}
}

func TestGenerateKey(t *testing.T) {
	a, err := GenerateKey()
	if err != nil || len(a) != KeySize {
		t.Fatal(len(a), err)
	}
	b, _ := GenerateKey()
	if bytes.Equal(a, b) {
		t.Fatal("two generated keys are equal")
	}
	if _, err := ParseKeyring(FormatKeySpec("gen", a)); err != nil {
		t.Fatal(err)
	}
}
