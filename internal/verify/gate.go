package verify

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Gate adapts the service to a module that names the applicant by account
// id and the level by number, as the approval module's IdentityGate does.
// The caller must already have checked that the account is the one acting.
type Gate struct{ S *Service }

// Require returns the id of the account's open verification for purpose
// that reached level (1–3), or the error naming the missing step.
func (g Gate) Require(ctx context.Context, accountID int64, purpose string, level int) (string, error) {
	v, err := g.S.RequireAccount(ctx, accountID, purpose, Level(level))
	if err != nil {
		return "", err
	}
	return v.ID, nil
}

// Consume marks the verification used inside the submission's transaction
// and returns it, with the verified real name for the signature.
func (g Gate) Consume(ctx context.Context, tx *db.Tx, accountID int64, id, purpose string, level int) (Verification, error) {
	return g.S.ConsumeAccount(ctx, tx, accountID, id, purpose, Level(level))
}
