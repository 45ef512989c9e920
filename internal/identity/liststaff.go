package identity

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// MaxStaffPage bounds one page of ListStaff.
const MaxStaffPage = 100

// StaffSummary is one staff account in an administrator's list. It holds
// no personal data beyond the name colleagues see.
type StaffSummary struct {
	ID          int64
	Username    string
	DisplayName string
	Status      Status
	LockedUntil *time.Time
	TOTPEnabled bool
	Grants      []authz.Grant
	LastLoginAt *time.Time
	CreatedAt   time.Time
}

// StaffList is one page of staff accounts and how many there are in all.
type StaffList struct {
	Items []StaffSummary
	Total int
}

// ListStaff lists, by username, the staff accounts of the actor's district
// that the actor may view: every account for a district administrator;
// for an administrator of smaller scopes, the accounts whose grants all
// lie inside those scopes (the same rule as managing an account).
func (s *Service) ListStaff(ctx context.Context, actor *authz.Actor, limit, offset int) (StaffList, error) {
	if err := authz.Check(actor, actViewAccount, authz.Scope{}); err != nil {
		return StaffList{}, err
	}
	if limit < 1 || limit > MaxStaffPage || offset < 0 {
		return StaffList{}, apperr.Invalid("limit", "每页条数应为 1 到 100")
	}
	where, args := staffVisibility(actor)
	var total int
	if err := s.d.QueryRow(ctx, `SELECT COUNT(*) FROM accounts a WHERE `+where, args...).Scan(&total); err != nil {
		return StaffList{}, fmt.Errorf("identity: list staff: %w", err)
	}
	items, err := s.staffPage(ctx, where, args, limit, offset)
	if err != nil {
		return StaffList{}, err
	}
	return StaffList{Items: items, Total: total}, nil
}

// staffVisibility is the WHERE clause of the staff accounts actor may
// view. A grant lies inside a scope when its code starts with the scope's
// code (authz.Scope.Covers); the lengths are written into the SQL as
// integer literals, the codes passed as arguments.
func staffVisibility(actor *authz.Actor) (string, []any) {
	where := `a.district = ? AND a.kind = 'staff'`
	args := []any{actor.District}
	codes := viewScopes(actor)
	for _, c := range codes {
		if c == actor.District {
			return where, args
		}
	}
	if len(codes) == 0 {
		return where + ` AND 1 = 0`, args
	}
	var covered []string
	for _, c := range codes {
		covered = append(covered, `substr(g.scope_code, 1, `+strconv.Itoa(len(c))+`) = ?`)
		args = append(args, c)
	}
	where += ` AND EXISTS (SELECT 1 FROM account_grants g WHERE g.account_id = a.id AND g.scope_kind <> 'self')
		AND NOT EXISTS (SELECT 1 FROM account_grants g WHERE g.account_id = a.id AND g.scope_kind <> 'self'
		AND NOT (` + strings.Join(covered, ` OR `) + `))`
	return where, args
}

// viewScopes are the scope codes over which actor may view accounts.
func viewScopes(actor *authz.Actor) []string {
	if actor.Kind == authz.KindSystem {
		return []string{actor.District}
	}
	var out []string
	for _, g := range actor.Grants {
		if actViewAccount.Allows(g.Role) && g.Scope.Kind != authz.ScopeSelf && g.Scope.Code != "" {
			out = append(out, g.Scope.Code)
		}
	}
	return out
}

// staffPage reads one page of the list with each account's grants.
func (s *Service) staffPage(ctx context.Context, where string, args []any, limit, offset int) ([]StaffSummary, error) {
	rows, err := s.d.Query(ctx, `SELECT a.id, a.username, a.display_name, a.status, a.locked_until,
		a.totp_secret IS NOT NULL, a.last_login_at, a.created_at FROM accounts a WHERE `+where+`
		ORDER BY a.username, a.id LIMIT `+strconv.Itoa(limit)+` OFFSET `+strconv.Itoa(offset), args...)
	if err != nil {
		return nil, fmt.Errorf("identity: list staff: %w", err)
	}
	defer rows.Close()
	items := []StaffSummary{}
	for rows.Next() {
		var (
			it            StaffSummary
			user          sql.NullString
			locked, login sql.NullTime
		)
		if err := rows.Scan(&it.ID, &user, &it.DisplayName, &it.Status, &locked, &it.TOTPEnabled,
			&login, &it.CreatedAt); err != nil {
			return nil, fmt.Errorf("identity: list staff: %w", err)
		}
		it.Username, it.LockedUntil, it.LastLoginAt = user.String, nullTimePtr(locked), nullTimePtr(login)
		it.CreatedAt = it.CreatedAt.UTC()
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("identity: list staff: %w", err)
	}
	return items, s.attachGrants(ctx, items)
}

// attachGrants loads the grants of every listed account in one query.
func (s *Service) attachGrants(ctx context.Context, items []StaffSummary) error {
	if len(items) == 0 {
		return nil
	}
	pos := make(map[int64]int, len(items))
	args := make([]any, len(items))
	for i, it := range items {
		pos[it.ID], args[i] = i, it.ID
	}
	rows, err := s.d.Query(ctx, `SELECT account_id, role, scope_kind, scope_code FROM account_grants
		WHERE account_id IN (`+db.Marks(len(items))+`) ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("identity: list staff grants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var g authz.Grant
		if err := rows.Scan(&id, &g.Role, &g.Scope.Kind, &g.Scope.Code); err != nil {
			return fmt.Errorf("identity: list staff grants: %w", err)
		}
		items[pos[id]].Grants = append(items[pos[id]].Grants, g)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("identity: list staff grants: %w", err)
	}
	return nil
}
