package approval

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// IdentityGate tells whether an applicant has passed, for one application,
// the remote identity checks (身份核验) an item needs. The app wires it to
// the verify module.
type IdentityGate interface {
	// Require returns the verification that meets level for the purpose,
	// or an error naming the missing step.
	Require(ctx context.Context, accountID int64, purpose string, level int) (Verified, error)
	// Consume uses the verification up inside the transaction that relies on
	// it (single use) and returns the real name it verified, for signatures.
	Consume(ctx context.Context, tx *db.Tx, accountID int64, verificationID, purpose string, level int) (verifiedName string, err error)
}

// Verified is a passed identity verification: its id and, once the
// carrier real-name check passed, the verified name and ID number (the
// applicant's own subject for the credit check).
type Verified struct {
	ID       string
	Name     string
	IDNumber string
}

// CreditCheck runs the credit admission check (信用准入) of the applicant and
// every related person. The app wires it to the credit module.
type CreditCheck interface {
	Admit(ctx context.Context, req CreditRequest) (CreditResult, error)
}

// CreditRequest is what the credit check is asked.
type CreditRequest struct {
	District      string
	RuleSet       string // the item's credit rules, "" for the default
	UseCommitment bool   // the applicant chose 告知承诺
	Parties       []Party
}

// The outcomes of a credit check.
const (
	CreditPass   = "pass"
	CreditWarn   = "warn"
	CreditRefuse = "refuse"
)

// CreditResult is the check's decision: the outcome, the reasons in
// Chinese (with codes masked, for the applicant) and the whole decision as
// JSON for the approver.
type CreditResult struct {
	Outcome  string
	Reasons  []string
	Decision []byte
}

// Signer signs a document for the applicant with the platform's key and
// keeps the evidence (the esign module).
type Signer interface {
	Sign(ctx context.Context, tx *db.Tx, doc SignDoc) (evidenceID string, err error)
}

// SignDoc is one document to sign and who signs it.
type SignDoc struct {
	Kind           string // application | commitment
	Ref            string // the application number
	Body           []byte
	AccountID      int64
	SignerName     string
	Level          int
	VerificationID string
	Handwriting    []byte // an optional PNG of a handwritten signature
}

// SharedData fetches materials that government already holds (shared data
// or an electronic licence) so the applicant is not asked for them
// (国务院令第716号 Art. 7).
type SharedData interface {
	// Fetch returns a reference to the fetched material, or an error saying
	// it could not be found (the applicant must then provide it).
	Fetch(ctx context.Context, district string, m catalog.Material, subjectCode string) (ref string, err error)
}

// Notifier tells an applicant about a change to their application, in the
// transaction of the change (an SMS job).
type Notifier interface {
	Notify(ctx context.Context, tx *db.Tx, accountID int64, text string) error
}
