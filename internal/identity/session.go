package identity

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Session is a signed-in browser or app, stored server-side so that every
// node sees it. The bearer token itself is returned once, at sign-in, and
// never stored: the database keeps its SM3 hash.
type Session struct {
	// ID names the session in audit records and actors; it is not a secret
	// and cannot be used to sign in.
	ID        string
	AccountID int64
	Kind      authz.AccountKind
	District  string
	// CSRFToken must accompany every state-changing form or request of this
	// session; the web layer compares it in constant time.
	CSRFToken     string
	CreatedAt     time.Time
	LastSeenAt    time.Time
	IdleExpiresAt time.Time
	ExpiresAt     time.Time
}

// tokenBytes is the entropy of session tokens and CSRF tokens: 256 bits.
const tokenBytes = 32

// maxTokenLen bounds tokens accepted by Lookup and Logout (base64 of 32
// bytes is 43 characters), so nobody makes the server hash megabytes.
const maxTokenLen = 64

// randomToken returns n random bytes, base64url without padding.
func randomToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("identity: random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// hashToken is what the database keeps of a session token.
func hashToken(token string) string { return gm.SM3Hex([]byte(token)) }

// lifetimes returns the idle and absolute lifetimes of a kind's sessions.
func (s *Service) lifetimes(kind authz.AccountKind) (idle, absolute time.Duration) {
	if kind == authz.KindStaff {
		return s.cfg.StaffIdle, s.cfg.StaffAbsolute
	}
	return s.cfg.PublicIdle, s.cfg.PublicAbsolute
}

// createSession starts a session for acc inside tx, records the sign-in
// in the audit log, and returns the session and its bearer token. It must
// be the transaction's last step (audit.Append takes the chain lock).
func (s *Service) createSession(ctx context.Context, tx *db.Tx, acc *accountRow, method string) (*Session, string, error) {
	token, err := randomToken(tokenBytes)
	if err != nil {
		return nil, "", err
	}
	csrf, err := randomToken(tokenBytes)
	if err != nil {
		return nil, "", err
	}
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return nil, "", fmt.Errorf("identity: session id: %w", err)
	}
	// Microseconds: what both engines store, so the session reads back equal.
	now := tx.Now().Truncate(time.Microsecond)
	idle, absolute := s.lifetimes(acc.kind)
	sess := &Session{ID: hex.EncodeToString(id), AccountID: acc.id, Kind: acc.kind, District: acc.district,
		CSRFToken: csrf, CreatedAt: now, LastSeenAt: now, IdleExpiresAt: now.Add(idle), ExpiresAt: now.Add(absolute)}
	if _, err := tx.Exec(ctx, `INSERT INTO sessions (id, token_hash, account_id, csrf_token, created_at,
		last_seen_at, idle_expires_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		sess.ID, hashToken(token), sess.AccountID, sess.CSRFToken, now, now, sess.IdleExpiresAt, sess.ExpiresAt); err != nil {
		return nil, "", fmt.Errorf("identity: insert session: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE accounts SET last_login_at = ? WHERE id = ?`, now, acc.id); err != nil {
		return nil, "", fmt.Errorf("identity: record sign-in: %w", err)
	}
	actor := acc.actor(nil)
	actor.SessionID = sess.ID
	err = audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "identity.session.create",
		ObjectType: "session", ObjectID: sess.ID, After: map[string]string{"method": method}})
	if err != nil {
		return nil, "", fmt.Errorf("identity: sign in: %w", err)
	}
	return sess, token, nil
}
