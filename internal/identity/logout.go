package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Logout ends the session behind token. Ending a session that is already
// gone (expired, logged out elsewhere) is not an error.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" || len(token) > maxTokenLen {
		return nil
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		var a authz.Actor
		err := tx.QueryRow(ctx, `SELECT s.id, a.id, a.kind, a.district, a.display_name
			FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?`,
			hashToken(token)).Scan(&a.SessionID, &a.AccountID, &a.Kind, &a.District, &a.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("identity: logout: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE id = ?`, a.SessionID); err != nil {
			return fmt.Errorf("identity: logout: %w", err)
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: &a, Action: "identity.session.delete",
			ObjectType: "session", ObjectID: a.SessionID})
	})
}

// LogoutEverywhere ends every session of the actor's account, the current
// one included (e.g. after a phone was lost).
func (s *Service) LogoutEverywhere(ctx context.Context, actor *authz.Actor) error {
	if err := authz.Check(actor, actOwnAccount, authz.Scope{}); err != nil {
		return err
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		n, err := deleteSessionsOf(ctx, tx, actor.AccountID, "")
		if err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "identity.session.delete_all",
			ObjectType: "account", ObjectID: objectID(actor.AccountID), After: map[string]int64{"sessions_ended": n}})
	})
}

// CleanupResult counts what Cleanup removed.
type CleanupResult struct {
	Sessions   int64
	SMSCodes   int64
	RateLimits int64
}

// Cleanup removes expired sessions, SMS codes and rate-limit windows. It
// is housekeeping of rows that no longer mean anything (an expired session
// already refuses every request), so it is not audited. Run it
// periodically (CleanupArgs, see PeriodicJobs).
func (s *Service) Cleanup(ctx context.Context) (CleanupResult, error) {
	var r CleanupResult
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		now := tx.Now()
		var err error
		if r.Sessions, err = execCount(ctx, tx, `DELETE FROM sessions WHERE expires_at <= ? OR idle_expires_at <= ?`, now, now); err != nil {
			return err
		}
		if r.SMSCodes, err = execCount(ctx, tx, `DELETE FROM sms_codes WHERE expires_at <= ?`, now); err != nil {
			return err
		}
		r.RateLimits, err = execCount(ctx, tx, `DELETE FROM rate_limits WHERE window_end <= ?`, now)
		return err
	})
	if err != nil {
		return CleanupResult{}, fmt.Errorf("identity: cleanup: %w", err)
	}
	return r, nil
}

func execCount(ctx context.Context, tx *db.Tx, query string, args ...any) (int64, error) {
	res, err := tx.Exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
