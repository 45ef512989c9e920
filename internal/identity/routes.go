package identity

import (
	"context"
	"embed"
	"io/fs"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed all:templates
var templateFiles embed.FS

// staticFiles is the identity pages' stylesheet, served at StaticPrefix.
//
//go:embed static
var staticFiles embed.FS

// Templates holds the identity pages ("identity/login", "identity/account",
// …) for web.NewRenderer.
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// Paths of the identity pages other modules link to.
const (
	StaffLoginPath = "/console/login"
	AccountPath    = "/account"
	ConsolePath    = "/console"
	StaffListPath  = "/console/staff"
	// StaticPrefix serves the identity pages' stylesheet.
	StaticPrefix = "/static/identity/"
)

// Handlers serves the sign-in pages, the account pages, the staff
// administration of the console and the identity JSON API.
type Handlers struct {
	svc      *Service
	rd       *web.Renderer
	district string
	smsNote  string
	secure   bool
	unitName func(ctx context.Context, code string) string
}

// Option tunes the handlers.
type Option func(*Handlers)

// WithDemoSMSNote tells people on the sign-in page where the demo's SMS
// simulator shows the code (the terminal running the demo).
func WithDemoSMSNote() Option {
	return func(h *Handlers) { h.smsNote = msgDemoSMSNote }
}

// WithUnitNames lets pages show the units of role grants by name (尧化街道)
// instead of by code; the organisation module provides the lookup.
func WithUnitNames(name func(ctx context.Context, code string) string) Option {
	return func(h *Handlers) { h.unitName = name }
}

// unitNamer returns a per-request, memoised unit-name lookup, or nil.
func (h *Handlers) unitNamer(ctx context.Context) func(code string) string {
	if h.unitName == nil {
		return nil
	}
	seen := map[string]string{}
	return func(code string) string {
		name, ok := seen[code]
		if !ok {
			name = h.unitName(ctx, code)
			seen[code] = name
		}
		return name
	}
}

// NewHandlers returns the handlers of the district's site. district is the
// tenant people sign in to (6 digits; a wiring error panics).
func NewHandlers(svc *Service, rd *web.Renderer, district string, opts ...Option) *Handlers {
	if svc == nil || rd == nil || !validDistrict(district) {
		panic("identity: NewHandlers needs a service, a renderer and a 6-digit district code")
	}
	h := &Handlers{svc: svc, rd: rd, district: district, secure: true}
	for _, o := range opts {
		o(h)
	}
	return h
}

// Register adds the identity pages and API operations to rt. The session
// cookie's Secure flag follows rt.SecureCookies.
func (h *Handlers) Register(rt *web.Router) {
	h.secure = rt.SecureCookies()
	rt.Static(StaticPrefix, web.SubFS(staticFiles, "static"))
	h.registerLogin(rt)
	h.registerAccount(rt)
	h.registerStaff(rt)
	h.registerAPI(rt)
}

func (h *Handlers) registerLogin(rt *web.Router) {
	rt.Page("GET "+web.LoginPath, h.loginPage)
	rt.Page("POST /login/sms-code", h.requestCode)
	rt.Page("POST /login/resident", h.loginResident)
	rt.Page("GET "+StaffLoginPath, h.staffLoginPage)
	rt.Page("POST "+StaffLoginPath, h.loginStaff)
	rt.Page("POST "+web.LogoutPath, h.logout)
}

func (h *Handlers) registerAccount(rt *web.Router) {
	rt.Page("GET "+AccountPath, h.account, web.SignedIn)
	rt.Page("GET "+NoticesPath, h.notices, web.SignedIn)
	rt.Page("POST /account/logout-everywhere", h.logoutEverywhere, web.SignedIn)
	rt.Page("POST /account/real-name", h.updateRealName, web.SignedIn)
	rt.Page("POST /account/enterprises", h.registerEnterprise, web.SignedIn)
	rt.Page("POST /account/password", h.changePassword, web.SignedIn)
	rt.Page("POST /account/totp/start", h.startTOTP, web.SignedIn)
	rt.Page("POST /account/totp/confirm", h.confirmTOTP, web.SignedIn)
	rt.Page("POST /account/totp/disable", h.disableTOTP, web.SignedIn)
}

func (h *Handlers) registerStaff(rt *web.Router) {
	rt.Page("GET "+StaffListPath, h.console(h.staffList))
	rt.Page("GET /console/staff/new", h.console(h.staffNew))
	rt.Page("POST "+StaffListPath, h.console(h.staffCreate))
	rt.Page("GET /console/staff/{id}", h.console(h.staffShow))
	rt.Page("POST /console/staff/{id}/grants", h.console(h.staffGrant))
	rt.Page("POST /console/staff/{id}/grants/revoke", h.console(h.staffRevoke))
	rt.Page("POST /console/staff/{id}/password", h.console(h.staffResetPassword))
	rt.Page("POST /console/staff/{id}/status", h.console(h.staffSetStatus))
	rt.Page("POST /console/staff/{id}/totp/reset", h.console(h.staffResetTOTP))
}

// Nav returns the identity navigation: "我的" for the public, "我的账号"
// for every staff member and "人员与权限" for administrators.
func Nav() []web.NavItem {
	return []web.NavItem{
		{Shell: web.ShellResident, Label: "我的", Href: AccountPath, Hint: "实名信息、我的企业、登录安全", Order: 90},
		{Shell: web.ShellConsole, Label: "我的消息", Href: NoticesPath, Hint: "派给我的任务和提醒", Order: 89},
		{Shell: web.ShellConsole, Label: "人员与权限", Href: StaffListPath, Hint: "工作人员账号、角色和数据范围", Order: 80,
			Roles: []authz.Role{authz.RoleAdmin}},
		{Shell: web.ShellConsole, Label: "我的账号", Href: AccountPath, Hint: "修改密码、动态验证码", Order: 90},
	}
}

// console guards a console page: anonymous visitors go to the staff
// sign-in page, members of the public get 403.
func (h *Handlers) console(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a := web.ActorFrom(r.Context())
		switch {
		case a == nil && (r.Method == http.MethodGet || r.Method == http.MethodHead):
			http.Redirect(w, r, staffLoginURL(r.URL.RequestURI()), http.StatusSeeOther)
		case a == nil:
			h.rd.Error(w, r, errSignInFirst)
		case a.Kind != authz.KindStaff:
			h.rd.Error(w, r, errStaffOnly)
		default:
			next(w, r)
		}
	}
}
