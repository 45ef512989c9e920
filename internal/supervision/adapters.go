package supervision

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// GrantStaff is the Staff port read from identity's role grants: who
// inspects a street is whoever holds the inspector role over it, as the
// task list itself decides (streetsOf). Organisation posts carry titles,
// not roles, so they cannot tell. Identity offers no query by grant yet;
// this reads its tables (account_grants, accounts) read-only, as rating
// reads approval's tasks, and should move behind an identity method when
// one exists. Disabled accounts are left out.
type GrantStaff struct{ DB *db.DB }

// InspectorsOf lists the inspectors of a street; a street with none falls
// back to the district's inspectors, so that no task goes unannounced.
func (g GrantStaff) InspectorsOf(ctx context.Context, street string) ([]int64, error) {
	ids, err := g.holders(ctx, authz.RoleInspector, authz.ScopeStreet, street)
	if err != nil || len(ids) > 0 || len(street) < 6 {
		return ids, err
	}
	return g.holders(ctx, authz.RoleInspector, authz.ScopeDistrict, street[:6])
}

// ApproversOf lists the approvers of a department.
func (g GrantStaff) ApproversOf(ctx context.Context, department string) ([]int64, error) {
	return g.holders(ctx, authz.RoleApprover, authz.ScopeDepartment, department)
}

// holders lists the staff accounts holding role over exactly the scope.
func (g GrantStaff) holders(ctx context.Context, role authz.Role, kind authz.ScopeKind, code string) ([]int64, error) {
	rows, err := g.DB.Query(ctx, `SELECT DISTINCT g.account_id FROM account_grants g JOIN accounts a ON a.id = g.account_id
		WHERE g.role = ? AND g.scope_kind = ? AND g.scope_code = ? AND a.kind = 'staff' AND a.status <> 'disabled'
		ORDER BY g.account_id`, string(role), string(kind), code)
	if err != nil {
		return nil, fmt.Errorf("supervision: %s of %s: %w", role, code, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("supervision: %s of %s: %w", role, code, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
