package approval

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Identity levels (see the verify module): 1 SMS sign-in, 2 + carrier
// real-name check, 3 + face match.
const (
	LevelSMS     = 1
	LevelCarrier = 2
	LevelFace    = 3
)

// PreReviewDays is the limit for pre-review: an application nobody has
// looked at within 5 working days counts as accepted (行政许可法 Art. 32;
// Art. 82: periods in working days).
const PreReviewDays = 5

// IdentityLevelOf is the identity level an item needs: its own setting, or
// face match for licences and the carrier check for everything else.
func IdentityLevelOf(it catalog.Item) int {
	switch {
	case it.IdentityLevel > 0:
		return it.IdentityLevel
	case it.ItemType == catalog.TypeLicence:
		return LevelFace
	}
	return LevelCarrier
}

// Submit checks an application whole and hands it to the front desks:
// every form answer against the items' forms (one form for a bundle,
// 一表申请), every material provided or fetched, the related persons the
// items require, the identity level, the credit admission check, and the
// applicant's signature of the application (and of the commitment letter
// when 告知承诺 is chosen). Any failure writes nothing but the credit
// outcome, which the applicant is shown.
func (s *Service) Submit(ctx context.Context, actor *authz.Actor, id int64, revision int) (Filed, error) {
	return s.SubmitSigned(ctx, actor, id, revision, nil)
}

// SubmitSigned is Submit with a handwritten signature (a PNG captured on
// the phone) kept with the electronic signature's evidence.
func (s *Service) SubmitSigned(ctx context.Context, actor *authz.Actor, id int64, revision int, handwriting []byte) (Filed, error) {
	f, err := s.Get(ctx, actor, id)
	if err != nil {
		return Filed{}, err
	}
	if ok, err := s.files(ctx, s.DB, actor, &f.Application); err != nil || !ok {
		if err == nil {
			err = apperr.NotFound("办件不存在")
		}
		return Filed{}, err
	}
	if err := s.checkComplete(ctx, &f); err != nil {
		return Filed{}, err
	}
	verified, err := s.verifiedFiler(ctx, actor, &f)
	if err != nil {
		return Filed{}, err
	}
	credit, err := s.admit(ctx, &f, verified)
	if err != nil {
		return Filed{}, err
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		a, err := s.ownForEdit(ctx, tx, actor, id, revision)
		if err != nil {
			return err
		}
		f.Application = a
		if credit.Outcome == CreditRefuse {
			return s.recordCreditRefusal(ctx, tx, actor, &f.Application, credit)
		}
		signer, err := s.signerOf(ctx, tx, actor, &f, verified.ID)
		if err != nil {
			return err
		}
		signer.Handwriting = handwriting
		return s.file(ctx, tx, actor, &f, signer, credit)
	})
	if err != nil {
		return Filed{}, err
	}
	if credit.Outcome == CreditRefuse {
		e := apperr.Forbidden("信用准入未通过：" + joinReasons(credit.Reasons))
		e.Fields = map[string]string{"credit": joinReasons(credit.Reasons)}
		return f, e
	}
	return f, nil
}

// verifiedFiler returns the identity verification of whoever files: the
// applicant's own remote check, or, for an agent, the applicant's signed
// authorisation (the agent is a signed-in staff member).
func (s *Service) verifiedFiler(ctx context.Context, actor *authz.Actor, f *Filed) (Verified, error) {
	if f.AgentID == actor.AccountID && f.ApplicantID != actor.AccountID {
		ev, err := s.authorisationOf(ctx, f.ApplicantID, actor.AccountID, f.ItemCode)
		return Verified{ID: ev}, err
	}
	return s.Gates.Identity.Require(ctx, actor.AccountID, VerificationPurpose(f.ID), s.levelOf(*f))
}

// signerOf uses up the applicant's verification in tx and names who signs:
// the verified real name, or the agent under the authorisation.
func (s *Service) signerOf(ctx context.Context, tx *db.Tx, actor *authz.Actor, f *Filed, verification string) (SignDoc, error) {
	doc := SignDoc{AccountID: actor.AccountID, SignerName: actor.Name, Level: LevelSMS, VerificationID: verification}
	if f.AgentID == actor.AccountID && f.ApplicantID != actor.AccountID {
		return doc, nil
	}
	doc.Level = s.levelOf(*f)
	name, err := s.Gates.Identity.Consume(ctx, tx, actor.AccountID, verification, VerificationPurpose(f.ID), doc.Level)
	if err != nil {
		return SignDoc{}, err
	}
	if name != "" {
		doc.SignerName = name
	}
	return doc, nil
}

// purposeOf names the identity verification of one application.
func VerificationPurpose(id int64) string { return fmt.Sprintf("application:%d", id) }

// levelOf is the highest identity level the application's items need.
func (s *Service) levelOf(f Filed) int {
	level := LevelSMS
	for _, v := range f.Items {
		level = max(level, IdentityLevelOf(v.Item))
	}
	return level
}

