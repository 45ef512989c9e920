package gm

import (
	"encoding/base64"
	"strings"
)

const (
	formatV1  = "v1"
	nonceSize = 12
	tagSize   = 16
	aadLabel  = "shanzhi/gm/field/v1\x00"
)

var payloadEncoding = base64.RawURLEncoding.Strict()

// envelope is a parsed v1 ciphertext.
type envelope struct {
	keyID   string
	payload []byte // nonce || ciphertext || tag
}

// formatEnvelope returns "v1:<keyid>:<base64url(payload)>".
func formatEnvelope(keyID string, payload []byte) string {
	return formatV1 + ":" + keyID + ":" + payloadEncoding.EncodeToString(payload)
}

// parseEnvelope splits and decodes a v1 ciphertext.
func parseEnvelope(s string) (envelope, error) {
	version, rest, ok := strings.Cut(s, ":")
	if !ok || version != formatV1 {
		return envelope{}, ErrMalformed
	}
	keyID, b64, ok := strings.Cut(rest, ":")
	if !ok || !validKeyID(keyID) {
		return envelope{}, ErrMalformed
	}
	payload, err := payloadEncoding.DecodeString(b64)
	if err != nil || len(payload) < nonceSize+tagSize {
		return envelope{}, ErrMalformed
	}
	return envelope{keyID: keyID, payload: payload}, nil
}

// fieldAAD binds the format version, the key ID and the caller's context.
// Key IDs contain no NUL byte and the context comes last, so the encoding
// is unambiguous.
func fieldAAD(keyID, context string) []byte {
	return []byte(aadLabel + keyID + "\x00" + context)
}
