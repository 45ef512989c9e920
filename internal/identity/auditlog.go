package identity

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// appendAudit records a change to an account. Call it as the transaction's
// last step: it holds the audit chain's lock until commit.
func (s *Service) appendAudit(ctx context.Context, tx *db.Tx, actor *authz.Actor, action string, accountID int64, before, after any) error {
	err := audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: action, ObjectType: "account",
		ObjectID: objectID(accountID), Before: before, After: after})
	if err != nil {
		return fmt.Errorf("identity: %s: %w", action, err)
	}
	return nil
}

// systemActor is the actor of changes nobody signed in made (lockouts,
// bootstrap, jobs).
func systemActor(district string) *authz.Actor { return authz.System(district) }
