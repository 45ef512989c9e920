package identity

import (
	"context"
	"encoding/base32"
	"fmt"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// PendingTOTP returns the enrolment StartTOTP began and ConfirmTOTP has not
// finished yet, so the page can show it again until the first code is
// entered; ok is false when none is pending.
func (s *Service) PendingTOTP(ctx context.Context, actor *authz.Actor) (e TOTPEnrolment, ok bool, err error) {
	acc, err := s.ownStaff(ctx, actor)
	if err != nil || !acc.totpPending.Valid {
		return TOTPEnrolment{}, false, err
	}
	secret, err := s.open(ctxTOTP, acc.totpPending)
	if err != nil {
		return TOTPEnrolment{}, false, err
	}
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil {
		return TOTPEnrolment{}, false, fmt.Errorf("identity: totp: pending secret: %w", err)
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: s.cfg.TOTPIssuer, AccountName: acc.username.String,
		Period: totpPeriod, Secret: raw, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return TOTPEnrolment{}, false, fmt.Errorf("identity: totp: pending url: %w", err)
	}
	return TOTPEnrolment{Secret: key.Secret(), URL: key.URL()}, true, nil
}
