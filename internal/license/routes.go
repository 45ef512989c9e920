package license

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"slices"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed all:templates
var templateFiles embed.FS

// Templates holds the module's pages, named "license/…".
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// staticFiles holds the pages' stylesheet (the site's CSP allows no
// inline style), served under StaticPrefix.
//
//go:embed static
var staticFiles embed.FS

// Paths of the module's pages.
const (
	WalletPath   = "/my/licences"         // the holder's wallet
	ConsolePath  = "/console/licences"    // the issuing departments' list
	StaticPrefix = "/static/license/"     // the pages' stylesheet
	sharesPath   = WalletPath + "/shares" // the holder's share links
)

// stylesheet is the versioned link of the pages' stylesheet.
var stylesheet = func() string {
	b, err := staticFiles.ReadFile("static/license.css")
	if err != nil {
		panic("license: missing static/license.css")
	}
	sum := sha256.Sum256(b)
	return StaticPrefix + "license.css?v=" + hex.EncodeToString(sum[:6])
}()

// Handlers serves the public verification and share pages, the holder's
// wallet, the staff console and the licence API.
type Handlers struct {
	svc *Service
	rd  *web.Renderer
}

// NewHandlers returns the module's handlers.
func NewHandlers(svc *Service, rd *web.Renderer) *Handlers { return &Handlers{svc: svc, rd: rd} }

// Nav returns the module's navigation: the holder's wallet and the
// console list of the staff who manage licences.
func Nav() []web.NavItem {
	return []web.NavItem{
		{Shell: web.ShellResident, Label: "我的证照", Tab: "证照", Href: WalletPath, Hint: "电子证照下载、分享和核验",
			Roles: slices.Clone(actOwn.Roles), SignedIn: true, Order: 22},
		{Shell: web.ShellConsole, Label: "电子证照", Href: ConsolePath, Hint: "本部门颁发的电子证照：查询、暂扣、吊销、延续和变更",
			Roles: slices.Clone(actManage.Roles), Order: 33},
	}
}

// Register adds the pages and the API operations to the router.
func (h *Handlers) Register(rt *web.Router) {
	rt.Static(StaticPrefix, web.SubFS(staticFiles, "static"))
	rt.Page("GET /licences/verify", h.verifyPage)
	rt.Page("GET "+SharedPath+"/{token}", h.sharedPage)
	h.registerWallet(rt)
	h.registerConsole(rt)
	h.registerAPI(rt)
}

func (h *Handlers) registerWallet(rt *web.Router) {
	rt.Page("GET "+WalletPath, h.walletPage, web.SignedIn)
	rt.Page("GET "+WalletPath+"/{id}/pdf", h.pdf, web.SignedIn)
	rt.Page("POST "+WalletPath+"/{id}/shares", h.createShare, web.SignedIn)
	rt.Page("POST "+sharesPath+"/{id}/revoke", h.revokeShare, web.SignedIn)
	rt.Page("GET "+sharesPath+"/{id}/qr.png", h.shareQR, web.SignedIn)
}

func (h *Handlers) registerConsole(rt *web.Router) {
	rt.Page("GET "+ConsolePath, h.consoleList, web.SignedIn)
	rt.Page("GET "+ConsolePath+"/{id}", h.consoleDetail, web.SignedIn)
	rt.Page("GET "+ConsolePath+"/{id}/pdf", h.pdf, web.SignedIn)
	for _, a := range consoleActions {
		rt.Page("POST "+ConsolePath+"/{id}/"+a.name, h.consoleAction(a), web.SignedIn)
	}
}

// pdf answers a licence's PDF to its holder or the issuing department's
// staff (the service decides), shown in the browser, never cached.
func (h *Handlers) pdf(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	var p PDF
	if err == nil {
		p, err = h.svc.PDF(r.Context(), web.ActorFrom(r.Context()), id)
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="`+p.Filename+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(p.Bytes)))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(p.Bytes)
}
