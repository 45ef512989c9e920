package verify

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// reserve counts one attempt of kind on the actor's verification id, in
// its own transaction, before the provider is called (the call must not
// run inside a transaction). It refuses a verification that is not the
// actor's, not open, already past that step, not yet at it, or out of
// attempts. It returns the row with the attempt counted.
func (s *Service) reserve(ctx context.Context, actor *authz.Actor, id, kind string) (*row, error) {
	var r *row
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if r, err = loadRow(ctx, tx, tx.Engine(), id, true); err != nil {
			return err
		}
		if err := authz.Check(actor, actOwn, authz.Self(r.v.AccountID)); err != nil {
			return err
		}
		if err := s.mayAttempt(r.v, kind, tx.Now()); err != nil {
			return err
		}
		column := kind + "_attempts"
		if _, err := tx.Exec(ctx, `UPDATE verifications SET `+column+` = `+column+` + 1 WHERE id = ?`, id); err != nil {
			return fmt.Errorf("verify: count attempt: %w", err)
		}
		if kind == kindCarrier {
			r.v.CarrierAttempts++
		} else {
			r.v.FaceAttempts++
		}
		return nil
	})
	return r, err
}

// mayAttempt says why a check of kind may not be made now, or nil.
func (s *Service) mayAttempt(v Verification, kind string, now time.Time) error {
	switch v.StatusAt(now) {
	case StatusUsed:
		return apperr.Conflict(msgUsed)
	case StatusExpired:
		return apperr.Conflict(msgExpired)
	}
	if kind == kindCarrier {
		switch {
		case v.Carrier.Passed():
			return apperr.Conflict(msgCarrierDone)
		case v.CarrierAttempts >= s.cfg.MaxCarrierAttempts:
			return apperr.New(apperr.CodeTooMany, msgCarrierExhausted)
		}
		return nil
	}
	switch {
	case !v.Carrier.Passed():
		return apperr.Conflict(msgCarrierFirst)
	case !v.SMS.Passed():
		return apperr.Conflict(msgSMSFirst)
	case v.Face.Passed():
		return apperr.Conflict(msgFaceDone)
	case v.FaceAttempts >= s.cfg.MaxFaceAttempts:
		return apperr.New(apperr.CodeTooMany, msgFaceExhausted)
	}
	return nil
}

// providerFailed records that a provider gave no answer, gives the attempt
// back (the resident is not to blame) and returns the unavailable error
// naming the provider. The cause is logged without personal data.
func (s *Service) providerFailed(ctx context.Context, id, kind, provider, what string, cause error) error {
	s.log.WarnContext(ctx, "verify: provider failed", "kind", kind, "provider", provider, "error", cause.Error())
	column := kind + "_attempts"
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE verifications SET `+column+` = `+column+` - 1 WHERE id = ? AND `+column+` > 0`, id); err != nil {
			return fmt.Errorf("verify: give attempt back: %w", err)
		}
		return insertCheck(ctx, tx, id, CheckRecord{Kind: kind, Provider: provider, Outcome: outcomeError})
	})
	if err != nil {
		return err
	}
	return apperr.Wrap(apperr.CodeUnavailable, fmt.Sprintf(msgProviderDown, what+"（"+provider+"）"),
		fmt.Errorf("verify: %s provider %s: %w", kind, provider, cause))
}

// attemptsLeft renders "（还可尝试N次）", or "" when none are left.
func attemptsLeft(max, used int) string {
	if left := max - used; left > 0 {
		return fmt.Sprintf(msgAttemptsLeft, left)
	}
	return ""
}
