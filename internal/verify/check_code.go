package verify

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// CheckCode checks the code the resident received by SendCode for the
// actor's verification id. The right code passes the step (with the
// carrier check, L2) and works once. A wrong code is an invalid error on
// field code saying how many tries are left; the try that reaches
// Config.MaxSMSAttempts burns the code (too_many_requests, ask a new one);
// an expired code, or none sent, is an invalid error asking for a new one.
// Input that is not 6 digits is refused before a try is counted.
func (s *Service) CheckCode(ctx context.Context, actor *authz.Actor, id, code string) (Verification, error) {
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		return Verification{}, err
	}
	code = strings.TrimSpace(code)
	if !sixDigits(code) {
		return Verification{}, apperr.Invalid("code", msgSMSCodeFormat)
	}
	var refusal error
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		err := s.checkCodeTx(ctx, tx, actor, id, code)
		if _, ok := apperr.As(err); ok {
			// A refusal commits, so that a wrong try stays counted.
			refusal = err
			return nil
		}
		return err
	})
	if err == nil {
		err = refusal
	}
	if err != nil {
		return Verification{}, err
	}
	return s.Get(ctx, actor, id)
}

// checkCodeTx checks code against the stored hash inside tx and records
// the outcome: the step passed, or one more wrong try.
func (s *Service) checkCodeTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, id, code string) error {
	r, err := s.lockOwn(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	now := tx.Now()
	if err := s.mayCode(r.v, now); err != nil {
		return err
	}
	var stored sql.NullString
	if err := tx.QueryRow(ctx, `SELECT sms_code_hash FROM verifications WHERE id = ?`, id).Scan(&stored); err != nil {
		return fmt.Errorf("verify: load sms code: %w", err)
	}
	switch {
	case !stored.Valid && r.v.SMSSends == 0:
		return apperr.Invalid("code", msgSMSNotSent)
	case !stored.Valid, r.v.SMSExpiresAt == nil, !now.Before(*r.v.SMSExpiresAt):
		return apperr.Invalid("code", msgSMSExpired)
	case r.v.SMSAttempts >= s.cfg.MaxSMSAttempts:
		return apperr.New(apperr.CodeTooMany, msgSMSBurnt)
	case s.codeMatches(id, code, stored.String):
		_, err := tx.Exec(ctx, `UPDATE verifications SET sms_code_hash = NULL, sms_passed_at = ? WHERE id = ?`,
			now.Truncate(time.Microsecond), id)
		if err != nil {
			return fmt.Errorf("verify: record sms code: %w", err)
		}
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE verifications SET sms_attempts = sms_attempts + 1 WHERE id = ?`, id); err != nil {
		return fmt.Errorf("verify: count sms try: %w", err)
	}
	if left := s.cfg.MaxSMSAttempts - r.v.SMSAttempts - 1; left > 0 {
		return apperr.Invalid("code", fmt.Sprintf(msgSMSWrong, left))
	}
	return apperr.New(apperr.CodeTooMany, msgSMSBurnt)
}

// sixDigits reports whether code is exactly six ASCII digits.
func sixDigits(code string) bool {
	if len(code) != 6 {
		return false
	}
	for i := range len(code) {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}
