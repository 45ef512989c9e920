package authz

import (
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Action is something a person may do, with the roles allowed to do it.
// Modules define their actions once, at package level, with Define.
type Action struct {
	// Name is a stable dotted identifier, e.g. "org.staff.create".
	Name string
	// Title is the Chinese description shown in refusals.
	Title string
	// Roles may perform the action, within the scopes they hold.
	Roles []Role
}

var (
	registryMu sync.Mutex
	registry   = map[string]*Action{}
)

// Define registers an action. It panics on a duplicate name: two modules
// claiming one action is a programming error caught at start-up.
func Define(name, title string, roles ...Role) *Action {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[name]; dup {
		panic(fmt.Sprintf("authz: action %q defined twice", name))
	}
	a := &Action{Name: name, Title: title, Roles: roles}
	registry[name] = a
	return a
}

// Actions lists every defined action, sorted by name.
func Actions() []*Action {
	registryMu.Lock()
	defer registryMu.Unlock()
	out := make([]*Action, 0, len(registry))
	for _, a := range registry {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Allows reports whether role may perform the action somewhere.
func (act *Action) Allows(role Role) bool { return slices.Contains(act.Roles, role) }

// May reports whether the actor may perform act on data in target. A zero
// target asks whether the actor may perform it anywhere (lists are then
// filtered by the actor's scopes). The system actor may do everything in
// its district, residents' own data included (background jobs act for them).
func (a *Actor) May(act *Action, target Scope) bool {
	if a == nil {
		return false
	}
	if a.Kind == KindSystem {
		return target.IsZero() || target.Kind == ScopeSelf || District(a.District).Covers(target)
	}
	for _, g := range a.Grants {
		if act.Allows(g.Role) && (target.IsZero() || g.Scope.Covers(target)) {
			return true
		}
	}
	return false
}

// Check returns nil when the actor may perform act on target, and a
// forbidden (or unauthorised, when nobody is signed in) error otherwise.
func Check(a *Actor, act *Action, target Scope) error {
	if a.May(act, target) {
		return nil
	}
	if a.Anonymous() {
		return apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	return apperr.Forbidden("您无权" + act.Title)
}
