package rating

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The actions of the rating module.
var (
	// actRate rates one's own case (self scope): the person served.
	actRate = authz.Define("rating.rate", "评价本人的办件", authz.RoleResident, authz.RoleEnterprise)
	// actView sees rectification cases: unit staff those of their units,
	// leaders and administrators all of the district.
	actView = authz.Define("rating.rectification.view", "查看差评整改", authz.RoleFrontDesk, authz.RoleApprover,
		authz.RoleLeader, authz.RoleAdmin)
	// actRectify records callbacks and measures for the unit's cases: the
	// front desk of the accepting point, the approvers of the department.
	actRectify = authz.Define("rating.rectification.handle", "回访和整改差评", authz.RoleFrontDesk, authz.RoleApprover,
		authz.RoleAdmin)
	// actReview closes or sends back a submitted case.
	actReview = authz.Define("rating.rectification.review", "审核差评整改", authz.RoleLeader, authz.RoleAdmin)
)

// unitScopes are the scopes of a case's answerable units.
func unitScopes(dept, point string) []authz.Scope {
	var out []authz.Scope
	if dept != "" {
		out = append(out, authz.Scope{Kind: authz.ScopeDepartment, Code: dept})
	}
	if point != "" {
		out = append(out, authz.Scope{Kind: authz.ScopeServicePoint, Code: point})
	}
	return out
}

// mayUnit reports whether the actor may perform act on a case of the
// units: over one of them. A case with no unit is the district's.
func mayUnit(actor *authz.Actor, act *authz.Action, district, dept, point string) bool {
	scopes := unitScopes(dept, point)
	if len(scopes) == 0 {
		scopes = []authz.Scope{authz.District(district)}
	}
	for _, sc := range scopes {
		if actor.May(act, sc) {
			return true
		}
	}
	return false
}

// checkUnit is mayUnit as an error: forbidden, or unauthorised when
// nobody is signed in.
func checkUnit(actor *authz.Actor, act *authz.Action, district, dept, point string) error {
	if mayUnit(actor, act, district, dept, point) {
		return nil
	}
	if actor.Anonymous() {
		return apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	return apperr.Forbidden("您无权" + act.Title)
}
