package gm

import (
	"crypto/rand"
	"fmt"
)

// Encrypt seals plaintext under the current key, bound to context (for
// example "residents.id_number"), and returns a v1 ciphertext string.
func (kr *Keyring) Encrypt(context string, plaintext []byte) (string, error) {
	if context == "" {
		return "", ErrNoContext
	}
	nonce := make([]byte, nonceSize, nonceSize+len(plaintext)+tagSize)
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	sealed := kr.aeads[kr.current].Seal(nonce, nonce, plaintext, fieldAAD(kr.current, context))
	return formatEnvelope(kr.current, sealed), nil
}

// Decrypt opens a ciphertext made by Encrypt with the same context. It
// returns ErrMalformed, ErrUnknownKey (wrapped, naming the key ID),
// ErrDecrypt or ErrNoContext.
func (kr *Keyring) Decrypt(context, ciphertext string) ([]byte, error) {
	_, pt, err := kr.open(context, ciphertext)
	return pt, err
}

// NeedsRotation reports whether ciphertext is well formed and was made
// under a key other than the current one. Malformed input gives false.
func (kr *Keyring) NeedsRotation(ciphertext string) bool {
	env, err := parseEnvelope(ciphertext)
	return err == nil && env.keyID != kr.current
}

// Rotate decrypts ciphertext and, unless it already uses the current key,
// re-encrypts it under the current key with the same context. A ciphertext
// under the current key is verified and returned unchanged.
func (kr *Keyring) Rotate(context, ciphertext string) (string, error) {
	keyID, pt, err := kr.open(context, ciphertext)
	if err != nil {
		return "", err
	}
	defer clear(pt)
	if keyID == kr.current {
		return ciphertext, nil
	}
	return kr.Encrypt(context, pt)
}

// open parses, looks up the key and authenticates a ciphertext.
func (kr *Keyring) open(context, ciphertext string) (string, []byte, error) {
	if context == "" {
		return "", nil, ErrNoContext
	}
	env, err := parseEnvelope(ciphertext)
	if err != nil {
		return "", nil, err
	}
	aead, ok := kr.aeads[env.keyID]
	if !ok {
		return "", nil, fmt.Errorf("%w %q", ErrUnknownKey, env.keyID)
	}
	nonce, sealed := env.payload[:nonceSize], env.payload[nonceSize:]
	pt, err := aead.Open(nil, nonce, sealed, fieldAAD(env.keyID, context))
	if err != nil {
		return "", nil, ErrDecrypt
	}
	return env.keyID, pt, nil
}
