package identity

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// view builds the display form of an account. owner says whether the
// viewer is the account holder, who sees their own name unmasked.
func (s *Service) view(acc *accountRow, grants []authz.Grant, owner bool) (AccountView, error) {
	v := AccountView{
		ID: acc.id, District: acc.district, Kind: acc.kind, DisplayName: acc.displayName,
		Status: acc.status, LockedUntil: nullTimePtr(acc.lockedUntil), Username: acc.username.String,
		RealNameVerifiedAt: nullTimePtr(acc.verifiedAt), TOTPEnabled: acc.totpSecret.Valid,
		Grants: grants, LastLoginAt: nullTimePtr(acc.lastLoginAt), CreatedAt: acc.createdAt, UpdatedAt: acc.updatedAt,
	}
	var err error
	if v.Phone, err = s.maskedOf(ctxPhone, acc.phoneEnc, gm.MaskPhone); err != nil {
		return AccountView{}, err
	}
	if v.IDNumber, err = s.maskedOf(ctxIDNumber, acc.idNumberEnc, gm.MaskIDNumber); err != nil {
		return AccountView{}, err
	}
	v.RealName = acc.realName.String
	if !owner && v.RealName != "" {
		v.RealName = gm.MaskName(v.RealName)
	}
	return v, nil
}

// Me returns the actor's own account, personal data masked except the
// name they entered themselves.
func (s *Service) Me(ctx context.Context, actor *authz.Actor) (AccountView, error) {
	if err := authz.Check(actor, actOwnAccount, authz.Scope{}); err != nil {
		return AccountView{}, err
	}
	acc, err := accountByID(ctx, s.d, s.d.Engine, actor.AccountID, false)
	if err != nil {
		return AccountView{}, err
	}
	grants, err := grantsOf(ctx, s.d, acc.id)
	if err != nil {
		return AccountView{}, err
	}
	return s.view(acc, grants, true)
}

// Account returns any account of the district to an administrator whose
// scopes cover it, personal data masked.
func (s *Service) Account(ctx context.Context, actor *authz.Actor, id int64) (AccountView, error) {
	acc, grants, err := s.managedAccount(ctx, actor, actViewAccount, id)
	if err != nil {
		return AccountView{}, err
	}
	return s.view(acc, grants, false)
}

// RevealPII returns an account's name, ID number and phone in clear to an
// administrator allowed to see them. Every reveal is recorded in the audit
// log before the values are returned; if it cannot be recorded, nothing is
// revealed.
func (s *Service) RevealPII(ctx context.Context, actor *authz.Actor, id int64) (PII, error) {
	acc, _, err := s.managedAccount(ctx, actor, actRevealPII, id)
	if err != nil {
		return PII{}, err
	}
	p := PII{RealName: acc.realName.String}
	if p.Phone, err = s.open(ctxPhone, acc.phoneEnc); err != nil {
		return PII{}, err
	}
	if p.IDNumber, err = s.open(ctxIDNumber, acc.idNumberEnc); err != nil {
		return PII{}, err
	}
	if err := s.auditOnly(ctx, actor, "identity.pii.reveal", id); err != nil {
		return PII{}, err
	}
	return p, nil
}

// auditOnly records an action that changes nothing but must be traced.
func (s *Service) auditOnly(ctx context.Context, actor *authz.Actor, action string, id int64) error {
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		return s.appendAudit(ctx, tx, actor, action, id, nil, nil)
	})
}
