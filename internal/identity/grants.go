package identity

import (
	"context"
	"fmt"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// validateGrant checks a grant an administrator gives to an account of
// kind in district. Resident and enterprise roles are never given by hand:
// the service grants them over the account's own scope. Public accounts
// may only become volunteers; staff accounts take the staff roles.
func validateGrant(g authz.Grant, district string, kind authz.AccountKind) error {
	switch {
	case !g.Role.Valid():
		return apperr.Invalid("role", msgRoleBad)
	case g.Role == authz.RoleResident || g.Role == authz.RoleEnterprise:
		return apperr.Invalid("role", msgRoleAuto)
	case kind == authz.KindStaff && !g.Role.IsStaff():
		return apperr.Invalid("role", msgRoleForStaff)
	case kind != authz.KindStaff && g.Role != authz.RoleVolunteer:
		return apperr.Invalid("role", msgRoleForPublic)
	}
	return validScopeShape(g.Scope, district)
}

// checkManage allows actor to perform act on target when the actor's
// scopes cover every scope the target holds a role over, so that a street
// administrator cannot reset the password of a district administrator.
// Accounts without such grants (residents; staff without roles) belong to
// the district as a whole.
func checkManage(actor *authz.Actor, act *authz.Action, target *accountRow, grants []authz.Grant) error {
	checked := false
	for _, g := range grants {
		if g.Scope.Kind == authz.ScopeSelf {
			continue
		}
		if err := authz.Check(actor, act, g.Scope); err != nil {
			return err
		}
		checked = true
	}
	if !checked {
		return authz.Check(actor, act, authz.District(target.district))
	}
	return nil
}

// managedAccount checks act on an account and loads it with its grants.
// The permission check needs the account's grants, so they are read first;
// nothing else happens before the check.
func (s *Service) managedAccount(ctx context.Context, actor *authz.Actor, act *authz.Action, id int64) (*accountRow, []authz.Grant, error) {
	if err := authz.Check(actor, act, authz.Scope{}); err != nil {
		return nil, nil, err
	}
	acc, err := accountByID(ctx, s.d, s.d.Engine, id, false)
	if err != nil {
		return nil, nil, err
	}
	grants, err := grantsOf(ctx, s.d, id)
	if err != nil {
		return nil, nil, err
	}
	if acc.district != actor.District && actor.Kind != authz.KindSystem {
		return nil, nil, apperr.NotFound(msgAccountMissing)
	}
	if err := checkManage(actor, act, acc, grants); err != nil {
		return nil, nil, err
	}
	return acc, grants, nil
}

// GrantRole gives an account a role over a scope. Administrators grant
// only inside their own scopes (the scope must be covered by one of their
// admin grants) and only within their district.
func (s *Service) GrantRole(ctx context.Context, actor *authz.Actor, accountID int64, g authz.Grant) error {
	if err := authz.Check(actor, actGrantRole, g.Scope); err != nil {
		return err
	}
	acc, err := accountByID(ctx, s.d, s.d.Engine, accountID, false)
	if err != nil {
		return err
	}
	if acc.district != actor.District {
		return apperr.NotFound(msgAccountMissing)
	}
	if err := validateGrant(g, acc.district, acc.kind); err != nil {
		return err
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		added, err := insertGrant(ctx, tx, accountID, g, actor.AccountID)
		if err != nil {
			return err
		}
		if !added {
			return apperr.Conflict(msgGrantExists)
		}
		return s.appendAudit(ctx, tx, actor, "identity.grant.assign", accountID, nil,
			map[string]string{"grant": grantStrings([]authz.Grant{g})[0]})
	})
}

// RevokeRole takes a role over a scope back from an account, inside the
// administrator's scopes. Administrators cannot revoke their own admin
// grants, so a district never loses its last administrator by accident.
func (s *Service) RevokeRole(ctx context.Context, actor *authz.Actor, accountID int64, g authz.Grant) error {
	if err := authz.Check(actor, actRevokeRole, g.Scope); err != nil {
		return err
	}
	if accountID == actor.AccountID && g.Role == authz.RoleAdmin {
		return apperr.Forbidden(msgOwnAdminGrant)
	}
	if g.Role == authz.RoleResident || g.Role == authz.RoleEnterprise {
		return apperr.Invalid("role", msgRoleAuto)
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM account_grants WHERE account_id = ? AND role = ?
			AND scope_kind = ? AND scope_code = ? AND account_id IN (SELECT id FROM accounts WHERE district = ?)`,
			accountID, g.Role, g.Scope.Kind, g.Scope.Code, actor.District)
		if err := oneRow(res, err, msgGrantMissing); err != nil {
			if apperr.CodeOf(err) == apperr.CodeConflict {
				return apperr.NotFound(msgGrantMissing)
			}
			return err
		}
		return s.appendAudit(ctx, tx, actor, "identity.grant.revoke", accountID,
			map[string]string{"grant": grantStrings([]authz.Grant{g})[0]}, nil)
	})
}

// Grants lists an account's grants, for administrators in scope.
func (s *Service) Grants(ctx context.Context, actor *authz.Actor, accountID int64) ([]authz.Grant, error) {
	_, grants, err := s.managedAccount(ctx, actor, actViewAccount, accountID)
	if err != nil {
		return nil, err
	}
	return slices.Clip(grants), nil
}

// publicGrants are the grants a public account holds automatically.
func publicGrants(id int64, kind authz.AccountKind) []authz.Grant {
	gs := []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(id)}}
	if kind == authz.KindEnterprise {
		gs = append(gs, authz.Grant{Role: authz.RoleEnterprise, Scope: authz.Self(id)})
	}
	return gs
}

// setPublicKind switches a public account between resident and enterprise
// user, with the matching automatic enterprise grant.
func setPublicKind(ctx context.Context, tx *db.Tx, id int64, kind authz.AccountKind) error {
	if _, err := tx.Exec(ctx, `UPDATE accounts SET kind = ?, updated_at = ? WHERE id = ? AND kind <> 'staff'`,
		kind, tx.Now(), id); err != nil {
		return fmt.Errorf("identity: set account kind: %w", err)
	}
	ent := authz.Grant{Role: authz.RoleEnterprise, Scope: authz.Self(id)}
	if kind == authz.KindEnterprise {
		_, err := insertGrant(ctx, tx, id, ent, 0)
		return err
	}
	_, err := tx.Exec(ctx, `DELETE FROM account_grants WHERE account_id = ? AND role = ? AND scope_kind = ? AND scope_code = ?`,
		id, ent.Role, ent.Scope.Kind, ent.Scope.Code)
	if err != nil {
		return fmt.Errorf("identity: revoke enterprise role: %w", err)
	}
	return nil
}