// admit runs the credit check over the applicant (as verified) and the
// related persons, with the strictest rule set of the items.
func (s *Service) admit(ctx context.Context, f *Filed, v Verified) (CreditResult, error) {
	req := CreditRequest{District: f.District, UseCommitment: f.UseCommitment, Parties: f.Parties}
	if v.IDNumber != "" {
		req.Parties = append([]Party{{Role: PartyApplicant, SubjectKind: "person", Name: v.Name, Code: v.IDNumber}}, f.Parties...)
	}
	for _, v := range f.Items {
		if v.Item.CreditRules != "" {
			req.RuleSet = string(v.Item.CreditRules)
		}
	}
	res, err := s.Gates.Credit.Admit(ctx, req)
	if err != nil {
		return CreditResult{}, fmt.Errorf("approval: credit check: %w", err)
	}
	return res, nil
}

// recordCreditRefusal keeps the refusal on the draft so the applicant and
// staff can see why; the application stays a draft.
func (s *Service) recordCreditRefusal(ctx context.Context, tx *db.Tx, actor *authz.Actor, a *Application, c CreditResult) error {
	if err := bump(ctx, tx, a, a.State, "credit_outcome = ?, credit_decision = ?", c.Outcome, string(c.Decision)); err != nil {
		return err
	}
	a.CreditOutcome = c.Outcome
	return addEvent(ctx, tx, a, actor, "credit_refused", a.State, "信用准入未通过："+joinReasons(c.Reasons), false)
}

// file signs and submits in tx.
func (s *Service) file(ctx context.Context, tx *db.Tx, actor *authz.Actor, f *Filed, signer SignDoc, c CreditResult) error {
	a := &f.Application
	from := a.State
	if a.Number == "" {
		n, err := nextNumber(ctx, tx, a.District, numApplication)
		if err != nil {
			return err
		}
		a.Number = n
	}
	if err := s.signAll(ctx, tx, f, signer); err != nil {
		return err
	}
	if err := s.fetchShared(ctx, tx, f); err != nil {
		return err
	}
	err := bump(ctx, tx, a, StateSubmitted, `number = ?, credit_outcome = ?, credit_decision = ?, verification_id = ?,
		submitted_at = ?, claimed_by = NULL, claimed_at = NULL`, a.Number, c.Outcome, string(c.Decision), signer.VerificationID, tx.Now())
	if err != nil {
		return err
	}
	a.CreditOutcome, a.SubmittedAt = c.Outcome, tx.Now()
	note := ""
	if c.Outcome == CreditWarn {
		note = "信用提示：" + joinReasons(c.Reasons)
	}
	kind := "submit"
	if from == StateReturned {
		kind = "resubmit"
		if err := answerNotice(ctx, tx, a.ID); err != nil {
			return err
		}
	}
	if err := addEvent(ctx, tx, a, actor, kind, from, note, false); err != nil {
		return err
	}
	return s.scheduleDeemedAcceptance(ctx, tx, a)
}

// signAll signs the application document and, for 告知承诺, the
// commitment letter of every item that allows one.
func (s *Service) signAll(ctx context.Context, tx *db.Tx, f *Filed, doc SignDoc) error {
	body, err := applicationDocument(f)
	if err != nil {
		return err
	}
	doc.Kind, doc.Ref, doc.Body = "application", f.Number, body
	if _, err := s.Gates.Signer.Sign(ctx, tx, doc); err != nil {
		return fmt.Errorf("approval: sign application: %w", err)
	}
	if !f.UseCommitment {
		return nil
	}
	for _, v := range f.Items {
		if !v.Item.Commitment.Allowed {
			continue
		}
		doc.Kind, doc.Body = "commitment", []byte(v.Item.Name+"告知承诺书\n"+v.Item.Commitment.Text)
		if _, err := s.Gates.Signer.Sign(ctx, tx, doc); err != nil {
			return fmt.Errorf("approval: sign commitment: %w", err)
		}
	}
	return nil
}

// applicationDocument is the canonical text of what the applicant signs:
// the items and versions, the form answers and the related persons.
func applicationDocument(f *Filed) ([]byte, error) {
	return json.Marshal(struct {
		Number  string         `json:"number"`
		Item    ItemRef        `json:"item"`
		Bundle  []ItemRef      `json:"bundle"`
		Form    map[string]any `json:"form"`
		Parties []Party        `json:"parties"`
		Commit  bool           `json:"use_commitment"`
	}{f.Number, ItemRef{f.ItemCode, f.ItemVersion}, f.Bundle, f.Form, f.Parties, f.UseCommitment})
}

// joinReasons writes reasons as one sentence.
func joinReasons(rs []string) string {
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += "；"
		}
		out += r
	}
	return out
}

// deemedAt is when an application submitted at t counts as accepted if
// nobody pre-reviews it.
func (s *Service) deemedAt(t time.Time) time.Time {
	return s.Calendar.DeadlineAfterWorkdays(t, PreReviewDays, officeDay)
}
