package identity

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// lookupSQL loads a session, its account and the account's grants in one
// round trip: the account columns repeat on each grant row.
const lookupSQL = `SELECT s.id, s.account_id, s.csrf_token, s.created_at, s.last_seen_at,
	s.idle_expires_at, s.expires_at, a.kind, a.district, a.display_name, a.status,
	g.role, g.scope_kind, g.scope_code
	FROM sessions s
	JOIN accounts a ON a.id = s.account_id
	LEFT JOIN account_grants g ON g.account_id = a.id
	WHERE s.token_hash = ?
	ORDER BY g.id`

// Lookup returns the actor and session behind a bearer token. Grants are
// read afresh on every call, so a revoked role takes effect at the next
// request. It writes only when the session was last seen more than
// Config.TouchEvery ago, to move its idle expiry forward. An unknown,
// expired or disabled session gives an unauthorized error.
func (s *Service) Lookup(ctx context.Context, token string) (*authz.Actor, *Session, error) {
	if token == "" || len(token) > maxTokenLen {
		return nil, nil, apperr.New(apperr.CodeUnauthorized, msgNotSignedIn)
	}
	actor, sess, status, err := s.loadSession(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	if sess == nil || status == StatusDisabled || !now.Before(sess.ExpiresAt) || !now.Before(sess.IdleExpiresAt) {
		return nil, nil, apperr.New(apperr.CodeUnauthorized, msgSessionExpired)
	}
	if now.Sub(sess.LastSeenAt) >= s.cfg.TouchEvery {
		s.touch(ctx, sess)
	}
	return actor, sess, nil
}

// loadSession runs lookupSQL; a nil session means no such token.
func (s *Service) loadSession(ctx context.Context, token string) (*authz.Actor, *Session, Status, error) {
	rows, err := s.queryLookup(ctx, hashToken(token))
	if err != nil {
		return nil, nil, "", fmt.Errorf("identity: lookup session: %w", err)
	}
	defer rows.Close()
	var (
		sess   *Session
		actor  authz.Actor
		status Status
	)
	for rows.Next() {
		var cur Session
		var role, kind, code sql.NullString
		if err := rows.Scan(&cur.ID, &cur.AccountID, &cur.CSRFToken, &cur.CreatedAt, &cur.LastSeenAt,
			&cur.IdleExpiresAt, &cur.ExpiresAt, &actor.Kind, &actor.District, &actor.Name, &status,
			&role, &kind, &code); err != nil {
			return nil, nil, "", fmt.Errorf("identity: lookup session: %w", err)
		}
		if sess == nil {
			sess = utcSession(cur, actor)
		}
		if role.Valid {
			actor.Grants = append(actor.Grants, authz.Grant{Role: authz.Role(role.String),
				Scope: authz.Scope{Kind: authz.ScopeKind(kind.String), Code: code.String}})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, "", fmt.Errorf("identity: lookup session: %w", err)
	}
	if sess == nil {
		return nil, nil, "", nil
	}
	actor.AccountID, actor.SessionID = sess.AccountID, sess.ID
	return &actor, sess, status, nil
}

// queryLookup runs lookupSQL through a statement prepared once per read
// connection: parsing and planning the join costs more than running it on
// SQLite. If preparing fails, the plain query reports the error.
func (s *Service) queryLookup(ctx context.Context, tokenHash string) (*sql.Rows, error) {
	s.lookupOnce.Do(func() {
		s.lookupStmt, _ = s.d.Read.PrepareContext(context.Background(), s.d.Rebind(lookupSQL))
	})
	if s.lookupStmt != nil {
		return s.lookupStmt.QueryContext(ctx, tokenHash)
	}
	return s.d.Query(ctx, lookupSQL, tokenHash)
}

func utcSession(cur Session, a authz.Actor) *Session {
	cur.Kind, cur.District = a.Kind, a.District
	cur.CreatedAt, cur.LastSeenAt = cur.CreatedAt.UTC(), cur.LastSeenAt.UTC()
	cur.IdleExpiresAt, cur.ExpiresAt = cur.IdleExpiresAt.UTC(), cur.ExpiresAt.UTC()
	return &cur
}

// touch moves the session's idle expiry forward, never past its absolute
// expiry. Concurrent requests of one session race harmlessly: the update
// only applies while last_seen_at is still old. A failure is logged, not
// returned: the session is valid, and the next request tries again.
func (s *Service) touch(ctx context.Context, sess *Session) {
	idle, _ := s.lifetimes(sess.Kind)
	var seen, until time.Time
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		seen = tx.Now()
		until = seen.Add(idle)
		if until.After(sess.ExpiresAt) {
			until = sess.ExpiresAt
		}
		_, err := tx.Exec(ctx, `UPDATE sessions SET last_seen_at = ?, idle_expires_at = ?
			WHERE id = ? AND last_seen_at < ?`, seen, until, sess.ID, seen.Add(-s.cfg.TouchEvery))
		return err
	})
	if err != nil {
		s.log.WarnContext(ctx, "identity: touch session failed", "session_id", sess.ID, "error", err)
		return
	}
	sess.LastSeenAt, sess.IdleExpiresAt = seen, until
}
