package workorder

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The actions of dispatch.
var (
	// actWork is the handling units' side: see the unit's queue, sign
	// (签收) what was sent to the unit, take pool orders (抢单), say an
	// order is not the unit's (退单). Which units a person acts for
	// follows from the role and scope (unitRoles): community social
	// workers and front desks for communities, grid workers for grids,
	// street staff and inspectors for streets, approvers and inspectors
	// for departments, property staff for the estates' property.
	actWork = authz.Define("workorder.dispatch.work", "签收、抢单和退单（本单位的工单）",
		authz.RoleFrontDesk, authz.RoleApprover, authz.RoleInspector, authz.RoleGridWorker, authz.RoleProperty)
	// actDispatch is the dispatcher's: dispatch by hand what the catalogue
	// could not, review returns (退单) and re-assign (改派) or uphold, add
	// co-units (协办). Dispatchers are the front desks (全科社工) of the
	// district and street centres — the 12345/网格化 dispatch desks sit
	// there — over the orders of their district or street; a community
	// station's front desk is a handling unit, not a dispatcher (see
	// dispatcherScopes). Administrators configure, they do not dispatch.
	actDispatch = authz.Define("workorder.dispatch.assign", "派单、审核退单和改派", authz.RoleFrontDesk)
	// actCatalogue edits and publishes the dispatch catalogue.
	actCatalogue = authz.Define("workorder.dispatch.manage", "编辑和发布派单目录", authz.RoleAdmin)
)

// dispatcherScopes are the district and street scopes over which the
// actor dispatches; a service point stands for its division.
func dispatcherScopes(a *authz.Actor) []authz.Scope {
	var out []authz.Scope
	if a == nil || a.Kind != authz.KindStaff {
		return nil
	}
	for _, g := range a.Grants {
		sc := grantScope(g.Scope)
		if actDispatch.Allows(g.Role) && (sc.Kind == authz.ScopeDistrict || sc.Kind == authz.ScopeStreet) {
			out = append(out, sc)
		}
	}
	return out
}

// mayDispatch reports whether the actor dispatches the order: a
// dispatcher whose district or street covers its place.
func mayDispatch(a *authz.Actor, o Order) bool {
	if a == nil || a.District != o.District {
		return false
	}
	target := scopeOf(o)
	for _, sc := range dispatcherScopes(a) {
		if sc.Covers(target) {
			return true
		}
	}
	return false
}

// checkDispatcher refuses actors who dispatch nowhere.
func checkDispatcher(a *authz.Actor) error {
	if a.Anonymous() {
		return apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	if len(dispatcherScopes(a)) == 0 {
		return apperr.Forbidden("您无权" + actDispatch.Title + "：派单由区、街道政务服务中心的全科社工负责")
	}
	return nil
}

// checkWorker refuses actors who act for no unit.
func checkWorker(a *authz.Actor) error {
	if a.Anonymous() {
		return apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	if a.Kind != authz.KindStaff || len(workScopes(a)) == 0 {
		return apperr.Forbidden("您无权" + actWork.Title)
	}
	return nil
}
