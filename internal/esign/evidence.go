package esign

import (
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// Kind is the kind of a signed document.
type Kind string

// The kinds of document the platform signs.
const (
	KindApplication Kind = "application"   // 申请书
	KindCommitment  Kind = "commitment"    // 告知承诺书
	KindAuthorizing Kind = "authorization" // 授权委托书
)

// Name is the kind's Chinese name.
func (k Kind) Name() string {
	switch k {
	case KindApplication:
		return "申请书"
	case KindCommitment:
		return "告知承诺书"
	case KindAuthorizing:
		return "授权委托书"
	}
	return string(k)
}

func (k Kind) valid() bool {
	return k == KindApplication || k == KindCommitment || k == KindAuthorizing
}

// Doc is a document to sign: its kind, its reference (e.g.
// "application:1024") and its exact bytes (e.g. the rendered PDF).
type Doc struct {
	Kind  Kind
	Ref   string
	Bytes []byte
}

// Signer is who signs: the account, the real name the carrier check
// verified, the identity level held and the verification that proved it,
// and optionally a PNG of a handwritten signature captured on the phone.
type Signer struct {
	AccountID      int64
	Name           string
	Level          verify.Level
	VerificationID string
	Handwriting    []byte
}

// Evidence is a stored signature.
type Evidence struct {
	ID        int64
	DocKind   Kind
	DocRef    string
	Digest    string // SM3 of the document, 64 hex digits
	AccountID int64
	// SignerMasked is the signer's name as displayed ("张*"); the full name
	// is only inside Payload.
	SignerMasked   string
	Level          verify.Level
	VerificationID string
	SignedAt       time.Time
	KeyID          string
	// Payload is the canonical JSON that was signed; Signature the ASN.1
	// DER SM2 signature of it.
	Payload     []byte
	Signature   []byte
	Handwriting []byte
}
