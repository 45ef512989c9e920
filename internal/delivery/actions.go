package delivery

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The actions of the delivery module.
var (
	// actOwn chooses how one's own results are delivered and follows them.
	actOwn = authz.Define("delivery.own", "选择和查看本人证照的送达方式", authz.RoleResident, authz.RoleEnterprise)
	// actHandover hands results over at the front desk of the point the
	// applicant chose.
	actHandover = authz.Define("delivery.handover", "在窗口交付证照", authz.RoleFrontDesk)
	// actOversee sees the figures of the whole district.
	actOversee = authz.Define("delivery.oversee", "查看全区证照送达情况", authz.RoleLeader, authz.RoleAdmin)
)

// selfOf is the actor's own scope; nobody's for an anonymous caller.
func selfOf(a *authz.Actor) authz.Scope {
	if a == nil {
		return authz.Self(0)
	}
	return authz.Self(a.AccountID)
}

// deskPoints are the service points where the actor works a front desk:
// the points of their front-desk grants, as approval's acceptance reads
// them.
func deskPoints(a *authz.Actor) []string {
	var out []string
	for _, sc := range a.ScopesFor(authz.RoleFrontDesk) {
		if sc.Kind == authz.ScopeServicePoint && a.May(actHandover, sc) {
			out = append(out, sc.Code)
		}
	}
	return out
}
