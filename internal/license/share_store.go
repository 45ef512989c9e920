package license

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// shareColumns are read in scanShare's order.
const shareColumns = `id, licence_id, lifetime, created_at, expires_at, revoked_at, views, last_viewed_at,
 holder_account, token_hash`

// shareRow is a stored share with its owner and token hash.
type shareRow struct {
	Share
	holder int64
	hash   string
}

func scanShare(sc scanner) (shareRow, error) {
	var r shareRow
	var revoked, viewed sql.NullTime
	err := sc.Scan(&r.ID, &r.LicenceID, &r.Lifetime, &r.CreatedAt, &r.ExpiresAt, &revoked, &r.Views, &viewed,
		&r.holder, &r.hash)
	if err != nil {
		return shareRow{}, err
	}
	r.CreatedAt, r.ExpiresAt = r.CreatedAt.UTC(), r.ExpiresAt.UTC()
	if revoked.Valid {
		r.RevokedAt = revoked.Time.UTC()
	}
	if viewed.Valid {
		r.LastViewedAt = viewed.Time.UTC()
	}
	return r, nil
}

// loadShare reads one share by a unique column.
func loadShare(ctx context.Context, q queryer, column string, value any) (shareRow, error) {
	r, err := scanShare(q.QueryRow(ctx, `SELECT `+shareColumns+` FROM licence_shares WHERE `+column+` = ?`, value))
	if errors.Is(err, sql.ErrNoRows) {
		return shareRow{}, errShareUnknown
	}
	if err != nil {
		return shareRow{}, fmt.Errorf("license: load share: %w", err)
	}
	return r, nil
}

// insertShare stores a new share and returns its id.
func insertShare(ctx context.Context, tx *db.Tx, sh Share, holder int64, hash string) (int64, error) {
	id, err := tx.InsertID(ctx, `INSERT INTO licence_shares (licence_id, holder_account, token_hash, lifetime,
		created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`, sh.LicenceID, holder, hash, sh.Lifetime,
		sh.CreatedAt.UTC(), sh.ExpiresAt.UTC())
	if err != nil {
		return 0, fmt.Errorf("license: insert share: %w", err)
	}
	return id, nil
}

// revokeShare ends a share at t.
func revokeShare(ctx context.Context, tx *db.Tx, id int64, t time.Time) error {
	if _, err := tx.Exec(ctx, `UPDATE licence_shares SET revoked_at = ? WHERE id = ?`, t.UTC(), id); err != nil {
		return fmt.Errorf("license: revoke share %d: %w", id, err)
	}
	return nil
}

// countView counts one view of a share at t.
func countView(ctx context.Context, tx *db.Tx, id int64, t time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE licence_shares SET views = views + 1, last_viewed_at = ? WHERE id = ?`, t.UTC(), id)
	if err != nil {
		return fmt.Errorf("license: count view of share %d: %w", id, err)
	}
	return nil
}

// listShares reads a holder's shares, newest first.
func listShares(ctx context.Context, d *db.DB, holder int64) ([]Share, error) {
	rows, err := d.Query(ctx, `SELECT `+shareColumns+` FROM licence_shares WHERE holder_account = ?
		ORDER BY id DESC LIMIT 500`, holder)
	if err != nil {
		return nil, fmt.Errorf("license: list shares: %w", err)
	}
	defer rows.Close()
	out := []Share{}
	for rows.Next() {
		r, err := scanShare(rows)
		if err != nil {
			return nil, fmt.Errorf("license: list shares: %w", err)
		}
		out = append(out, r.Share)
	}
	return out, rows.Err()
}

// auditShare records a change of a share; the entry names the share and
// its licence, never the token.
func auditShare(ctx context.Context, tx *db.Tx, actor *authz.Actor, action string, id int64, before, after any) error {
	return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: action, ObjectType: "licence_share",
		ObjectID: idString(id), Before: before, After: after})
}
