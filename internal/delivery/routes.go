package delivery

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"slices"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed all:templates
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Templates holds the module's pages, named "delivery/…".
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// Paths of the module's pages.
const (
	MyPath       = "/my/deliveries"             // the applicant's deliveries
	PickupPath   = "/console/deliveries/pickup" // the front desk's handovers
	OverviewPath = "/console/deliveries"        // the district's figures
	StaticPrefix = "/static/delivery/"
)

// MyDeliveryPath is the applicant's page of one delivery.
func MyDeliveryPath(id int64) string { return MyPath + "/" + strconv.FormatInt(id, 10) }

// Handlers serves the delivery pages and JSON API.
type Handlers struct {
	svc *Service
	rd  *web.Renderer
	css string
}

// NewHandlers returns the module's handlers.
func NewHandlers(svc *Service, rd *web.Renderer) *Handlers {
	return &Handlers{svc: svc, rd: rd, css: StaticPrefix + "delivery.css?v=" + staticVersion("delivery.css")}
}

// Register adds the pages, the stylesheet and the API operations.
func (h *Handlers) Register(rt *web.Router) {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic("delivery: static files: " + err.Error())
	}
	rt.Static(StaticPrefix, sub)
	rt.Page("GET "+MyPath, h.myList, web.SignedIn)
	rt.Page("GET "+MyPath+"/{id}", h.myDelivery, web.SignedIn)
	rt.Page("POST "+MyPath+"/{id}/pickup", h.myPickup, web.SignedIn)
	rt.Page("POST "+MyPath+"/{id}/express", h.myExpress, web.SignedIn)
	rt.Page("GET "+PickupPath, h.deskList, web.SignedIn)
	rt.Page("GET "+PickupPath+"/{id}", h.deskDelivery, web.SignedIn)
	rt.Page("POST "+PickupPath+"/{id}", h.deskHandover, web.SignedIn)
	rt.Page("GET "+PickupPath+"/{id}/documents/{doc}", h.deskPrint, web.SignedIn)
	rt.Page("GET "+OverviewPath, h.overview, web.SignedIn)
	h.registerAPI(rt)
}

// Nav returns the console entries: handovers for front desks, the
// overview for leaders and administrators. Applicants reach their
// deliveries from the SMS and from their applications.
func Nav() []web.NavItem {
	return []web.NavItem{
		{Shell: web.ShellConsole, Label: "证照交付", Href: PickupPath, Hint: "本网点待领取的证照：核对取件码和身份证后交付",
			Roles: slices.Clone(actHandover.Roles), Order: 33},
		{Shell: web.ShellConsole, Label: "证照送达概况", Href: OverviewPath, Hint: "全区证照待选择、待取件、寄递和签收情况",
			Roles: slices.Clone(actOversee.Roles), Order: 34},
	}
}

// staticVersion is a short hash of a static file, so its link changes
// with its content.
func staticVersion(name string) string {
	b, err := staticFiles.ReadFile("static/" + name)
	if err != nil {
		panic("delivery: missing static file " + name)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

// pathID reads the positive {id} of a path.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.Invalid("id", "编号应为正整数")
	}
	return id, nil
}

// shownError reports whether err is shown on the form again (bad input,
// a lost race, a lock) rather than as an error page.
func shownError(err error) (*apperr.Error, bool) {
	e, ok := apperr.As(err)
	if !ok {
		return nil, false
	}
	switch e.Code {
	case apperr.CodeInvalid, apperr.CodeConflict, apperr.CodeTooMany:
		return e, true
	}
	return nil, false
}
