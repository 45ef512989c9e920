package credit

import (
	"embed"
	"io/fs"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed all:templates
var templateFiles embed.FS

// Templates holds the module's pages, named "credit/…".
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// Handlers serves the credit console page and JSON API.
type Handlers struct {
	svc *Service
	rd  *web.Renderer
}

// NewHandlers returns the module's handlers.
func NewHandlers(svc *Service, rd *web.Renderer) *Handlers { return &Handlers{svc: svc, rd: rd} }

// Register adds the console pages and API operations to the router.
func (h *Handlers) Register(rt *web.Router) {
	rt.Page("GET /console/credit", h.consolePage, web.SignedIn)
	rt.Page("POST /console/credit", h.consoleSearch, web.SignedIn)
	rt.Page("POST /console/credit/import", h.consoleImport, web.SignedIn)
	h.registerAPI(rt)
}

// Nav returns the console entry for staff who may query credit.
func Nav() []web.NavItem {
	return []web.NavItem{{Shell: web.ShellConsole, Label: "信用核查", Href: "/console/credit",
		Hint: "查询自然人、法人的信用记录和名单，报送部门信用记录", Roles: slices.Clone(actView.Roles), Order: 60}}
}

// MayView reports whether the actor may query the registry.
func (s *Service) MayView(actor *authz.Actor) bool { return actor.May(actView, authz.Scope{}) }

// MayLoad reports whether the actor may load records for some department.
func (s *Service) MayLoad(actor *authz.Actor) bool { return actor.May(actLoad, authz.Scope{}) }
