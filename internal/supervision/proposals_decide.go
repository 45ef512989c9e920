package supervision

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Limits of a decision.
const (
	minDecisionRunes = 5
	maxDecisionRunes = 500
	// maxLicenceReason is what a licence keeps of the reason (the licence
	// module's limit): it is shown to anyone verifying the licence.
	maxLicenceReason = 200
	// proposalLease is how long a revocation may hold a proposal. Revoking
	// an item's licences takes milliseconds; the lease only matters when a
	// revocation is interrupted.
	proposalLease = 2 * time.Minute
)

// DecisionInput is an approver's decision on a proposal.
type DecisionInput struct {
	Decision string `json:"decision"` // DecisionRevoke | DecisionReject
	Reason   string `json:"reason"`
}

var errDecided = apperr.Conflict("该吊销提议已作出决定或正在办理吊销，不能重复决定")

// DecideProposal settles a pending proposal: an approver of its
// department only; a decided proposal is refused (409) with nothing
// changed.
//
// 吊销 goes in three steps, because the licence module revokes in a
// transaction of its own: (1) a short lease on the proposal, conditional
// on it being pending and unclaimed, so that no other decision races this
// one; (2) the revocation of the item's current licences, all or none;
// (3) the decision, conditional on the proposal still pending, with its
// audit record and notices. A failed revocation releases the lease and
// leaves the proposal pending. The proposal is marked after the licences,
// never before: an interruption between (2) and (3) leaves revoked
// licences under a proposal still listed as pending (never a revoked
// proposal over a valid licence), which may be revoked again once the
// lease lapses — nothing is current any more, so that records the
// decision with 0 more licences — and may not be rejected.
//
// 不予吊销 is one transaction: the decision, conditional on the proposal
// pending and unclaimed, its audit record and notices.
func (s *Service) DecideProposal(ctx context.Context, actor *authz.Actor, id int64, in DecisionInput) (Proposal, error) {
	if err := authz.Check(actor, actProposalDecide, authz.Scope{}); err != nil {
		return Proposal{}, err
	}
	p, target, err := s.proposalOf(ctx, actor, id)
	if err != nil {
		return Proposal{}, err
	}
	if !actor.May(actProposalDecide, target) {
		return Proposal{}, apperr.Forbidden("只有提议所涉审批部门的审批人员可以作出决定")
	}
	if !p.Pending() {
		return Proposal{}, errDecided
	}
	reason, err := in.validate()
	if err != nil {
		return Proposal{}, err
	}
	if in.Decision == DecisionReject {
		p.Status = ProposalRejected
		if err := s.settle(ctx, actor, &p, reason); err != nil {
			return Proposal{}, err
		}
		return p, nil
	}
	return s.revokeProposal(ctx, actor, p, reason)
}

// revokeProposal takes the lease, revokes the licences and settles.
func (s *Service) revokeProposal(ctx context.Context, actor *authz.Actor, p Proposal, reason string) (Proposal, error) {
	if s.Licences == nil {
		return Proposal{}, apperr.New(apperr.CodeUnavailable, "未接入电子证照服务，暂不能吊销")
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		ok, err := claimProposal(ctx, tx, p.ID, proposalLease)
		if err == nil && !ok {
			err = errDecided
		}
		return err
	})
	if err != nil {
		return Proposal{}, err
	}
	n, err := s.Licences.RevokeForApplication(ctx, actor, p.ApplicationID, p.ItemCode, clip(reason, maxLicenceReason))
	if err != nil {
		release := s.DB.InTx(ctx, func(tx *db.Tx) error { return releaseProposal(ctx, tx, p.ID) })
		return Proposal{}, errors.Join(fmt.Errorf("supervision: revoke for proposal %d: %w", p.ID, err), release)
	}
	p.Status, p.LicencesRevoked = ProposalRevoked, n
	if err := s.settle(ctx, actor, &p, reason); err != nil {
		return Proposal{}, err
	}
	return p, nil
}

// settle records the decision in p.Status, audits it and tells the
// inspector who proposed it and the applicant.
func (s *Service) settle(ctx context.Context, actor *authz.Actor, p *Proposal, reason string) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		ok, err := settleProposal(ctx, tx, *p, actor.AccountID, reason)
		if err != nil {
			return err
		}
		if !ok {
			return errDecided
		}
		p.DecisionReason, p.DecidedAt, p.Claimed = reason, tx.Now(), false
		err = audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "supervision.proposal." + decisionOf(p.Status),
			ObjectType: "revocation_proposal", ObjectID: strconv.FormatInt(p.ID, 10),
			Before: map[string]string{"status": ProposalPending},
			After:  map[string]any{"status": p.Status, "reason": reason, "licences_revoked": p.LicencesRevoked}})
		if err != nil {
			return err
		}
		if err := s.notify(ctx, tx, []int64{p.inspectorID}, decidedText(*p)); err != nil {
			return err
		}
		return s.notify(ctx, tx, []int64{p.applicantID}, applicantDecisionText(*p))
	})
}

// validate checks the decision and returns the trimmed reason.
func (in DecisionInput) validate() (string, error) {
	if in.Decision != DecisionRevoke && in.Decision != DecisionReject {
		return "", apperr.Invalid("decision", "请选择吊销或不予吊销")
	}
	r := strings.TrimSpace(in.Reason)
	if n := utf8.RuneCountInString(r); n < minDecisionRunes || n > maxDecisionRunes {
		return "", apperr.Invalid("reason", fmt.Sprintf("请填写决定理由（%d到%d个字）", minDecisionRunes, maxDecisionRunes))
	}
	for _, c := range r {
		if c == utf8.RuneError || (unicode.IsControl(c) && c != '\n' && c != '\r' && c != '\t') {
			return "", apperr.Invalid("reason", "决定理由含有不允许的字符")
		}
	}
	return r, nil
}

// decisionOf names the decision that led to a status.
func decisionOf(status string) string {
	if status == ProposalRevoked {
		return DecisionRevoke
	}
	return DecisionReject
}

// decidedText tells the inspector how the proposal was decided.
func decidedText(p Proposal) string {
	head := "您提请吊销许可的办件" + p.ApplicationNo + "（" + clip(p.ItemName, 30) + "），审批部门已决定"
	if p.Status == ProposalRevoked {
		return head + "吊销许可，吊销电子证照" + strconv.Itoa(p.LicencesRevoked) + "件。"
	}
	return head + "不予吊销。"
}

// applicantDecisionText tells the applicant, who was told of the
// proposal, how it was decided.
func applicantDecisionText(p Proposal) string {
	head := "您的办件" + p.ApplicationNo + "（" + clip(p.ItemName, 30) + "）"
	if p.Status == ProposalRevoked {
		return head + "因告知承诺不实，审批部门已决定吊销许可。"
	}
	return head + "经审批部门审查，决定不予吊销许可。"
}
