package workorder

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// unitRoles are the roles that act for each kind of unit (keyed by
// UnitKind): a property company's orders are its staff's, a community's
// its social and grid workers', a street's also its enforcement team's, a
// department's its staff's. Dispatch (actsFor) and handling share it.
var unitRoles = map[string][]authz.Role{
	string(KindCommunity):  {authz.RoleFrontDesk, authz.RoleGridWorker},
	string(KindGrid):       {authz.RoleGridWorker, authz.RoleFrontDesk},
	string(KindStreet):     {authz.RoleFrontDesk, authz.RoleGridWorker, authz.RoleInspector},
	string(KindDepartment): {authz.RoleApprover, authz.RoleInspector, authz.RoleFrontDesk},
	string(KindProperty):   {authz.RoleProperty},
}

// AssignedUnit returns the lead hop (主办) an order is with: its latest
// lead assignment still standing — offered to a pool, pending 签收,
// accepted, or done once the order was resolved or closed. found is false
// before dispatch and while a return (退单) awaits review. Dispatch writes
// the hops; handling, verification and the pages read them through here.
func (s *Service) AssignedUnit(ctx context.Context, o Order) (Assignment, bool, error) {
	return assignedLead(ctx, s.DB, o.ID)
}

// assignedLead reads the standing lead hop of an order.
func assignedLead(ctx context.Context, q querier, orderID int64) (Assignment, bool, error) {
	a, err := scanAssignment(q.QueryRow(ctx, assignmentSelect+` WHERE order_id = ? AND role = ?
		AND state IN (?, ?, ?, ?) ORDER BY id DESC LIMIT 1`, orderID, RoleLead, AssignOffered, AssignPending,
		AssignAccepted, AssignDone))
	if isNoRows(err) {
		return Assignment{}, false, nil
	}
	if err != nil {
		return Assignment{}, false, fmt.Errorf("workorder: assigned unit: %w", err)
	}
	return a, true, nil
}

// handledBy reports whether the actor handles the order for its lead hop
// a: a staff member of the order's district acting for the unit (a role of
// the unit's kind and team over a scope covering it, see memberOf) and,
// when a worker took the order, that worker.
func (s *Service) handledBy(ctx context.Context, actor *authz.Actor, o Order, a Assignment) (bool, error) {
	if actor == nil || actor.Kind != authz.KindStaff || actor.District != o.District || a.Unit.Code == "" {
		return false, nil
	}
	if a.AccountID != 0 && a.AccountID != actor.AccountID {
		return false, nil
	}
	if !actor.May(actHandle, authz.Scope{}) {
		return false, nil
	}
	g, err := s.gazetteer(ctx, o.District)
	if err != nil {
		return false, err
	}
	return g.memberOf(actor, a.Unit), nil
}

// handlerOf returns the order's lead hop and whether the actor handles
// for it.
func (s *Service) handlerOf(ctx context.Context, q querier, actor *authz.Actor, o Order) (Assignment, bool, error) {
	a, found, err := assignedLead(ctx, q, o.ID)
	if err != nil || !found {
		return a, false, err
	}
	ok, err := s.handledBy(ctx, actor, o, a)
	return a, ok, err
}
