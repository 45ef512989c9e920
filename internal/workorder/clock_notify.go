package workorder

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// ClockStaff names the people the clocks notify.
type ClockStaff interface {
	// UnitStaff lists the staff who handle a unit's orders (unit kind,
	// code and team as in workorder_assignments).
	UnitStaff(ctx context.Context, unitKind, unitCode, team string) ([]int64, error)
	// Supervisors lists the leaders an order's lapse escalates to: those
	// of the handling unit, else of the order's street, else of the
	// district.
	Supervisors(ctx context.Context, district, street, unitCode string) ([]int64, error)
}

// clockLead is the unit currently leading an order (主办), from the
// dispatch part's assignments: the latest lead assignment that is offered,
// pending or accepted. Account is the worker who took or was given it.
type clockLead struct {
	Kind, Code, Team string
	Account          int64
}

// ref is the unit as events carry it: kind:code[/team].
func (l clockLead) ref() string {
	s := l.Kind + ":" + l.Code
	if l.Team != "" {
		s += "/" + l.Team
	}
	return s
}

// leadOf reads the order's current lead unit; false when it has none
// (not dispatched yet, or returned and awaiting review).
func leadOf(ctx context.Context, q querier, orderID int64) (clockLead, bool, error) {
	var l clockLead
	var account sql.NullInt64
	err := q.QueryRow(ctx, `SELECT unit_kind, unit_code, team, account_id FROM workorder_assignments
		WHERE order_id = ? AND role = 'lead' AND state IN ('offered', 'pending', 'accepted')
		ORDER BY id DESC LIMIT 1`, orderID).Scan(&l.Kind, &l.Code, &l.Team, &account)
	if isNoRows(err) {
		return clockLead{}, false, nil
	}
	if err != nil {
		return clockLead{}, false, fmt.Errorf("workorder: lead unit: %w", err)
	}
	l.Account = account.Int64
	return l, true, nil
}

// unitStaff lists whom to remind of an order: the worker holding it, else
// the staff of its lead unit; nobody when it has no unit (the lapse still
// escalates to the supervisors). It also returns the unit (kind:code).
func (c *Clocks) unitStaff(ctx context.Context, tx *db.Tx, o Order) ([]int64, string, error) {
	lead, ok, err := leadOf(ctx, tx, o.ID)
	if err != nil || !ok {
		return nil, "", err
	}
	if lead.Account != 0 {
		return []int64{lead.Account}, lead.ref(), nil
	}
	if c.Staff == nil {
		return nil, lead.ref(), nil
	}
	ids, err := c.Staff.UnitStaff(ctx, lead.Kind, lead.Code, lead.Team)
	if err != nil {
		return nil, "", fmt.Errorf("workorder: staff of %s: %w", lead.ref(), err)
	}
	return ids, lead.ref(), nil
}

// supervisors lists the leaders an order escalates to.
func (c *Clocks) supervisors(ctx context.Context, o Order, unit string) ([]int64, error) {
	if c.Staff == nil {
		return nil, nil
	}
	_, code, _ := strings.Cut(unit, ":")
	code, _, _ = strings.Cut(code, "/")
	ids, err := c.Staff.Supervisors(ctx, o.District, o.Place.Street, code)
	if err != nil {
		return nil, fmt.Errorf("workorder: supervisors of %s: %w", o.Number, err)
	}
	return ids, nil
}

// notify sends text to every account, in tx.
func (c *Clocks) notify(ctx context.Context, tx *db.Tx, ids []int64, text string) error {
	if c.Notify == nil {
		return nil
	}
	for _, id := range ids {
		if err := c.Notify(ctx, tx, id, text); err != nil {
			return fmt.Errorf("workorder: notify: %w", err)
		}
	}
	return nil
}

// handlerRolesOf are the roles acting for a unit of kind and team.
func handlerRolesOf(kind, team string) []authz.Role {
	if team == "enforcement" {
		return []authz.Role{authz.RoleInspector}
	}
	return unitRoles[kind] // the roles dispatch and handling use (handle_assign.go)
}

// GrantClockStaff is the ClockStaff port read from identity's role grants,
// like supervision.GrantStaff: a unit's staff are the active staff
// accounts holding a role that acts for it (handlerRolesOf) over the
// unit's own code, or, when nobody does, over the nearest division above
// it (a grid's community, a community's street: property companies are
// named by the community they serve); supervisors are the leaders
// (RoleLeader) over exactly the handling unit (a department, street or
// community), else over the order's street, else over the district.
// Organisation posts carry titles, not roles, so they cannot tell. It
// reads identity's tables read-only and should move behind an identity
// method when one exists.
type GrantClockStaff struct{ DB *db.DB }

// UnitStaff lists the unit's handlers.
func (g GrantClockStaff) UnitStaff(ctx context.Context, unitKind, unitCode, team string) ([]int64, error) {
	roles := handlerRolesOf(unitKind, team)
	if len(roles) == 0 || unitCode == "" {
		return nil, nil
	}
	for _, code := range unitAndAbove(unitCode) {
		ids, err := g.holders(ctx, roles, code)
		if err != nil || len(ids) > 0 {
			return ids, err
		}
	}
	return nil, nil
}

// Supervisors lists the leaders of the unit, the street or the district.
func (g GrantClockStaff) Supervisors(ctx context.Context, district, street, unitCode string) ([]int64, error) {
	for _, code := range []string{unitCode, street, district} {
		if code == "" {
			continue
		}
		ids, err := g.holders(ctx, []authz.Role{authz.RoleLeader}, code)
		if err != nil || len(ids) > 0 {
			return ids, err
		}
	}
	return nil, nil
}

// unitAndAbove lists a unit's code and the divisions above it up to its
// street (a grid's community and street, a community's street);
// departments have none.
func unitAndAbove(code string) []string {
	out := []string{code}
	if divisionKind(code) == "" {
		return out
	}
	for _, n := range []int{12, 9} {
		if n < len(code) {
			out = append(out, code[:n])
		}
	}
	return out
}

// holders lists the active staff accounts holding one of roles over
// exactly code.
func (g GrantClockStaff) holders(ctx context.Context, roles []authz.Role, code string) ([]int64, error) {
	args := []any{code}
	for _, r := range roles {
		args = append(args, string(r))
	}
	ids, err := clockRows(ctx, g.DB, scanHolder, "holders of "+code, `SELECT DISTINCT g.account_id
		FROM account_grants g JOIN accounts a ON a.id = g.account_id
		WHERE g.scope_code = ? AND g.role IN (`+db.Marks(len(roles))+`) AND a.kind = 'staff' AND a.status <> 'disabled'
		ORDER BY g.account_id`, args...)
	return slices.Compact(ids), err
}

// scanHolder reads an account id.
func scanHolder(r clockScanner) (int64, error) {
	var id int64
	err := r.Scan(&id)
	return id, err
}
