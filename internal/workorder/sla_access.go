package workorder

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The actions of the clocks (part 4).
var (
	// actTimeRequest asks for more time (延期) or to park an order (挂账):
	// the staff of the unit handling it, who must also act for that unit
	// (see mayRequestTime).
	actTimeRequest = authz.Define("workorder.time.request", "申请工单延期或挂账", authz.RoleFrontDesk,
		authz.RoleGridWorker, authz.RoleProperty, authz.RoleInspector, authz.RoleApprover)
	// actTimeApprove decides extension and parking requests and resumes
	// parked orders: the leaders over the order's place or its unit, the
	// supervisors its lapses escalate to.
	actTimeApprove = authz.Define("workorder.time.approve", "审批工单延期和挂账", authz.RoleLeader)
)

// unitScopeOf is the scope a lead unit stands for; a reattached community
// (and its grids and property company) carries the order's street.
func unitScopeOf(l clockLead, o Order) authz.Scope {
	kinds := map[string]authz.ScopeKind{"community": authz.ScopeCommunity, "property": authz.ScopeCommunity,
		"grid": authz.ScopeGrid, "street": authz.ScopeStreet, "department": authz.ScopeDepartment}
	sc := authz.Scope{Kind: kinds[l.Kind], Code: l.Code}
	if sc.Kind == authz.ScopeCommunity || sc.Kind == authz.ScopeGrid {
		if !strings.HasPrefix(l.Code, o.Place.Street) {
			sc = sc.WithUnder(o.Place.Street)
		}
	}
	return sc
}

// mayRequestTime reports whether the actor handles the order for its lead
// unit: the worker holding it, or staff acting for the unit (a role that
// acts for units of its kind and team, over a scope covering the unit).
func mayRequestTime(a *authz.Actor, o Order, lead clockLead, hasLead bool) bool {
	if a == nil || a.Kind != authz.KindStaff || a.District != o.District || !hasLead {
		return false
	}
	if lead.Account != 0 && lead.Account == a.AccountID {
		return a.May(actTimeRequest, authz.Scope{})
	}
	target := unitScopeOf(lead, o)
	roles := handlerRolesOf(lead.Kind, lead.Team)
	for _, g := range a.Grants {
		if actTimeRequest.Allows(g.Role) && slices.Contains(roles, g.Role) && clockGrantScope(g.Scope).Covers(target) {
			return true
		}
	}
	return false
}

// mayApproveTime reports whether the actor supervises the order: a leader
// over its place or over its lead unit.
func mayApproveTime(a *authz.Actor, o Order, lead clockLead, hasLead bool) bool {
	if a == nil || a.Kind != authz.KindStaff || a.District != o.District {
		return false
	}
	return a.May(actTimeApprove, scopeOf(o)) || (hasLead && a.May(actTimeApprove, unitScopeOf(lead, o)))
}

// clockGrantScope is the scope a grant covers, a service point standing
// for the division it serves.
func clockGrantScope(sc authz.Scope) authz.Scope {
	if sc.Kind != authz.ScopeServicePoint {
		return sc
	}
	div, _, _ := strings.Cut(sc.Code, "P")
	return authz.Scope{Kind: divisionKind(div), Code: div}
}

// timeAccess is what the actor may do about an order's time.
type timeAccess struct {
	order    Order
	lead     clockLead
	hasLead  bool
	request  bool // may ask for an extension or parking
	approve  bool // may decide them
	viewOnly bool // may only see the clocks
}

// accessTime loads an order by number for its time page and tells what the
// actor may do; orders the actor has nothing to do with are not found.
func (c *Clocks) accessTime(ctx context.Context, actor *authz.Actor, number string) (timeAccess, error) {
	if actor == nil || actor.Anonymous() {
		return timeAccess{}, apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	o, err := loadOrder(ctx, c.s.DB, `number = ? AND district_code = ?`, number, actor.District)
	if errors.Is(err, errNoOrder) {
		return timeAccess{}, errNotFound
	}
	if err != nil {
		return timeAccess{}, err
	}
	return c.accessOf(ctx, actor, o)
}

// accessOf tells what the actor may do about an order's time.
func (c *Clocks) accessOf(ctx context.Context, actor *authz.Actor, o Order) (timeAccess, error) {
	lead, ok, err := leadOf(ctx, c.s.DB, o.ID)
	if err != nil {
		return timeAccess{}, err
	}
	acc := timeAccess{order: o, lead: lead, hasLead: ok, request: mayRequestTime(actor, o, lead, ok),
		approve: mayApproveTime(actor, o, lead, ok)}
	staffView := actor.Kind == authz.KindStaff && mayView(actor, o)
	if !acc.request && !acc.approve && !staffView {
		return timeAccess{}, errNotFound
	}
	acc.viewOnly = !acc.request && !acc.approve
	return acc, nil
}

// errNotHandler refuses a request by someone not handling the order.
var errNotHandler = apperr.Forbidden("只有承办单位的工作人员可以申请延期或挂账")

// errNotSupervisor refuses a decision by someone not supervising it.
var errNotSupervisor = apperr.Forbidden("只有工单所在街道、承办单位或全区的领导可以审批")
