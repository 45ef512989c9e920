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
	rt.Page("GET "+PhotoPath+"{id}", h.photo(h.svc.OpenPhoto), web.SignedIn)
	h.registerCategoryPages(rt)
	h.registerKeyPages(rt)
	h.registerAPI(rt)
	h.registerMeasures(rt) // measures, board, export (measure_pages.go)
	h.registerHandling(rt) // handling and closure (handle_pages.go)
	h.registerDispatch(rt) // queues, 退单 review, dispatch catalogue (dispatch_pages.go)
}

// Nav returns the resident and console entries.
func Nav() []web.NavItem {
	return []web.NavItem{
		{Shell: web.ShellResident, Label: "我的诉求", Tab: "诉求", Href: MinePath, SignedIn: true,
			Hint: "反映问题、物业报事，查看办理进度", Roles: slices.Clone(actFile.Roles), Order: 40},
		consoleNav("诉求工单", ConsolePath, "辖区内的诉求工单；热线来电、大走访、网格上报代为登记", actView, 60),
		consoleNav("诉求分类", CategoriesPath, "工单分类树、附加字段和时限：编辑、发布、Excel导入导出", actCategories, 61),
		consoleNav("工单接入密钥", KeysPath, "12345、96106热线平台和其他系统提交工单的API密钥", actKeys, 62),
		consoleNav("督办看板", BoardPath, "职责范围内临期和逾期未办结的工单", actView, 63),
		consoleNav("工单统计", MeasuresPath, "响应率、解决率、满意率、按时办结率和处理时长，按单位、社区、街道、分类和时间统计，可导出",
			actMeasures, 64),
		consoleNav("我的派单", QueuePath, "派给本单位的工单：签收、退单；附近的抢单", actWork, 70),
		consoleNav("派单审核", ReviewPath, "待派单和退单待审的工单：派单、改派或维持原派单", actDispatch, 71),
		consoleNav("派单目录", CataloguePath, "按分类和地点确定承办单位和派单方式：编辑、发布", actCatalogue, 72),
	}
}

// consoleNav is a console entry shown to the roles that may do act; each
// entry has its own copy of the roles.
func consoleNav(label, href, hint string, act *authz.Action, order int) web.NavItem {
	return web.NavItem{Shell: web.ShellConsole, Label: label, Href: href, Hint: hint, Roles: slices.Clone(act.Roles),
		Order: order}
}

// MayEnter reports whether the actor may enter orders for others.
func MayEnter(actor *authz.Actor) bool { return actor.May(actEnter, authz.Scope{}) }
