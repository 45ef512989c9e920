package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// View is what every template executes with.
type View struct {
	// Data is the page's own data.
	Data any
	// Actor is the signed-in actor, nil for anonymous visitors.
	Actor *authz.Actor
	// CSRF is the token forms must send back ({{csrfField $}} writes it).
	CSRF      string
	RequestID string
	// Path is the request path, to highlight the current navigation item.
	Path   string
	Site   string
	Status int
	// Nav holds the navigation of both shells, filtered for the actor.
	Nav Navigation
}

// Navigation is the navigation of the two shells.
type Navigation struct {
	// Resident is the bottom tab bar of the resident shell.
	Resident []NavItem
	// Console is the side navigation of the staff console.
	Console []NavItem
}

// Shell is a page frame.
type Shell string

// The shells.
const (
	ShellResident Shell = "resident" // mobile first, bottom tab bar
	ShellConsole  Shell = "console"  // staff: top bar, side navigation by role
)

// NavItem is one navigation link. Modules add theirs with Renderer.AddNav.
type NavItem struct {
	Shell Shell
	Label string
	// Tab is a short label for the resident tab bar, where seven items
	// share a phone's width; Label when empty.
	Tab  string
	Href string
	// Hint is a one-line description shown on the home pages' tiles.
	Hint string
	// Roles shows the item only to actors holding one of them; empty shows it
	// to everyone (console items: to every signed-in actor).
	Roles []authz.Role
	// SignedIn hides a resident item from anonymous visitors.
	SignedIn bool
	// Order sorts items, smallest first.
	Order int
	// Active is set when rendering, for the current page's item.
	Active bool
}

// TabLabel is the item's label in the resident tab bar.
func (n NavItem) TabLabel() string {
	if n.Tab != "" {
		return n.Tab
	}
	return n.Label
}

// AddNav registers navigation items; call it while wiring, before serving.
func (rd *Renderer) AddNav(items ...NavItem) {
	rd.navMu.Lock()
	defer rd.navMu.Unlock()
	rd.nav = append(rd.nav, items...)
	slices.SortStableFunc(rd.nav, func(a, b NavItem) int { return a.Order - b.Order })
}

// view builds the View of a request.
func (rd *Renderer) view(r *http.Request, status int, data any) View {
	var v View
	switch d := data.(type) {
	case View:
		v = d
	case *View:
		v = *d
	default:
		v.Data = data
	}
	ctx := r.Context()
	if v.Actor == nil {
		v.Actor = ActorFrom(ctx)
	}
	if v.CSRF == "" {
		v.CSRF = CSRFToken(ctx)
	}
	if v.Site == "" {
		v.Site = rd.Site
	}
	v.RequestID, v.Path, v.Status = RequestID(ctx), r.URL.Path, status
	if v.Nav.Resident == nil && v.Nav.Console == nil {
		v.Nav = rd.navFor(v.Actor)
	}
	v.Nav.Resident = markActive(v.Nav.Resident, v.Path)
	v.Nav.Console = markActive(v.Nav.Console, v.Path)
	return v
}

// navFor returns the registered items the actor may see.
func (rd *Renderer) navFor(a *authz.Actor) Navigation {
	rd.navMu.RLock()
	defer rd.navMu.RUnlock()
	var n Navigation
	for _, it := range rd.nav {
		if !visible(it, a) {
			continue
		}
		if it.Shell == ShellConsole {
			n.Console = append(n.Console, it)
		} else {
			n.Resident = append(n.Resident, it)
		}
	}
	return n
}

func visible(it NavItem, a *authz.Actor) bool {
	if (it.Shell == ShellConsole || it.SignedIn) && a == nil {
		return false
	}
	if len(it.Roles) == 0 {
		return true
	}
	return slices.ContainsFunc(it.Roles, a.Has)
}

// markActive returns a copy of items with the current page's item marked.
func markActive(items []NavItem, p string) []NavItem {
	if len(items) == 0 {
		return items
	}
	// Only the most specific matching item is active, so "/console" does not
	// light up on every console page.
	out := slices.Clone(items)
	best := -1
	for i, it := range out {
		h := it.Href
		match := p == h || (h != "/" && strings.HasPrefix(p, strings.TrimSuffix(h, "/")+"/"))
		if match && (best < 0 || len(h) > len(out[best].Href)) {
			best = i
		}
	}
	if best >= 0 {
		out[best].Active = true
	}
	return out
}
