package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Notice is one in-app message to an account.
type Notice struct {
	ID        int64      `json:"id"`
	Text      string     `json:"text"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at,omitempty"`
}

// maxNotices bounds one page of messages.
const maxNotices = 100

// Notices lists the actor's own messages, newest first, at most limit
// (default and maximum 100) before the message id before (0: the newest).
func (s *Service) Notices(ctx context.Context, actor *authz.Actor, before int64, limit int) ([]Notice, error) {
	if err := authz.Check(actor, actOwnAccount, selfOf(actor)); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > maxNotices {
		limit = maxNotices
	}
	q := `SELECT id, text, created_at, read_at FROM notices WHERE account_id = ?`
	args := []any{actor.AccountID}
	if before > 0 {
		q += ` AND id < ?`
		args = append(args, before)
	}
	rows, err := s.d.Query(ctx, q+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("identity: list notices: %w", err)
	}
	defer rows.Close()
	out := []Notice{}
	for rows.Next() {
		var n Notice
		if err := rows.Scan(&n.ID, &n.Text, &n.CreatedAt, &n.ReadAt); err != nil {
			return nil, fmt.Errorf("identity: list notices: %w", err)
		}
		n.CreatedAt = n.CreatedAt.UTC()
		out = append(out, n)
	}
	return out, rows.Err()
}

// UnreadNotices counts the actor's unread messages; 0 for nobody signed in.
func (s *Service) UnreadNotices(ctx context.Context, actor *authz.Actor) (int, error) {
	if actor == nil || actor.AccountID == 0 {
		return 0, nil
	}
	var n int
	err := s.d.QueryRow(ctx, `SELECT COUNT(*) FROM notices WHERE account_id = ? AND read_at IS NULL`,
		actor.AccountID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("identity: count unread notices: %w", err)
	}
	return n, nil
}

// MarkNoticesRead marks every message of the actor up to id upTo read
// (those they have seen on the page).
func (s *Service) MarkNoticesRead(ctx context.Context, actor *authz.Actor, upTo int64) error {
	if err := authz.Check(actor, actOwnAccount, selfOf(actor)); err != nil {
		return err
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE notices SET read_at = ? WHERE account_id = ? AND id <= ? AND read_at IS NULL`,
			tx.Now(), actor.AccountID, upTo)
		if err != nil {
			return fmt.Errorf("identity: mark notices read: %w", err)
		}
		return nil
	})
}
