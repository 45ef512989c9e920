package workorder

import (
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// scopesFor lists the scopes over which the actor holds a role of act. A
// service point stands for the division it serves: the front desk of a
// street centre (320113001P01) covers the street's orders, that of a
// community station its community; department points cover no place.
func scopesFor(a *authz.Actor, act *authz.Action) []authz.Scope {
	var out []authz.Scope
	for _, g := range a.Grants {
		if !act.Allows(g.Role) {
			continue
		}
		sc := g.Scope
		if sc.Kind == authz.ScopeServicePoint {
			div, _, _ := strings.Cut(sc.Code, "P")
			sc = authz.Scope{Kind: divisionKind(div), Code: div}
		}
		if placeColumn[sc.Kind] != "" {
			out = append(out, sc)
		}
	}
	return out
}

// divisionKind tells a division code's kind by its length.
func divisionKind(code string) authz.ScopeKind {
	switch len(code) {
	case 6:
		return authz.ScopeDistrict
	case 9:
		return authz.ScopeStreet
	case 12:
		return authz.ScopeCommunity
	case 15:
		return authz.ScopeGrid
	}
	return ""
}

// placeColumn is the order column a scope of each kind filters on.
var placeColumn = map[authz.ScopeKind]string{authz.ScopeDistrict: "district_code", authz.ScopeStreet: "street_code",
	authz.ScopeCommunity: "community_code", authz.ScopeGrid: "grid_code"}

// covers reports whether the actor holds a role of act over the order's
// place.
func covers(a *authz.Actor, act *authz.Action, o Order) bool {
	target := scopeOf(o)
	for _, sc := range scopesFor(a, act) {
		if sc.Covers(target) {
			return true
		}
	}
	return false
}

// enteredBy reports whether the actor is the staff member who entered the
// order: they may follow it even outside their scope.
func enteredBy(a *authz.Actor, o Order) bool {
	return a.Kind == authz.KindStaff && o.EnteredBy != 0 && o.EnteredBy == a.AccountID
}
