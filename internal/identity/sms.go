package identity

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// RequestSMSCode sends a 6-digit sign-in code to a mobile number through
// the SMS sender. The code lives Config.SMSCodeTTL and replaces any earlier
// code of the number; only its keyed hash is stored. Requests are limited
// per number (one per Config.SMSPhoneGap, Config.SMSPhoneDaily per 24 h)
// and per client address (Config.SMSIPHourly per hour), in the database,
// so the limits hold across nodes; refusals are too_many_requests.
func (s *Service) RequestSMSCode(ctx context.Context, district, phone, ip string) error {
	if !validDistrict(district) {
		return apperr.Invalid("district", msgDistrictBad)
	}
	p, err := cleanPhone(phone)
	if err != nil {
		return err
	}
	code, err := randomCode()
	if err != nil {
		return err
	}
	phoneIdx := s.index.BlindIndex(ctxPhone, p)
	err = s.d.InTx(ctx, func(tx *db.Tx) error {
		if err := hitLimits(ctx, tx, s.requestLimits(district, phoneIdx, ip)...); err != nil {
			return err
		}
		now := tx.Now()
		_, err := tx.Exec(ctx, `INSERT INTO sms_codes (district, phone_index, code_hash, attempts, created_at, expires_at)
			VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (district, phone_index) DO UPDATE SET
			code_hash = excluded.code_hash, attempts = 0, created_at = excluded.created_at, expires_at = excluded.expires_at`,
			district, phoneIdx, s.codeHash(p, code), now, now.Add(s.cfg.SMSCodeTTL))
		if err != nil {
			return fmt.Errorf("identity: store sms code: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.sendCode(ctx, p, code)
}

// sendCode sends the code; the stored code stays valid if sending fails,
// and the person may ask again after the gap.
func (s *Service) sendCode(ctx context.Context, phone, code string) error {
	text := fmt.Sprintf(smsLoginCode, code, int(s.cfg.SMSCodeTTL/time.Minute))
	if err := s.sms.Send(ctx, phone, text); err != nil {
		s.log.WarnContext(ctx, "identity: sms code not sent", "phone", sensitivePhone(phone), "error", err)
		return apperr.Wrap(apperr.CodeUnavailable, msgSMSSendFailed, err)
	}
	return nil
}

// requestLimits are the limits on asking for a code.
func (s *Service) requestLimits(district, phoneIdx, ip string) []limit {
	return []limit{
		{bucket: "sms:gap:" + district + ":" + phoneIdx, window: s.cfg.SMSPhoneGap, max: 1,
			refuse: func(now, end time.Time) error {
				wait := int(math.Ceil(end.Sub(now).Seconds()))
				return apperr.New(apperr.CodeTooMany, fmt.Sprintf(msgSMSPhoneGap, max(wait, 1)))
			}},
		{bucket: "sms:day:" + district + ":" + phoneIdx, window: 24 * time.Hour, max: s.cfg.SMSPhoneDaily,
			refuse: func(_, end time.Time) error {
				return apperr.New(apperr.CodeTooMany, fmt.Sprintf(msgSMSPhoneDaily, end.In(chinaTime).Format("1月2日 15:04")))
			}},
		{bucket: "sms:ip:" + s.index.BlindIndex(idxClientIP, ip), window: time.Hour, max: s.cfg.SMSIPHourly,
			refuse: func(_, _ time.Time) error { return apperr.New(apperr.CodeTooMany, msgSMSIP) }},
	}
}

// randomCode returns a uniformly random 6-digit code.
func randomCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("identity: sms code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// codeHash is the stored form of a code: a keyed SM3 over number and code.
// Without the index key, a stolen table does not give the codes away.
func (s *Service) codeHash(phone, code string) string {
	return s.index.BlindIndex(idxSMSCode, phone+":"+code)
}

// codeMatches compares a code with the stored hash under every index key.
func (s *Service) codeMatches(phone, code, stored string) bool {
	ok := 0
	for _, h := range s.index.BlindIndexes(idxSMSCode, phone+":"+code) {
		ok |= subtle.ConstantTimeCompare([]byte(h), []byte(stored))
	}
	return ok == 1
}

// checkCode checks a code inside tx. A wrong code counts one attempt (the
// caller commits it); the attempt that reaches Config.SMSMaxAttempts burns
// the code. A right code is deleted: it works once.
func (s *Service) checkCode(ctx context.Context, tx *db.Tx, district, phone, code string) error {
	phoneIdx := s.index.BlindIndex(ctxPhone, phone)
	var (
		id       int64
		stored   string
		attempts int
		expires  time.Time
	)
	err := tx.QueryRow(ctx, `SELECT id, code_hash, attempts, expires_at FROM sms_codes
		WHERE district = ? AND phone_index = ?`+tx.Engine().ForUpdate(), district, phoneIdx).
		Scan(&id, &stored, &attempts, &expires)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return apperr.Invalid("code", msgCodeExpired)
	case err != nil:
		return fmt.Errorf("identity: check sms code: %w", err)
	case !tx.Now().Before(expires):
		return apperr.Invalid("code", msgCodeExpired)
	case attempts >= s.cfg.SMSMaxAttempts:
		return apperr.New(apperr.CodeTooMany, msgCodeBurnt)
	case s.codeMatches(phone, code, stored):
		_, err := tx.Exec(ctx, `DELETE FROM sms_codes WHERE id = ?`, id)
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ?`, id); err != nil {
		return fmt.Errorf("identity: count sms attempt: %w", err)
	}
	if left := s.cfg.SMSMaxAttempts - attempts - 1; left > 0 {
		return apperr.Invalid("code", fmt.Sprintf(msgCodeWrong, left))
	}
	return apperr.New(apperr.CodeTooMany, msgCodeBurnt)
}
