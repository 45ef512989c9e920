package verify

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// idxSMSCode is the blind index context of the stored code hashes.
const idxSMSCode = "verifications.sms_code"

// errNoSMS is why no code goes out when the service has no SMS sender.
var errNoSMS = errors.New("no SMS sender configured (verify.Config.SMS)")

// SendCode sends a fresh 6-digit code for the actor's verification id to
// the phone the carrier check verified (the account's own sign-in phone),
// by the SMS adapter. It needs the carrier check passed and the code step
// not yet passed. A new code replaces the earlier one and restarts its
// tries; codes are limited to one per Config.SMSResendGap and
// Config.MaxSMSSends per verification, counted in the database. Only a
// keyed hash of the code is stored; neither code nor phone is logged.
func (s *Service) SendCode(ctx context.Context, actor *authz.Actor, id string) (Verification, error) {
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		return Verification{}, err
	}
	code, err := randomCode()
	if err != nil {
		return Verification{}, err
	}
	var r *row
	err = s.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if r, err = s.lockOwn(ctx, tx, actor, id); err != nil {
			return err
		}
		if err := s.maySend(r.v, tx.Now()); err != nil {
			return err
		}
		now := tx.Now().Truncate(time.Microsecond)
		_, err = tx.Exec(ctx, `UPDATE verifications SET sms_code_hash = ?, sms_sent_at = ?, sms_expires_at = ?,
			sms_sends = sms_sends + 1, sms_attempts = 0 WHERE id = ?`,
			s.codeHash(id, code), now, now.Add(s.cfg.SMSCodeTTL), id)
		if err != nil {
			return fmt.Errorf("verify: store sms code: %w", err)
		}
		return nil
	})
	if err != nil {
		return Verification{}, err
	}
	v, err := s.reveal(r)
	if err != nil {
		return Verification{}, err
	}
	if err := s.deliver(ctx, id, v.Phone.Reveal(), code); err != nil {
		return Verification{}, err
	}
	return s.Get(ctx, actor, id)
}

// deliver texts the code. When the adapter fails, the send is given back
// (the resident is not to blame) and the code cleared, since nobody has
// it; the resend gap still holds, so a failing gateway is not hammered.
func (s *Service) deliver(ctx context.Context, id, phone, code string) error {
	text := fmt.Sprintf(smsVerifyCode, code, int(s.cfg.SMSCodeTTL/time.Minute))
	err := errNoSMS
	if s.cfg.SMS != nil {
		err = s.cfg.SMS.Send(ctx, phone, text)
	}
	if err == nil {
		return nil
	}
	s.log.WarnContext(ctx, "verify: sms code not sent", "verification", id, "error", err.Error())
	if uerr := s.d.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE verifications SET sms_code_hash = NULL, sms_expires_at = NULL,
			sms_sends = sms_sends - 1 WHERE id = ? AND sms_sends > 0`, id)
		return err
	}); uerr != nil {
		return fmt.Errorf("verify: give sms send back: %w", uerr)
	}
	return apperr.Wrap(apperr.CodeUnavailable, msgSMSSendFailed, fmt.Errorf("verify: send sms code: %w", err))
}

// maySend says why no code may be sent for v at now, or nil.
func (s *Service) maySend(v Verification, now time.Time) error {
	if err := s.mayCode(v, now); err != nil {
		return err
	}
	if v.SMSSends >= s.cfg.MaxSMSSends {
		return apperr.New(apperr.CodeTooMany, msgSMSSendsExhausted)
	}
	if v.SMSSentAt != nil {
		if wait := v.SMSSentAt.Add(s.cfg.SMSResendGap).Sub(now); wait > 0 {
			return apperr.New(apperr.CodeTooMany, fmt.Sprintf(msgSMSResendWait, max(1, int(math.Ceil(wait.Seconds())))))
		}
	}
	return nil
}

// mayCode says why v is not at the code step at now, or nil.
func (s *Service) mayCode(v Verification, now time.Time) error {
	switch v.StatusAt(now) {
	case StatusUsed:
		return apperr.Conflict(msgUsed)
	case StatusExpired:
		return apperr.Conflict(msgExpired)
	}
	switch {
	case !v.Carrier.Passed():
		return apperr.Conflict(msgCarrierFirst)
	case v.SMS.Passed():
		return apperr.Conflict(msgSMSDone)
	}
	return nil
}

// lockOwn loads the verification id for update inside tx and checks it is
// the actor's.
func (s *Service) lockOwn(ctx context.Context, tx *db.Tx, actor *authz.Actor, id string) (*row, error) {
	r, err := loadRow(ctx, tx, tx.Engine(), id, true)
	if err != nil {
		return nil, err
	}
	if err := authz.Check(actor, actOwn, authz.Self(r.v.AccountID)); err != nil {
		return nil, err
	}
	return r, nil
}

// randomCode returns a uniformly random 6-digit code.
func randomCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("verify: sms code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// codeHash is the stored form of a code: a keyed SM3 over the
// verification id and the code, so that a stolen table gives no code away
// and a code fits only its own verification.
func (s *Service) codeHash(id, code string) string {
	return s.index.BlindIndex(idxSMSCode, id+":"+code)
}

// codeMatches compares a code with the stored hash under every index key
// (the keys may rotate during a code's five minutes).
func (s *Service) codeMatches(id, code, stored string) bool {
	ok := 0
	for _, h := range s.index.BlindIndexes(idxSMSCode, id+":"+code) {
		ok |= subtle.ConstantTimeCompare([]byte(h), []byte(stored))
	}
	return ok == 1
}
