package verify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// UsedFor returns the verification an account last consumed for purpose
// (e.g. the identity an application was signed and submitted with), with
// the verified name and ID number. Other modules call it to act on what was
// verified, never on what a person typed: the electronic licence names the
// holder so verified. It checks no permission: the caller has established
// that the account is the one concerned. Not found when nothing was used.
func (s *Service) UsedFor(ctx context.Context, accountID int64, purpose string) (Verification, error) {
	r, err := scanRow(s.d.QueryRow(ctx, `SELECT `+verificationColumns+` FROM verifications
		WHERE account_id = ? AND purpose = ? AND used_at IS NOT NULL
		ORDER BY used_at DESC, id DESC LIMIT 1`, accountID, purpose))
	if errors.Is(err, sql.ErrNoRows) {
		return Verification{}, apperr.NotFound(msgNotFound)
	}
	if err != nil {
		return Verification{}, fmt.Errorf("verify: load used verification: %w", err)
	}
	return s.reveal(r)
}
