package app

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
	"github.com/shanzhi-gov/shanzhi/internal/seal"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// buildLicense constructs electronic licences: every approval queues, in
// the decision's transaction, the issuance of the licences its items
// produce, sealed by the issuing department.
func (a *App) buildLicense() error {
	var err error
	// Demo departments carry demo credit codes (org.DemoCreditCode): the
	// demo's licences say on their face that they are not legal documents.
	opts := []license.Option{license.WithMarks(a.Seal), license.WithDemoMark(a.Cfg.Demo)}
	if a.Cfg.PublicURL != "" {
		opts = append(opts, license.WithBaseURL(a.Cfg.PublicURL))
	}
	if a.License, err = license.New(a.DB, a.Keys, a.Index, licenceSealer{a.Seal}, a.Identity.NotifyAccountTx, opts...); err != nil {
		return fmt.Errorf("app: license: %w", err)
	}
	jobs.Register(a.Jobs, &license.IssueWorker{Licences: a.License, Apps: a.Approval,
		Holders: licenceHolders{verify: a.Verify, identity: a.Identity}, Issuers: license.OrgIssuers{Org: a.Org}})
	a.Approval.OnDecided(license.QueueIssue(a.Jobs))
	return nil
}

// licenceSealer serves license.Sealer from the seal module.
type licenceSealer struct{ s *seal.Service }

func (l licenceSealer) Seal(ctx context.Context, tx *db.Tx, dept string, payload []byte) (license.Seal, error) {
	sd, err := l.s.Seal(ctx, tx, dept, payload)
	if err != nil {
		return license.Seal{}, err
	}
	return license.Seal{KeyID: sd.KeyID, CertSerial: sd.CertSerial, Signature: sd.Signature, CertPEM: sd.CertPEM}, nil
}

func (l licenceSealer) Verify(ctx context.Context, s license.Seal, payload []byte) error {
	return l.s.Verify(ctx, seal.Sealed{KeyID: s.KeyID, CertSerial: s.CertSerial, Signature: s.Signature,
		CertPEM: s.CertPEM}, payload)
}

// licenceHolders names a licence's holder from what was verified, never
// from what was typed: the identity the applicant signed the application
// with (verify), or, for an enterprise user, the enterprise they act for.
type licenceHolders struct {
	verify   *verify.Service
	identity *identity.Service
}

func (h licenceHolders) Holder(ctx context.Context, a approval.Application) (license.Holder, error) {
	if a.ApplicantKind == approval.ApplicantEnterprise {
		return h.enterprise(ctx, a)
	}
	v, err := h.verify.UsedFor(ctx, a.ApplicantID, approval.VerificationPurpose(a.ID))
	if err != nil {
		return license.Holder{}, fmt.Errorf("app: verified applicant of application %d: %w", a.ID, err)
	}
	return license.Holder{Name: v.Name.Reveal(), Code: v.IDNumber.Reveal(), CodeType: license.HolderIDNumber,
		Account: a.ApplicantID}, nil
}

// enterprise is the enterprise an enterprise user applied for: the one
// they act for, or, when they act for several, the one whose credit code
// the application's form names.
func (h licenceHolders) enterprise(ctx context.Context, a approval.Application) (license.Holder, error) {
	links, err := h.identity.EnterprisesOf(ctx, a.ApplicantID)
	if err != nil {
		return license.Holder{}, err
	}
	for _, l := range links {
		if len(links) == 1 || formNames(a.Form, l.Enterprise.CreditCode) {
			return license.Holder{Name: l.Enterprise.Name, Code: l.Enterprise.CreditCode,
				CodeType: license.HolderCreditCode, Account: a.ApplicantID}, nil
		}
	}
	return license.Holder{}, apperr.Conflict(fmt.Sprintf("办件 %d 的申请企业无法确定：申请账号未关联企业，或关联多家企业而申请表未填写其中一家的统一社会信用代码", a.ID))
}

// formNames reports whether any answer of a form is exactly code.
func formNames(form map[string]any, code string) bool {
	for _, v := range form {
		if s, ok := v.(string); ok && s == code {
			return true
		}
	}
	return false
}
