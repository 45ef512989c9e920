package identity

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// ResetPassword sets a new password on a staff account (an administrator
// whose scopes cover the account), clears any lockout and ends the
// account's sessions.
func (s *Service) ResetPassword(ctx context.Context, actor *authz.Actor, accountID int64, password string) error {
	acc, _, err := s.managedAccount(ctx, actor, actManage, accountID)
	if err != nil {
		return err
	}
	if acc.kind != authz.KindStaff {
		return apperr.Invalid("account", msgNotStaffAccount)
	}
	if err := checkPassword("password", password); err != nil {
		return err
	}
	hash, err := hashPassword(password, s.cfg.Password)
	if err != nil {
		return err
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		if err := setPassword(ctx, tx, acc.id, hash, true); err != nil {
			return err
		}
		if _, err := deleteSessionsOf(ctx, tx, acc.id, ""); err != nil {
			return err
		}
		after := acc.audit()
		after.Status = StatusActive
		return s.appendAudit(ctx, tx, actor, "identity.password.reset", acc.id, acc.audit(), after)
	})
}

// setPassword stores a new hash; unlock also clears a lockout.
func setPassword(ctx context.Context, tx *db.Tx, id int64, hash string, unlock bool) error {
	q := `UPDATE accounts SET password_hash = ?, password_changed_at = ?, updated_at = ?`
	if unlock {
		q += `, failed_logins = 0, locked_until = NULL, status = CASE WHEN status = 'locked' THEN 'active' ELSE status END`
	}
	if _, err := tx.Exec(ctx, q+` WHERE id = ?`, hash, tx.Now(), tx.Now(), id); err != nil {
		return fmt.Errorf("identity: set password: %w", err)
	}
	return nil
}

// SetStatus activates (also: unlocks), or disables an account. Disabling
// ends its sessions at once. Administrators cannot change their own status.
func (s *Service) SetStatus(ctx context.Context, actor *authz.Actor, accountID int64, status Status) error {
	acc, _, err := s.managedAccount(ctx, actor, actManage, accountID)
	if err != nil {
		return err
	}
	if status != StatusActive && status != StatusDisabled {
		return apperr.Invalid("status", msgStatusBad)
	}
	if accountID == actor.AccountID {
		return apperr.Forbidden(msgOwnStatus)
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE accounts SET status = ?, failed_logins = 0, locked_until = NULL,
			updated_at = ? WHERE id = ?`, status, tx.Now(), acc.id); err != nil {
			return fmt.Errorf("identity: set status: %w", err)
		}
		if status == StatusDisabled {
			if _, err := deleteSessionsOf(ctx, tx, acc.id, ""); err != nil {
				return err
			}
		}
		after := acc.audit()
		after.Status = status
		return s.appendAudit(ctx, tx, actor, "identity.account.status", acc.id, acc.audit(), after)
	})
}

// ResetTOTP removes the authenticator of a staff account whose owner lost
// it (an administrator whose scopes cover the account). The owner then
// signs in with the password alone and may enrol again.
func (s *Service) ResetTOTP(ctx context.Context, actor *authz.Actor, accountID int64) error {
	acc, _, err := s.managedAccount(ctx, actor, actManage, accountID)
	if err != nil {
		return err
	}
	if !acc.totpSecret.Valid && !acc.totpPending.Valid {
		return apperr.Conflict(msgTOTPNotEnabled)
	}
	return s.clearTOTP(ctx, actor, acc, "identity.totp.reset")
}

// ChangePassword changes the actor's own password after checking the
// current one, and ends the account's other sessions.
func (s *Service) ChangePassword(ctx context.Context, actor *authz.Actor, current, next string) error {
	acc, err := s.ownStaff(ctx, actor)
	if err != nil {
		return err
	}
	if len([]rune(current)) > maxPasswordLen {
		return apperr.Invalid("current_password", msgPasswordLong)
	}
	if err := checkPassword("new_password", next); err != nil {
		return err
	}
	if err := s.refuseLocked(acc, s.now()); err != nil {
		return err
	}
	ok, _, err := verifyPassword(current, acc.passwordHash.String, s.cfg.Password)
	if err != nil {
		return fmt.Errorf("identity: change password: %w", err)
	}
	if !ok {
		if err := s.recordFailure(ctx, acc, msgOldPasswordBad); apperr.CodeOf(err) != apperr.CodeUnauthorized {
			return err
		}
		return apperr.Invalid("current_password", msgOldPasswordBad)
	}
	hash, err := hashPassword(next, s.cfg.Password)
	if err != nil {
		return err
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		if err := setPassword(ctx, tx, acc.id, hash, false); err != nil {
			return err
		}
		if _, err := deleteSessionsOf(ctx, tx, acc.id, actor.SessionID); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, actor, "identity.password.change", acc.id, nil, nil)
	})
}
