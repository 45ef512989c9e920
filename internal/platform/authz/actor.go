package authz

// AccountKind separates staff, residents and enterprise users.
type AccountKind string

// The kinds of account.
const (
	KindStaff      AccountKind = "staff"
	KindResident   AccountKind = "resident"
	KindEnterprise AccountKind = "enterprise"
	KindSystem     AccountKind = "system"
)

// Grant is one role held over one scope.
type Grant struct {
	Role  Role
	Scope Scope
}

// Actor is who performs an action: the signed-in account with its grants,
// or the system itself for background jobs.
type Actor struct {
	AccountID int64
	Kind      AccountKind
	// Name is a display name, already masked where it must be.
	Name string
	// District is the tenant the account belongs to.
	District  string
	Grants    []Grant
	SessionID string
	RequestID string
}

// System returns the actor used by background jobs of a district.
func System(district string) *Actor {
	return &Actor{Kind: KindSystem, Name: "系统", District: district}
}

// Anonymous reports whether nobody is signed in.
func (a *Actor) Anonymous() bool { return a == nil || (a.AccountID == 0 && a.Kind != KindSystem) }

// Has reports whether the actor holds role anywhere.
func (a *Actor) Has(role Role) bool {
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if g.Role == role {
			return true
		}
	}
	return false
}

// Roles lists the distinct roles the actor holds, in AllRoles order.
func (a *Actor) Roles() []Role {
	var out []Role
	for _, r := range AllRoles {
		if a.Has(r) {
			out = append(out, r)
		}
	}
	return out
}

// ScopesFor lists the scopes over which the actor holds role.
func (a *Actor) ScopesFor(role Role) []Scope {
	if a == nil {
		return nil
	}
	var out []Scope
	for _, g := range a.Grants {
		if g.Role == role {
			out = append(out, g.Scope)
		}
	}
	return out
}
