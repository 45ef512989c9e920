package supervision

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed all:templates
var templateFiles embed.FS

// Templates holds the module's pages, named "supervision/…".
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// staticFiles holds the script that reads the phone's position (the CSP
// allows no inline script).
//
//go:embed static
var staticFiles embed.FS

// Paths of the module's pages.
const (
	StaticPrefix  = "/static/supervision/"
	TasksPath     = "/console/inspections"
	OverviewPath  = "/console/supervision"
	ProposalsPath = OverviewPath + "/proposals"
	maxPhotoBytes = 20 << 20
)

// Handlers serves the inspectors' and supervisors' pages, the public
// entity pages and the JSON API.
type Handlers struct {
	svc  *Service
	rd   *web.Renderer
	jsID string
}

// NewHandlers returns the module's handlers.
func NewHandlers(svc *Service, rd *web.Renderer) *Handlers {
	b, err := staticFiles.ReadFile("static/inspect.js")
	if err != nil {
		panic("supervision: missing static/inspect.js")
	}
	sum := sha256.Sum256(b)
	return &Handlers{svc: svc, rd: rd, jsID: hex.EncodeToString(sum[:6])}
}

// Register adds the pages and API operations to the router.
func (h *Handlers) Register(rt *web.Router) {
	rt.Static(StaticPrefix, web.SubFS(staticFiles, "static"))
	rt.Page("GET "+TasksPath, h.tasksPage, web.SignedIn)
	rt.Page("GET "+TasksPath+"/{id}", h.visitPage, web.SignedIn)
	rt.Page("POST "+TasksPath+"/{id}", h.visitPost, web.SignedIn)
	rt.Page("GET "+OverviewPath, h.overviewPage, web.SignedIn)
	rt.Page("GET "+ProposalsPath, h.proposalsPage, web.SignedIn)
	rt.Page("GET "+ProposalsPath+"/{id}", h.proposalPage, web.SignedIn)
	rt.Page("POST "+ProposalsPath+"/{id}", h.proposalPost, web.SignedIn)
	rt.Page("GET "+EntitiesPath, h.entitiesPage)
	rt.Page("GET "+EntitiesPath+"/{code}", h.entityPage)
	h.registerAPI(rt)
}

// Nav returns the console entries: the task list for inspectors and
// supervisors, the overview for supervisors, the revocation proposals for
// approvers (and supervisors, to follow them).
func Nav() []web.NavItem {
	workers := append(slices.Clone(actInspect.Roles), actOversee.Roles...)
	return []web.NavItem{
		{Shell: web.ShellConsole, Label: "检查任务", Href: TasksPath,
			Hint: "批管同步：许可后现场检查和告知承诺核查，手机上按到期日和距离排序", Roles: workers, Order: 70},
		{Shell: web.ShellConsole, Label: "监管概况", Href: OverviewPath,
			Hint: "各街道检查任务、逾期任务和完成率", Roles: slices.Clone(actOversee.Roles), Order: 71},
		{Shell: web.ShellConsole, Label: "吊销提议", Href: ProposalsPath,
			Hint: "告知承诺核查认定承诺不实的许可：审批部门决定吊销或不予吊销", Roles: slices.Clone(actProposalView.Roles), Order: 72},
	}
}

// MayInspect reports whether the actor may open the task list.
func (s *Service) MayInspect(actor *authz.Actor) bool { return s.checkWorker(actor) == nil }
