package workorder

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The actions of the work-order module (part 1: intake, categories, keys).
// The later parts add theirs (dispatch, handling, follow-up, measures).
var (
	// actFile files and follows one's own requests: residents and
	// enterprise users, on their own data.
	actFile = authz.Define("workorder.order.file", "提交和查看自己的诉求", authz.RoleResident, authz.RoleEnterprise)
	// actEnter enters an order for someone (hotline calls, home visits,
	// grid reports, property requests): anywhere in the district, since
	// intake is not jurisdiction (the order is then dispatched).
	actEnter = authz.Define("workorder.order.enter", "代群众登记诉求工单",
		authz.RoleFrontDesk, authz.RoleGridWorker, authz.RoleProperty)
	// actView reads the orders of the places in one's scope.
	actView = authz.Define("workorder.order.view", "查看辖区内的诉求工单",
		authz.RoleFrontDesk, authz.RoleGridWorker, authz.RoleProperty, authz.RoleLeader, authz.RoleAdmin)
	// actRequester sees who filed an order (masked) and may reveal the
	// phone to call back, within scope, never for anonymous orders: the
	// roles that talk to requesters. Leaders and administrators see
	// orders without the person.
	actRequester = authz.Define("workorder.requester.view", "查看和联系工单诉求人",
		authz.RoleFrontDesk, authz.RoleGridWorker, authz.RoleProperty)
	// actCategories edits and publishes the category tree.
	actCategories = authz.Define("workorder.category.manage", "编辑和发布工单分类", authz.RoleAdmin)
	// actKeys creates and revokes the API keys of other systems.
	actKeys = authz.Define("workorder.apikey.manage", "管理工单接入的API密钥", authz.RoleAdmin)
)

// KindAPIKey is the actor kind of a request made with an API key: the
// actor holds no grant (no role check passes for it); the service
// recognises it and acts within what the key allows.
const KindAPIKey authz.AccountKind = "api_key"

// callerOf classifies the actor for intake and checks the permission:
// residents file for themselves, staff enter for others, keys send.
func callerOf(actor *authz.Actor) (caller, error) {
	switch {
	case actor == nil || actor.Anonymous():
		return 0, apperr.New(apperr.CodeUnauthorized, "请先登录")
	case actor.Kind == KindAPIKey:
		return byKey, nil
	case actor.May(actFile, authz.Self(actor.AccountID)):
		return byResident, nil
	case actor.May(actEnter, authz.Scope{}):
		return byStaff, nil
	}
	return 0, apperr.Forbidden("您无权提交或登记诉求工单")
}

// scopeOf is the most specific unit an order belongs to, for checks of
// staff scopes: its grid, else its community (attached to its street).
func scopeOf(o Order) authz.Scope {
	under := ""
	if len(o.Place.Community) < len(o.Place.Street) || o.Place.Community[:len(o.Place.Street)] != o.Place.Street {
		under = o.Place.Street // a reattached community (东阳, 西花)
	}
	if o.Place.Grid != "" {
		return authz.Scope{Kind: authz.ScopeGrid, Code: o.Place.Grid}.WithUnder(under)
	}
	return authz.Scope{Kind: authz.ScopeCommunity, Code: o.Place.Community}.WithUnder(under)
}

// mayView reports whether the actor may read the order: its requester,
// staff whose scope covers it or who entered it, the key that sent it,
// the system.
func mayView(actor *authz.Actor, o Order) bool {
	switch {
	case actor == nil:
		return false
	case actor.Kind == authz.KindSystem:
		return actor.District == o.District
	case actor.Kind == KindAPIKey:
		return actor.AccountID == o.APIKeyID && actor.District == o.District
	case o.RequesterID != 0 && actor.AccountID == o.RequesterID && actor.Kind != authz.KindStaff:
		return true
	}
	return actor.District == o.District && (enteredBy(actor, o) || covers(actor, actView, o))
}

// mayContact reports whether the actor may see the requester (masked) and
// reveal the phone: requester roles within scope and the staff member who
// entered the order, never for anonymous orders.
func mayContact(actor *authz.Actor, o Order) bool {
	return !o.Anonymous && actor != nil && actor.District == o.District &&
		(enteredBy(actor, o) || covers(actor, actRequester, o))
}
