package supervision

import "github.com/shanzhi-gov/shanzhi/internal/platform/authz"

// The actions of the supervision module.
var (
	// actInspect lists a street's inspection tasks and records visits:
	// inspectors, scoped to their street.
	actInspect = authz.Define("supervision.inspect", "查看本街道检查任务并记录现场检查", authz.RoleInspector)
	// actOversee sees every street's tasks, overdue ones and completion
	// rates: district leaders and administrators.
	actOversee = authz.Define("supervision.oversee", "查看全区监管检查任务和完成率", authz.RoleLeader, authz.RoleAdmin)
)

// streetScope is the scope of a street's tasks.
func streetScope(code string) authz.Scope { return authz.Scope{Kind: authz.ScopeStreet, Code: code} }

// streetsOf lists the streets the actor inspects, and whether the actor
// oversees the whole district.
func streetsOf(a *authz.Actor) (streets []string, all bool) {
	if a == nil {
		return nil, false
	}
	if a.Kind == authz.KindSystem || a.May(actOversee, authz.District(a.District)) {
		return nil, true
	}
	for _, sc := range a.ScopesFor(authz.RoleInspector) {
		switch sc.Kind {
		case authz.ScopeStreet:
			streets = append(streets, sc.Code)
		case authz.ScopeDistrict: // an inspector of the whole district
			if sc.Code == a.District {
				return nil, true
			}
		}
	}
	return streets, false
}
