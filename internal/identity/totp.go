package identity

import (
	"context"
	"crypto/subtle"
	"fmt"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// TOTP follows RFC 6238 as every authenticator app expects it: SHA-1,
// 6 digits, 30-second steps. A code is accepted one step early or late
// (clock drift), and never twice: the last accepted step is stored.
const totpPeriod = 30

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// matchTOTP returns the time step whose code equals code.
func matchTOTP(secret, code string, now time.Time) (int64, bool) {
	if len(code) != 6 || !allDigits(code) {
		return 0, false
	}
	for _, off := range []int64{0, -1, 1} {
		t := now.Add(time.Duration(off*totpPeriod) * time.Second)
		want, err := totp.GenerateCodeCustom(secret, t, totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return t.Unix() / totpPeriod, true
		}
	}
	return 0, false
}

// TOTPEnrolment is what a staff member needs to add the account to an
// authenticator app: the otpauth:// URL (shown as a QR code) and the same
// secret in base32 for typing in.
type TOTPEnrolment struct {
	Secret string
	URL    string
}

// StartTOTP begins enrolment: a new secret is generated and kept, encrypted,
// as pending until ConfirmTOTP proves the app produces its codes.
func (s *Service) StartTOTP(ctx context.Context, actor *authz.Actor) (TOTPEnrolment, error) {
	acc, err := s.ownStaff(ctx, actor)
	if err != nil {
		return TOTPEnrolment{}, err
	}
	if acc.totpSecret.Valid {
		return TOTPEnrolment{}, apperr.Conflict(msgTOTPAlready)
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: s.cfg.TOTPIssuer, AccountName: acc.username.String,
		Period: totpPeriod, SecretSize: 20, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return TOTPEnrolment{}, fmt.Errorf("identity: totp: generate: %w", err)
	}
	enc, err := s.keys.Encrypt(ctxTOTP, []byte(key.Secret()))
	if err != nil {
		return TOTPEnrolment{}, fmt.Errorf("identity: totp: encrypt: %w", err)
	}
	err = s.d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE accounts SET totp_pending = ?, updated_at = ? WHERE id = ?`,
			enc, tx.Now(), acc.id); err != nil {
			return fmt.Errorf("identity: totp: start: %w", err)
		}
		return s.appendAudit(ctx, tx, actor, "identity.totp.start", acc.id, nil, nil)
	})
	if err != nil {
		return TOTPEnrolment{}, err
	}
	return TOTPEnrolment{Secret: key.Secret(), URL: key.URL()}, nil
}

// ConfirmTOTP finishes enrolment with a first code from the app; from then
// on LoginStaff asks for a code.
func (s *Service) ConfirmTOTP(ctx context.Context, actor *authz.Actor, code string) error {
	acc, err := s.ownStaff(ctx, actor)
	if err != nil {
		return err
	}
	if !acc.totpPending.Valid {
		return apperr.Conflict(msgTOTPNotPending)
	}
	secret, err := s.open(ctxTOTP, acc.totpPending)
	if err != nil {
		return err
	}
	step, ok := matchTOTP(secret, code, s.now())
	if !ok {
		return apperr.Invalid("totp_code", msgTOTPWrong)
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE accounts SET totp_secret = totp_pending, totp_pending = NULL,
			totp_last_step = ?, updated_at = ? WHERE id = ? AND totp_pending = ?`,
			step, tx.Now(), acc.id, acc.totpPending.String)
		if err := oneRow(res, err, msgTOTPNotPending); err != nil {
			return err
		}
		after := acc.audit()
		after.TOTP = true
		return s.appendAudit(ctx, tx, actor, "identity.totp.enable", acc.id, acc.audit(), after)
	})
}

// DisableTOTP removes the authenticator of the actor's own account, given a
// current code from it (so a borrowed session alone cannot weaken the
// account). Wrong codes count towards the lockout.
func (s *Service) DisableTOTP(ctx context.Context, actor *authz.Actor, code string) error {
	acc, err := s.ownStaff(ctx, actor)
	if err != nil {
		return err
	}
	if !acc.totpSecret.Valid {
		return apperr.Conflict(msgTOTPNotEnabled)
	}
	if err := s.refuseLocked(acc, s.now()); err != nil {
		return err
	}
	secret, err := s.open(ctxTOTP, acc.totpSecret)
	if err != nil {
		return err
	}
	if step, ok := matchTOTP(secret, code, s.now()); !ok || step <= acc.totpLastStep {
		return s.recordFailure(ctx, acc, msgTOTPWrong)
	}
	return s.clearTOTP(ctx, actor, acc, "identity.totp.disable")
}

// clearTOTP removes an account's TOTP secret (and any pending one).
func (s *Service) clearTOTP(ctx context.Context, actor *authz.Actor, acc *accountRow, action string) error {
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE accounts SET totp_secret = NULL, totp_pending = NULL, updated_at = ?
			WHERE id = ?`, tx.Now(), acc.id); err != nil {
			return fmt.Errorf("identity: %s: %w", action, err)
		}
		after := acc.audit()
		after.TOTP = false
		return s.appendAudit(ctx, tx, actor, action, acc.id, acc.audit(), after)
	})
}

// ownStaff checks the actor may manage their own sign-in security and
// loads their staff account.
func (s *Service) ownStaff(ctx context.Context, actor *authz.Actor) (*accountRow, error) {
	if err := authz.Check(actor, actSecurity, authz.Scope{}); err != nil {
		return nil, err
	}
	acc, err := accountByID(ctx, s.d, s.d.Engine, actor.AccountID, false)
	if err != nil {
		return nil, err
	}
	if acc.kind != authz.KindStaff {
		return nil, apperr.Forbidden(msgNotStaffAccount)
	}
	return acc, nil
}
