package workorder

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

// Templates holds the module's pages, named "workorder/…".
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// staticFiles holds the script that reads the phone's position (the CSP
// allows no inline script).
//
//go:embed static
var staticFiles embed.FS

// Paths of the module's pages.
const (
	StaticPrefix   = "/static/workorder/"
	MinePath       = "/my/workorders"
	ConsolePath    = "/console/workorders"
	CategoriesPath = "/console/workorder-categories"
	KeysPath       = "/console/workorder-keys"
	PhotoPath      = "/workorder-photos/"
)

// Handlers serves the residents' pages, the console pages and the API.
type Handlers struct {
	svc      *Service
	rd       *web.Renderer
	district string
	jsID     string
}

// NewHandlers returns the module's handlers for the district.
func NewHandlers(svc *Service, rd *web.Renderer, district string) *Handlers {
	b, err := staticFiles.ReadFile("static/workorder.js")
	if err != nil {
		panic("workorder: missing static/workorder.js")
	}
	sum := sha256.Sum256(b)
	return &Handlers{svc: svc, rd: rd, district: district, jsID: hex.EncodeToString(sum[:6])}
}

// js is the script's URL, versioned by its content.
func (h *Handlers) js() string { return StaticPrefix + "workorder.js?v=" + h.jsID }

// Register adds the pages and API operations to the router.
func (h *Handlers) Register(rt *web.Router) {
	rt.Static(StaticPrefix, web.SubFS(staticFiles, "static"))
	rt.Page("GET "+MinePath, h.minePage, web.SignedIn)
	rt.Page("GET "+MinePath+"/new", h.newPage, web.SignedIn)
	rt.Page("POST "+MinePath+"/new", h.newPost, web.SignedIn)
	rt.Page("GET "+MinePath+"/{number}", h.myOrderPage, web.SignedIn)
	rt.Page("POST "+MinePath+"/{number}/cancel", h.cancelPost, web.SignedIn)
	rt.Page("GET "+ConsolePath, h.consoleList, web.SignedIn)
	rt.Page("GET "+ConsolePath+"/new", h.entryPage, web.SignedIn)
	rt.Page("POST "+ConsolePath+"/new", h.entryPost, web.SignedIn)
	rt.Page("GET "+ConsolePath+"/{number}", h.consoleOrder, web.SignedIn)
	rt.Page("POST "+ConsolePath+"/{number}/phone", h.revealPost, web.SignedIn)
	rt.Page("GET "+PhotoPath+"{id}", h.photo, web.SignedIn)
	h.registerCategoryPages(rt)
	h.registerKeyPages(rt)
	h.registerAPI(rt)
}

// Nav returns the resident and console entries.
func Nav() []web.NavItem {
	staff := slices.Clone(actView.Roles)
	return []web.NavItem{
		{Shell: web.ShellResident, Label: "我的诉求", Href: MinePath, SignedIn: true,
			Hint: "反映问题、物业报事，查看办理进度", Roles: slices.Clone(actFile.Roles), Order: 40},
		{Shell: web.ShellConsole, Label: "诉求工单", Href: ConsolePath,
			Hint: "辖区内的诉求工单；热线来电、大走访、网格上报代为登记", Roles: staff, Order: 60},
		{Shell: web.ShellConsole, Label: "诉求分类", Href: CategoriesPath,
			Hint: "工单分类树、附加字段和时限：编辑、发布、Excel导入导出", Roles: slices.Clone(actCategories.Roles), Order: 61},
		{Shell: web.ShellConsole, Label: "工单接入密钥", Href: KeysPath,
			Hint: "12345、96106热线平台和其他系统提交工单的API密钥", Roles: slices.Clone(actKeys.Roles), Order: 62},
	}
}

// MayEnter reports whether the actor may enter orders for others.
func MayEnter(actor *authz.Actor) bool { return actor.May(actEnter, authz.Scope{}) }
