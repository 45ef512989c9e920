package esign

import (
	"encoding/json"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// payloadVersion is the format of the signed payload.
const payloadVersion = 1

// payload is what the platform signs. Field order is the canonical order;
// never reorder, only add fields behind a new version.
type payload struct {
	V              int          `json:"v"`
	DocKind        Kind         `json:"doc_kind"`
	DocRef         string       `json:"doc_ref"`
	Digest         string       `json:"digest"`
	Signer         signerPart   `json:"signer"`
	Level          verify.Level `json:"level"`
	VerificationID string       `json:"verification_id"`
	SignedAt       time.Time    `json:"signed_at"`
	KeyID          string       `json:"key_id"`
	Handwriting    string       `json:"handwriting_digest"`
}

type signerPart struct {
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
}

// canonical encodes p canonically (see the package documentation).
func (p payload) canonical() ([]byte, error) {
	p.SignedAt = p.SignedAt.UTC()
	return json.Marshal(p)
}

// parsePayload decodes a stored payload strictly.
func parsePayload(b []byte) (payload, error) {
	var p payload
	err := json.Unmarshal(b, &p)
	return p, err
}
