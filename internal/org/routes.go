package org

import (
	"context"
	"embed"
	"io/fs"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed all:templates
var templateFiles embed.FS

// Templates holds the module's pages, named "org/…".
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// NameLookup returns the display names of accounts, keyed by id; ids it
// does not know are left out. Accounts belong to the identity module,
// which builds on this one, so the wiring passes its lookup in rather
// than this package importing it.
type NameLookup func(ctx context.Context, ids []int64) map[int64]string

// Handlers serves the organisation's pages and JSON API.
type Handlers struct {
	svc *Service
	rd  *web.Renderer
	// district is the tenant the site serves: public pages and district
	// wide lists show it.
	district string
	names    NameLookup
}

// NewHandlers returns the module's handlers for the site of district (its
// 6-digit code). names may be nil: people are then shown by account id.
func NewHandlers(svc *Service, rd *web.Renderer, district string, names NameLookup) *Handlers {
	return &Handlers{svc: svc, rd: rd, district: district, names: names}
}

// Register adds the module's pages and API operations to the router.
func (h *Handlers) Register(rt *web.Router) {
	h.registerConsole(rt)
	h.registerRosters(rt)
	rt.Page("GET /service-points", h.publicPoints)
	rt.Page("GET /service-points/{code}", h.publicPoint)
	h.registerAPI(rt)
}

func (h *Handlers) registerConsole(rt *web.Router) {
	pages := []struct {
		pattern string
		handler consoleHandler
	}{
		{"GET /console/org", h.overview},
		{"GET /console/org/streets/{code}", h.street},
		{"GET /console/org/communities/{code}", h.community},
		{"POST /console/org/communities/{code}/grids", h.createGrid},
		{"GET /console/org/grids/{code}", h.grid},
		{"GET /console/org/service-points", h.points},
		{"GET /console/org/service-points/{code}/edit", h.editPoint},
		{"POST /console/org/service-points/{code}/edit", h.savePoint},
		{"GET /console/org/departments", h.departments},
		{"GET /console/org/posts", h.posts},
		{"POST /console/org/posts", h.assignPost},
		{"POST /console/org/posts/{id}/end", h.endPost},
	}
	for _, p := range pages {
		rt.Page(p.pattern, h.console(p.handler), web.SignedIn)
	}
}

// Nav returns the module's navigation items: the organisation browser for
// staff, the list of service points for everyone.
func Nav() []web.NavItem {
	return []web.NavItem{
		{Shell: web.ShellConsole, Label: "组织机构", Href: "/console/org", Hint: "街道、社区、网格、服务网点和岗位人员", Roles: slices.Clone(staffRoles), Order: 80},
		{Shell: web.ShellResident, Label: "办事网点", Tab: "网点", Href: "/service-points", Hint: "政务服务中心和社区便民服务站的地址、电话、时间", Order: 30},
		rosterNav(),
	}
}
