package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// querier is what both the read pool (*db.DB) and a transaction offer.
type querier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const accountColumns = `id, district, kind, display_name, status, username, password_hash,
	failed_logins, locked_until, totp_secret, totp_pending, totp_last_step, phone_enc,
	real_name, id_number_enc, real_name_verified_at, last_login_at, created_at, updated_at`

// scanAccount reads one account selected with accountColumns.
func scanAccount(row *sql.Row) (*accountRow, error) {
	var a accountRow
	err := row.Scan(&a.id, &a.district, &a.kind, &a.displayName, &a.status, &a.username, &a.passwordHash,
		&a.failedLogins, &a.lockedUntil, &a.totpSecret, &a.totpPending, &a.totpLastStep, &a.phoneEnc,
		&a.realName, &a.idNumberEnc, &a.verifiedAt, &a.lastLoginAt, &a.createdAt, &a.updatedAt)
	if err != nil {
		return nil, err
	}
	a.createdAt, a.updatedAt = a.createdAt.UTC(), a.updatedAt.UTC()
	return &a, nil
}

// accountByID loads an account, or a not-found error. lock adds FOR UPDATE
// (inside a transaction on PostgreSQL).
func accountByID(ctx context.Context, q querier, e db.Engine, id int64, lock bool) (*accountRow, error) {
	query := `SELECT ` + accountColumns + ` FROM accounts WHERE id = ?`
	if lock {
		query += e.ForUpdate()
	}
	a, err := scanAccount(q.QueryRow(ctx, query, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFound(msgAccountMissing)
	}
	if err != nil {
		return nil, fmt.Errorf("identity: load account %d: %w", id, err)
	}
	return a, nil
}

// grantsOf lists an account's grants.
func grantsOf(ctx context.Context, q querier, accountID int64) ([]authz.Grant, error) {
	rows, err := q.Query(ctx, `SELECT role, scope_kind, scope_code FROM account_grants
		WHERE account_id = ? ORDER BY id`, accountID)
	if err != nil {
		return nil, fmt.Errorf("identity: load grants: %w", err)
	}
	defer rows.Close()
	var out []authz.Grant
	for rows.Next() {
		var g authz.Grant
		if err := rows.Scan(&g.Role, &g.Scope.Kind, &g.Scope.Code); err != nil {
			return nil, fmt.Errorf("identity: load grants: %w", err)
		}
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("identity: load grants: %w", err)
	}
	return out, nil
}

// insertGrant adds a grant; it reports false when the account already
// holds it.
func insertGrant(ctx context.Context, tx *db.Tx, accountID int64, g authz.Grant, by int64) (bool, error) {
	res, err := tx.Exec(ctx, `INSERT INTO account_grants (account_id, role, scope_kind, scope_code, granted_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		accountID, g.Role, g.Scope.Kind, g.Scope.Code, by, tx.Now())
	if err != nil {
		return false, fmt.Errorf("identity: insert grant: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("identity: insert grant: %w", err)
	}
	return n == 1, nil
}

// deleteSessionsOf ends every session of an account but keep (may be "").
func deleteSessionsOf(ctx context.Context, tx *db.Tx, accountID int64, keep string) (int64, error) {
	res, err := tx.Exec(ctx, `DELETE FROM sessions WHERE account_id = ? AND id <> ?`, accountID, keep)
	if err != nil {
		return 0, fmt.Errorf("identity: end sessions: %w", err)
	}
	return res.RowsAffected()
}

// grantStrings renders grants for audit states.
func grantStrings(gs []authz.Grant) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = string(g.Role) + "@" + g.Scope.String()
	}
	return out
}

// objectID formats an account id for audit entries.
func objectID(id int64) string { return strconv.FormatInt(id, 10) }

// oneRow turns an update's result into an error unless exactly one row
// changed; zero rows means the state moved under us (conflict msg).
func oneRow(res sql.Result, err error, msg string) error {
	if err != nil {
		return fmt.Errorf("identity: update: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("identity: update: %w", err)
	}
	if n != 1 {
		return apperr.Conflict(msg)
	}
	return nil
}

// nullString is an optional text column: NULL for "".
func nullString(v string) sql.NullString { return sql.NullString{String: v, Valid: v != ""} }
