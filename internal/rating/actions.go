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
	// actTeam sees and handles the cases of the inspections its street's
	// enforcement team made: inspectors, over their street. It stands apart
	// from actView and actRectify because a street grant also covers the
	// street's service points, whose applications are not the team's.
	actTeam = authz.Define("rating.rectification.team", "回访和整改本街道执法检查的差评", authz.RoleInspector)
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

// mayCase reports whether the actor may perform act (view or handle) on
// a case: an application's over one of its units; an inspection's over
// the district, or as an inspector of its street (actTeam), whose code the
// department slot holds.
func mayCase(actor *authz.Actor, act *authz.Action, x Rectification) bool {
	if x.Rating.CaseKind != CaseInspection {
		return mayUnit(actor, act, x.District, x.Department, x.Point)
	}
	if actor.May(act, authz.District(x.District)) {
		return true
	}
	return x.Department != "" && actor.May(actTeam, authz.Scope{Kind: authz.ScopeStreet, Code: x.Department})
}

// mayAny is nil when the actor may perform act, or act on the cases of
// inspections (actTeam), somewhere: whether to look further.
func mayAny(actor *authz.Actor, act *authz.Action) error {
	if actor.May(actTeam, authz.Scope{}) {
		return nil
	}
	return authz.Check(actor, act, authz.Scope{})
}

// checkCase is mayCase as an error: forbidden, or unauthorised when
// nobody is signed in.
func checkCase(actor *authz.Actor, act *authz.Action, x Rectification) error {
	if mayCase(actor, act, x) {
		return nil
	}
	if actor.Anonymous() {
		return apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	return apperr.Forbidden("您无权" + act.Title)
}
