package catalog

import (
	"embed"
	"io/fs"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed all:templates
var templateFiles embed.FS

// Templates holds the catalogue's pages, named "catalog/…".
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// Handlers serves the residents' guide pages, the staff console of the
// catalogue and the /api/v1/items operations.
type Handlers struct {
	svc        *Service
	rd         *web.Renderer
	district   string
	places     Places
	staffNames StaffNames
}

// NewHandlers returns the catalogue's handlers for the district's site.
func NewHandlers(svc *Service, rd *web.Renderer, district string, opts ...Option) *Handlers {
	h := &Handlers{svc: svc, rd: rd, district: district}
	for _, o := range opts {
		o(h)
	}
	return h
}

// Register adds the catalogue's pages and API operations to rt.
func (h *Handlers) Register(rt *web.Router) {
	h.registerPublic(rt)
	h.registerConsole(rt)
}

// Nav returns the catalogue's navigation items.
func Nav() []web.NavItem {
	return []web.NavItem{
		{Shell: web.ShellResident, Label: "办事", Href: "/services", Hint: "按事项、人生大事、部门查找办事指南", Order: 10},
		{Shell: web.ShellConsole, Label: "事项清单", Href: "/console/catalog", Hint: "办事指南、版本、发布与统计",
			Roles: []authz.Role{authz.RoleFrontDesk, authz.RoleApprover, authz.RoleInspector, authz.RoleGridWorker, authz.RoleLeader, authz.RoleAdmin}, Order: 20},
	}
}
