package gm

import (
	"bytes"
	"crypto/ecdsa"
	"strings"
	"testing"
)

func mustSigningKey(t testing.TB) *SigningKey {
	t.Helper()
	k, err := GenerateSigningKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSignVerify(t *testing.T) {
	k := mustSigningKey(t)
	other := mustSigningKey(t)
	for _, msg := range [][]byte{nil, []byte("audit entry 1"), bytes.Repeat([]byte("x"), 10000)} {
		sig, err := Sign(k, msg)
		if err != nil {
			t.Fatal(err)
		}
		if !Verify(&k.PublicKey, msg, sig) {
			t.Fatalf("valid signature rejected for %d-byte message", len(msg))
		}
		if Verify(&other.PublicKey, msg, sig) {
			t.Fatal("signature verified under another key")
		}
		if Verify(&k.PublicKey, append(bytes.Clone(msg), 0), sig) {
			t.Fatal("signature verified for another message")
		}
		bad := bytes.Clone(sig)
		bad[len(bad)-1] ^= 1
		if Verify(&k.PublicKey, msg, bad) {
			t.Fatal("tampered signature verified")
		}
	}
}

func TestSignVerifyInvalidKeys(t *testing.T) {
	if _, err := Sign(nil, []byte("m")); err == nil {
		t.Error("Sign(nil) succeeded")
	}
	if _, err := Sign(&SigningKey{}, []byte("m")); err == nil {
		t.Error("Sign(zero key) succeeded")
	}
	k := mustSigningKey(t)
	sig, _ := Sign(k, []byte("m"))
	for _, pub := range []*VerifyingKey{nil, {}, {Curve: k.Curve}} {
		if Verify(pub, []byte("m"), sig) {
			t.Error("verified with invalid key")
		}
	}
	if Verify(&k.PublicKey, []byte("m"), nil) || Verify(&k.PublicKey, []byte("m"), []byte("junk")) {
		t.Error("verified junk signature")
	}
}

func TestPrivateKeyPEM(t *testing.T) {
	k := mustSigningKey(t)
	for _, pass := range [][]byte{nil, []byte("correct horse 电池")} {
		pemBytes, err := EncodePrivateKeyPEM(k, pass)
		if err != nil {
			t.Fatal(err)
		}
		wantType := "-----BEGIN PRIVATE KEY-----"
		if pass != nil {
			wantType = "-----BEGIN ENCRYPTED PRIVATE KEY-----"
		}
		if !strings.HasPrefix(string(pemBytes), wantType) {
			t.Fatalf("PEM starts %q", pemBytes[:40])
		}
		got, err := DecodePrivateKeyPEM(pemBytes, pass)
		if err != nil || !got.Equal(k) {
			t.Fatalf("decode: %v", err)
		}
		if pass != nil {
			if _, err := DecodePrivateKeyPEM(pemBytes, []byte("wrong")); err == nil {
				t.Fatal("wrong passphrase accepted")
			}
			if _, err := DecodePrivateKeyPEM(pemBytes, nil); err == nil {
				t.Fatal("missing passphrase accepted")
			}
		}
	}
	if _, err := DecodePrivateKeyPEM([]byte("not pem"), nil); err == nil {
		t.Fatal("garbage accepted")
	}
	if _, err := EncodePrivateKeyPEM(nil, nil); err == nil {
		t.Fatal("nil key encoded")
	}
}

func TestPublicKeyPEM(t *testing.T) {
	k := mustSigningKey(t)
	pemBytes, err := EncodePublicKeyPEM(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := DecodePublicKeyPEM(pemBytes)
	if err != nil || !pub.Equal(&k.PublicKey) {
		t.Fatalf("decode: %v", err)
	}
	sig, _ := Sign(k, []byte("m"))
	if !Verify(pub, []byte("m"), sig) {
		t.Fatal("decoded key does not verify")
	}
	priv, _ := EncodePrivateKeyPEM(k, nil)
	if _, err := DecodePublicKeyPEM(priv); err == nil {
		t.Fatal("private PEM accepted as public")
	}
	if _, err := EncodePublicKeyPEM(&ecdsa.PublicKey{}); err == nil {
		t.Fatal("invalid public key encoded")
	}
}
