package gm

import (
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/emmansun/gmsm/pkcs"
	"github.com/emmansun/gmsm/pkcs8"
	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"
)

// PEM block types.
const (
	pemPrivate          = "PRIVATE KEY"
	pemEncryptedPrivate = "ENCRYPTED PRIVATE KEY"
	pemPublic           = "PUBLIC KEY"
)

// Passphrase protection: PBES2 with SM4-CBC and PBKDF2-HMAC-SM3.
const (
	pbkdfSaltSize   = 16
	pbkdfIterations = 100_000
)

// EncodePrivateKeyPEM encodes priv as PKCS#8 PEM. With a non-empty
// passphrase the key is encrypted (PBES2, SM4-CBC, PBKDF2-HMAC-SM3,
// "ENCRYPTED PRIVATE KEY"); otherwise it is plain ("PRIVATE KEY").
func EncodePrivateKeyPEM(priv *SigningKey, passphrase []byte) ([]byte, error) {
	if priv == nil {
		return nil, errors.New("gm: nil private key")
	}
	enc := pkcs.NewSMPBESEncrypter(pbkdfSaltSize, pbkdfIterations)
	der, err := pkcs8.MarshalPrivateKey(priv, passphrase, enc)
	if err != nil {
		return nil, err
	}
	typ := pemPrivate
	if len(passphrase) > 0 {
		typ = pemEncryptedPrivate
	}
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), nil
}

// DecodePrivateKeyPEM decodes an SM2 private key written by
// EncodePrivateKeyPEM (or any PKCS#8 SM2 key), using passphrase if the
// block is encrypted.
func DecodePrivateKeyPEM(data, passphrase []byte) (*SigningKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("gm: no PEM block")
	}
	switch block.Type {
	case pemPrivate:
		return pkcs8.ParsePKCS8PrivateKeySM2(block.Bytes)
	case pemEncryptedPrivate:
		if len(passphrase) == 0 {
			return nil, errors.New("gm: private key is encrypted; passphrase required")
		}
		key, err := pkcs8.ParsePKCS8PrivateKeySM2(block.Bytes, passphrase)
		if err != nil {
			return nil, fmt.Errorf("gm: cannot decrypt private key (wrong passphrase?): %w", err)
		}
		return key, nil
	}
	return nil, fmt.Errorf("gm: unexpected PEM block %q", block.Type)
}

// EncodePublicKeyPEM encodes pub as a PKIX "PUBLIC KEY" PEM block.
func EncodePublicKeyPEM(pub *VerifyingKey) ([]byte, error) {
	if !validPublic(pub) {
		return nil, errors.New("gm: not an SM2 public key")
	}
	der, err := smx509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPublic, Bytes: der}), nil
}

// DecodePublicKeyPEM decodes a PKIX "PUBLIC KEY" PEM block holding an SM2
// public key.
func DecodePublicKeyPEM(data []byte) (*VerifyingKey, error) {
	block, _ := pem.Decode(data)
	if block == nil || block.Type != pemPublic {
		return nil, errors.New("gm: no PUBLIC KEY PEM block")
	}
	key, err := smx509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	pub, ok := key.(*VerifyingKey)
	if !ok || !sm2.IsSM2PublicKey(pub) {
		return nil, errors.New("gm: PEM block does not hold an SM2 public key")
	}
	return pub, nil
}
