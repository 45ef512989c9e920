package gm

import (
	"crypto/ecdsa"
	"crypto/rand"
	"errors"

	"github.com/emmansun/gmsm/sm2"
)

// SigningKey is an SM2 private key.
type SigningKey = sm2.PrivateKey

// VerifyingKey is an SM2 public key (an ECDSA key on the SM2 curve).
type VerifyingKey = ecdsa.PublicKey

// GenerateSigningKey returns a new SM2 key pair; the public half is
// &key.PublicKey.
func GenerateSigningKey() (*SigningKey, error) {
	return sm2.GenerateKey(rand.Reader)
}

// Sign returns the ASN.1 DER SM2 signature (GB/T 32918.2) of msg, hashed
// with SM3 together with Z_A computed from the default user ID
// "1234567812345678" of GM/T 0009.
func Sign(priv *SigningKey, msg []byte) ([]byte, error) {
	if priv == nil || priv.D == nil || !validPublic(&priv.PublicKey) {
		return nil, errors.New("gm: invalid SM2 private key")
	}
	digest, err := sm2.CalculateSM2Hash(&priv.PublicKey, msg, nil)
	if err != nil {
		return nil, err
	}
	return sm2.SignASN1(rand.Reader, priv, digest, nil)
}

// Verify reports whether sig is a valid Sign signature of msg by pub.
func Verify(pub *VerifyingKey, msg, sig []byte) bool {
	if !validPublic(pub) {
		return false
	}
	return sm2.VerifyASN1WithSM2(pub, nil, msg, sig)
}

// validPublic reports whether pub is a non-nil key on the SM2 curve.
func validPublic(pub *ecdsa.PublicKey) bool {
	// gmsm's SM2 keys are ecdsa.PublicKey values on a non-NIST curve, which
	// the Bytes API does not cover; reading X and Y only checks for nil.
	//lint:ignore SA1019 nil check of a gmsm key's coordinates, no arithmetic
	return pub != nil && pub.X != nil && pub.Y != nil && sm2.IsSM2PublicKey(pub)
}
