package workorder

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// DepartmentLister names the district's departments, for department units
// and the "dept:<简称>" handler rules. Places implement it optionally:
// without it department units cannot be resolved and such orders wait for
// a dispatcher.
type DepartmentLister interface {
	Departments(ctx context.Context, district string) ([]org.Department, error)
}

// Departments lists the district's departments (OrgPlaces implements
// DepartmentLister).
func (o OrgPlaces) Departments(ctx context.Context, district string) ([]org.Department, error) {
	l, err := o.Org.ListDepartments(ctx, authz.System(district), district, org.Page{Limit: org.MaxLimit})
	return l.Items, err
}

// teamRoles narrows the roles of a team.
var teamRoles = map[Team][]authz.Role{TeamEnforcement: {authz.RoleInspector}}

// actsFor reports whether role acts for units of u's kind and team. The
// roles of each kind are handling's table (unitRoles, handle_assign.go):
// whoever handles a unit's orders also signs, grabs and returns them.
func actsFor(role authz.Role, u Target) bool {
	if !slices.Contains(unitRoles[string(u.Kind)], role) {
		return false
	}
	return u.Team == TeamAll || slices.Contains(teamRoles[u.Team], role)
}

// grantScope is the scope a grant covers, a service point standing for the
// division or department it serves; other scopes stay.
func grantScope(sc authz.Scope) authz.Scope {
	if sc.Kind != authz.ScopeServicePoint {
		return sc
	}
	div, _, _ := strings.Cut(sc.Code, "P")
	if strings.Contains(div, "D") {
		return authz.Scope{Kind: authz.ScopeDepartment, Code: div} // a department's sub-centre
	}
	return authz.Scope{Kind: divisionKind(div), Code: div}
}

// unitScope is the scope of the data a unit stands for; reattached
// communities carry the street they are attached to.
func (g *gazetteer) unitScope(u Target) authz.Scope {
	switch u.Kind {
	case KindCommunity, KindProperty:
		return authz.Scope{Kind: authz.ScopeCommunity, Code: u.Code}.WithUnder(g.attachedStreet(u.Code))
	case KindGrid:
		return authz.Scope{Kind: authz.ScopeGrid, Code: u.Code}.WithUnder(g.attachedStreet(prefix(u.Code, 12)))
	case KindStreet:
		return authz.Scope{Kind: authz.ScopeStreet, Code: u.Code}
	}
	return authz.Scope{Kind: authz.ScopeDepartment, Code: u.Code}
}

// attachedStreet is the street of a reattached community (whose code does
// not start with its street's), "" otherwise.
func (g *gazetteer) attachedStreet(community string) string {
	c, ok := g.byCode[community]
	if !ok || strings.HasPrefix(community, c.Street) {
		return ""
	}
	return c.Street
}

func prefix(s string, n int) string { return s[:min(len(s), n)] }

// memberOf reports whether the actor acts for the unit: a staff member
// holding a role of the unit's kind (and team) over a scope covering it.
func (g *gazetteer) memberOf(a *authz.Actor, u Target) bool {
	if a == nil || a.Kind != authz.KindStaff {
		return false
	}
	target := g.unitScope(u)
	for _, gr := range a.Grants {
		if actsFor(gr.Role, u) && grantScope(gr.Scope).Covers(target) {
			return true
		}
	}
	return false
}

// workScopes are the scopes over which the actor holds a role acting for
// some unit: the queue looks for assignments under them.
func workScopes(a *authz.Actor) []authz.Scope {
	var out []authz.Scope
	for _, gr := range a.Grants {
		if actWork.Allows(gr.Role) && gr.Scope.Kind != authz.ScopeSelf {
			out = append(out, grantScope(gr.Scope))
		}
	}
	return out
}

// deptCache keeps a district's departments for a while: they change by an
// administrator's edit, rarely.
type deptCache struct {
	mu sync.Mutex
	by map[string][]org.Department
	at map[string]time.Time
}

// departments returns the district's departments, nil when the places
// cannot list them.
func (s *Service) departments(ctx context.Context, district string) ([]org.Department, error) {
	dl, ok := s.Places.(DepartmentLister)
	if !ok {
		return nil, nil
	}
	c, now := &s.disp.depts, s.DB.Clock.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.by[district]; ok && now.Sub(c.at[district]) < gazetteerTTL {
		return d, nil
	}
	d, err := dl.Departments(ctx, district)
	if err != nil {
		return nil, fmt.Errorf("workorder: departments: %w", err)
	}
	if c.by == nil {
		c.by, c.at = map[string][]org.Department{}, map[string]time.Time{}
	}
	c.by[district], c.at[district] = d, now
	return d, nil
}

// departmentNamed finds a department by the name a handler rule uses: its
// short name, with or without the leading 区 (城管局 for 区城管局), or a
// name it ends (应急管理局 for 南京市栖霞区应急管理局).
func departmentNamed(depts []org.Department, name string) (org.Department, bool) {
	name = strings.TrimSpace(name)
	for _, match := range []func(org.Department) bool{
		func(d org.Department) bool { return d.ShortName == name || d.Code == name },
		func(d org.Department) bool { return strings.TrimPrefix(d.ShortName, "区") == name },
		func(d org.Department) bool { return strings.HasSuffix(d.Name, name) },
	} {
		if i := slices.IndexFunc(depts, match); i >= 0 && name != "" {
			return depts[i], true
		}
	}
	return org.Department{}, false
}

// unitName names a unit for people: 尧化社区, 尧化社区物业, 尧化街道综合执法队,
// 区住建局.
func (s *Service) unitName(ctx context.Context, district string, u Target) string {
	g, err := s.gazetteer(ctx, district)
	if err != nil {
		return u.Ref()
	}
	name := u.Code
	switch u.Kind {
	case KindCommunity, KindProperty:
		if c, ok := g.byCode[u.Code]; ok {
			name = c.Name
		}
		if u.Kind == KindProperty {
			name += "物业"
		}
	case KindGrid:
		if c, ok := g.byCode[prefix(u.Code, 12)]; ok {
			name = c.Name + "网格" + strings.TrimPrefix(u.Code, c.Code)
		}
	case KindStreet:
		name = g.streetName(u.Code)
	case KindDepartment:
		depts, _ := s.departments(ctx, district)
		if i := slices.IndexFunc(depts, func(d org.Department) bool { return d.Code == u.Code }); i >= 0 {
			name = depts[i].ShortName
		}
	}
	return name + teamNames[u.Team]
}

// streetName is a street's name, its code when unknown.
func (g *gazetteer) streetName(code string) string {
	for _, st := range g.streets {
		if st.Code == code {
			return st.Name
		}
	}
	return code
}

// centreOf is the approximate centre of a unit's area (a department's is
// unknown): where a worker without a reported position is taken to be.
func (g *gazetteer) centreOf(sc authz.Scope) (Point, bool) {
	switch sc.Kind {
	case authz.ScopeCommunity, authz.ScopeGrid:
		c, ok := g.byCode[prefix(sc.Code, 12)]
		return c.Centre, ok
	case authz.ScopeStreet:
		for _, st := range g.streets {
			if st.Code == sc.Code {
				return st.Centre, true
			}
		}
	}
	return Point{}, false
}
