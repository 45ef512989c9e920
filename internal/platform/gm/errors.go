package gm

import "errors"

// Errors returned by this package. They are for operators and logs, never
// shown to residents, and never contain key material or plaintext.
var (
	// ErrKeySpec reports an invalid key configuration.
	ErrKeySpec = errors.New("gm: invalid key configuration")
	// ErrMalformed reports a ciphertext that is not in the v1 format.
	ErrMalformed = errors.New("gm: malformed ciphertext")
	// ErrUnknownKey reports a ciphertext whose key ID is not in the keyring.
	ErrUnknownKey = errors.New("gm: unknown key ID")
	// ErrDecrypt reports a ciphertext that fails authentication: wrong key,
	// wrong context or tampered data.
	ErrDecrypt = errors.New("gm: decryption failed: wrong context or tampered ciphertext")
	// ErrNoContext reports an empty encryption context.
	ErrNoContext = errors.New("gm: empty context")
)
