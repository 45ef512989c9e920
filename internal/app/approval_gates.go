package app

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/esign"
	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// The adapters below connect the approval module's ports to the modules
// that serve them. They translate types only; every rule stays in the
// modules.

// identityGate serves approval.IdentityGate from the verify module.
type identityGate struct{ v *verify.Service }

func (g identityGate) Require(ctx context.Context, account int64, purpose string, level int) (approval.Verified, error) {
	v, err := g.v.RequireAccount(ctx, account, purpose, verify.Level(level))
	if err != nil {
		return approval.Verified{}, err
	}
	return approval.Verified{ID: v.ID, Name: v.Name.Reveal(), IDNumber: v.IDNumber.Reveal()}, nil
}

func (g identityGate) Consume(ctx context.Context, tx *db.Tx, account int64, id, purpose string, level int) (string, error) {
	v, err := g.v.ConsumeAccount(ctx, tx, account, id, purpose, verify.Level(level))
	if err != nil {
		return "", err
	}
	return v.Name.Reveal(), nil
}

// creditGate serves approval.CreditCheck from the credit module. An
// applicant who chose 告知承诺 is also checked against the commitment
// rules (a broken commitment bars it); the worse outcome stands.
type creditGate struct{ c *credit.Service }

func (g creditGate) Admit(ctx context.Context, req approval.CreditRequest) (approval.CreditResult, error) {
	parties := make([]credit.Party, len(req.Parties))
	for i, p := range req.Parties {
		parties[i] = credit.Party{Role: credit.PartyRole(p.Role), Kind: credit.SubjectKind(p.SubjectKind), Code: p.Code}
	}
	sets := []string{req.RuleSet}
	if req.UseCommitment {
		sets = append(sets, "commitment")
	}
	res := approval.CreditResult{Outcome: approval.CreditPass}
	var decisions []credit.Decision
	for _, set := range sets {
		d, err := g.c.Check(ctx, credit.Request{District: req.District, RuleSet: set, Parties: parties})
		if err != nil {
			return approval.CreditResult{}, err
		}
		decisions = append(decisions, d)
		res.Reasons = append(res.Reasons, d.Reasons()...)
		res.Outcome = worseOutcome(res.Outcome, string(d.Outcome))
	}
	raw, err := json.Marshal(decisions)
	if err != nil {
		return approval.CreditResult{}, err
	}
	res.Decision = raw
	return res, nil
}

// worseOutcome returns the more severe of two credit outcomes.
func worseOutcome(a, b string) string {
	rank := map[string]int{approval.CreditPass: 0, approval.CreditWarn: 1, approval.CreditRefuse: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// signer serves approval.Signer from the esign module.
type signer struct{ e *esign.Service }

func (s signer) Sign(ctx context.Context, tx *db.Tx, d approval.SignDoc) (string, error) {
	ev, err := s.e.Sign(ctx, tx, esign.Doc{Kind: esign.Kind(d.Kind), Ref: d.Ref, Bytes: d.Body},
		esign.Signer{AccountID: d.AccountID, Name: d.SignerName, Level: verify.Level(d.Level), VerificationID: d.VerificationID,
			Handwriting: d.Handwriting})
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(ev.ID, 10), nil
}

// notifier serves approval.Notifier with identity's SMS notices.
type notifier struct{ id *identity.Service }

func (n notifier) Notify(ctx context.Context, tx *db.Tx, account int64, text string) error {
	return n.id.NotifyAccountTx(ctx, tx, account, text)
}

// Steps hands the resident pages the verification steps behind the gate.
func (g identityGate) Steps() approval.IdentitySteps { return g.v }
