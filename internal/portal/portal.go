// Package portal serves the two front doors of Shanzhi: the residents' home
// page and the staff console's home page. Each lists what the visitor can
// do, from the navigation items the modules registered for the visitor's
// roles; it owns no business rule.
package portal

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed templates
var templateFiles embed.FS

// Templates holds the portal's pages, named "portal/…".
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// Handlers serves the home pages.
type Handlers struct {
	rd *web.Renderer
	// DistrictName is shown in greetings, e.g. 栖霞区.
	DistrictName string
}

// NewHandlers returns the portal's handlers.
func NewHandlers(rd *web.Renderer, districtName string) *Handlers {
	return &Handlers{rd: rd, DistrictName: districtName}
}

// Register adds the home pages to the router.
func (h *Handlers) Register(rt *web.Router) {
	rt.Page("GET /{$}", h.home)
	rt.Page("GET /console", h.console, web.SignedIn)
}

// Nav returns the portal's navigation items.
func Nav() []web.NavItem {
	return []web.NavItem{
		{Shell: web.ShellResident, Label: "首页", Href: "/", Order: 0},
		{Shell: web.ShellConsole, Label: "工作台", Href: "/console", Order: 0},
	}
}

type homeData struct {
	District string
}

type consoleData struct {
	District string
	Roles    []string
	Staff    bool
}

func (h *Handlers) home(w http.ResponseWriter, r *http.Request) {
	h.rd.Render(w, r, http.StatusOK, "portal/home", homeData{District: h.DistrictName})
}

// console greets staff; residents who reach it are sent to their own home.
func (h *Handlers) console(w http.ResponseWriter, r *http.Request) {
	actor := web.ActorFrom(r.Context())
	if actor.Kind != authz.KindStaff {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	var roles []string
	for _, role := range actor.Roles() {
		roles = append(roles, role.Name())
	}
	h.rd.Render(w, r, http.StatusOK, "portal/console", consoleData{District: h.DistrictName, Roles: roles, Staff: true})
}
