package authz

import (
	"strconv"
	"strings"
)

// ScopeKind says what a scope's code names.
type ScopeKind string

// The kinds of data scope.
const (
	ScopeDistrict     ScopeKind = "district"      // 6-digit division code, e.g. 320113
	ScopeStreet       ScopeKind = "street"        // 9 digits, e.g. 320113001
	ScopeCommunity    ScopeKind = "community"     // 12 digits
	ScopeGrid         ScopeKind = "grid"          // 15 digits
	ScopeDepartment   ScopeKind = "department"    // district code + "D" + number, e.g. 320113D01
	ScopeServicePoint ScopeKind = "service_point" // division code + "P" + number
	ScopeSelf         ScopeKind = "self"          // one account's own data; code is the account id
)

// Scope is a part of the district's data. Codes are hierarchical: a scope
// covers every scope whose code starts with its own, so a street covers its
// communities, grids and service points, and a district covers everything
// in it, departments included.
type Scope struct {
	Kind ScopeKind
	Code string
	// Under names the division a unit is attached to when its official code
	// does not start with that division's code (Qixia's 东阳 and 西花
	// communities keep development-zone codes 320113401… but belong to a
	// street). Covers then also accepts grants over Under. Empty otherwise.
	Under string
}

// District returns the scope of a whole district.
func District(code string) Scope { return Scope{Kind: ScopeDistrict, Code: code} }

// Self returns the scope of one account's own data.
func Self(accountID int64) Scope {
	return Scope{Kind: ScopeSelf, Code: strconv.FormatInt(accountID, 10)}
}

// IsZero reports whether s names nothing.
func (s Scope) IsZero() bool { return s.Code == "" }

// Covers reports whether data in target is inside s. A self scope covers
// only the same account's data, and is covered by nothing else: staff reach
// a resident's data through the division the data belongs to.
func (s Scope) Covers(target Scope) bool {
	if s.Kind == ScopeSelf || target.Kind == ScopeSelf {
		return s.Kind == target.Kind && s.Code == target.Code
	}
	if s.Code == "" {
		return false
	}
	return strings.HasPrefix(target.Code, s.Code) || (target.Under != "" && strings.HasPrefix(target.Under, s.Code))
}

// String renders the scope as kind:code.
func (s Scope) String() string { return string(s.Kind) + ":" + s.Code }

// WithUnder returns s attached to the division under.
func (s Scope) WithUnder(under string) Scope {
	s.Under = under
	return s
}

// ParseScope parses kind:code as written by String.
func ParseScope(v string) (Scope, bool) {
	kind, code, ok := strings.Cut(v, ":")
	if !ok || code == "" {
		return Scope{}, false
	}
	s := Scope{Kind: ScopeKind(kind), Code: code}
	switch s.Kind {
	case ScopeDistrict, ScopeStreet, ScopeCommunity, ScopeGrid, ScopeDepartment, ScopeServicePoint, ScopeSelf:
		return s, true
	}
	return Scope{}, false
}
