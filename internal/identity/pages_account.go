package identity

import (
	"net/http"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// formState is what one form of a page shows after a failed post: the
// values typed (never passwords, never a valid ID number), a message per
// field, a hint per field and a message for the whole form.
type formState struct {
	Values map[string]string
	Errors map[string]string
	Hints  map[string]string
	Alert  string
}

// accountPage is the data of "my account", for the public (resident
// shell) and for staff (console shell).
type accountPage struct {
	Account     AccountView
	KindName    string
	Roles       []grantRow
	Enterprises []EnterpriseLink
	Pending     *totpView
	Notice      string
	Unread      int // unread in-app messages
	RealName    formState
	Enterprise  formState
	Password    formState
	TOTP        formState
}

// totpView shows a pending authenticator enrolment.
type totpView struct {
	URL string
	// Secret is the base32 secret in groups of four, for typing in.
	Secret string
}

// grantRow is a grant as the pages show it.
type grantRow struct {
	Role      authz.Role
	RoleName  string
	ScopeKind authz.ScopeKind
	ScopeName string
	ScopeCode string
	// UnitName names the scope's unit when known, e.g. 尧化街道.
	UnitName string
}

var kindNames = map[authz.AccountKind]string{
	authz.KindResident: "居民", authz.KindEnterprise: "企业用户", authz.KindStaff: "工作人员",
}

// scopeKindNames are the Chinese names of the scope kinds.
var scopeKindNames = map[authz.ScopeKind]string{
	authz.ScopeDistrict: "区县", authz.ScopeStreet: "街道（镇）", authz.ScopeCommunity: "社区（村）",
	authz.ScopeGrid: "网格", authz.ScopeDepartment: "部门", authz.ScopeServicePoint: "服务网点",
	authz.ScopeSelf: "本人",
}

// grantRows converts grants for display, leaving out the automatic
// resident and enterprise grants over the account itself when hideSelf.
// unitName names a scope's unit (e.g. 尧化街道); nil or "" shows the code.
func grantRows(gs []authz.Grant, hideSelf bool, unitName func(code string) string) []grantRow {
	var out []grantRow
	for _, g := range gs {
		if hideSelf && g.Scope.Kind == authz.ScopeSelf {
			continue
		}
		row := grantRow{Role: g.Role, RoleName: g.Role.Name(), ScopeKind: g.Scope.Kind,
			ScopeName: scopeKindNames[g.Scope.Kind], ScopeCode: g.Scope.Code}
		if unitName != nil && g.Scope.Kind != authz.ScopeSelf {
			row.UnitName = unitName(g.Scope.Code)
		}
		out = append(out, row)
	}
	return out
}

// groupSecret writes a base32 secret in groups of four characters.
func groupSecret(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// account shows "my account".
func (h *Handlers) account(w http.ResponseWriter, r *http.Request) {
	h.renderAccount(w, r, http.StatusOK, accountPage{Notice: noticeOf(r)})
}

// renderAccount loads the account into p and renders the page of the
// actor's kind with status.
func (h *Handlers) renderAccount(w http.ResponseWriter, r *http.Request, status int, p accountPage) {
	ctx, a := r.Context(), web.ActorFrom(r.Context())
	me, err := h.svc.Me(ctx, a)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p.Account, p.KindName, p.Roles = me, kindNames[me.Kind], grantRows(me.Grants, true, h.unitNamer(r.Context()))
	if p.Unread, err = h.svc.UnreadNotices(ctx, a); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	page := "identity/account"
	if me.Kind == authz.KindStaff {
		page = "identity/account_staff"
		pending, ok, err := h.svc.PendingTOTP(ctx, a)
		if err != nil {
			h.rd.Error(w, r, err)
			return
		}
		if ok {
			p.Pending = &totpView{URL: pending.URL, Secret: groupSecret(pending.Secret)}
		}
	} else {
		if p.Enterprises, err = h.svc.MyEnterprises(ctx, a); err != nil {
			h.rd.Error(w, r, err)
			return
		}
	}
	h.rd.Render(w, r, status, page, p)
}

// formFailure renders the account page with one form's state, or the
// error page for errors no form can show: internal failures, and a form
// posted by the wrong kind of account (staff forms are not on the public
// page, and the other way round).
func (h *Handlers) formFailure(w http.ResponseWriter, r *http.Request, err error, staffForm bool, set func(*accountPage, formState), values map[string]string, fields ...string) {
	errs, alert, ok := formErrors(err, fields...)
	if a := web.ActorFrom(r.Context()); !ok || (a.Kind == authz.KindStaff) != staffForm {
		h.rd.Error(w, r, err)
		return
	}
	var p accountPage
	set(&p, formState{Values: values, Errors: errs, Alert: alert})
	h.renderAccount(w, r, web.StatusOf(err), p)
}

// updateRealName records the resident's name and ID number.
func (h *Handlers) updateRealName(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	name := f.Text("name", "姓名", maxNameLen, true)
	id := f.Text("id_number", "身份证号", maxIDInputLen, true)
	if name != "" {
		_, nerr := cleanName("name", name, msgNameEmpty, msgNameLong)
		failFrom(f, nerr)
	}
	if id != "" {
		_, ierr := cleanIDNumber(id, h.svc)
		failFrom(f, ierr)
	}
	if err = f.Err(); err == nil {
		if err = h.svc.UpdateRealName(r.Context(), web.ActorFrom(r.Context()), name, id); err == nil {
			seeOther(w, r, AccountPath+"?done=realname")
			return
		}
	}
	errs, _, _ := formErrors(err, "id_number")
	values := map[string]string{"name": f.Value("name")}
	if errs["id_number"] != "" {
		// Only an invalid number is shown back, so it can be corrected.
		values["id_number"] = f.Value("id_number")
	}
	h.formFailure(w, r, err, false, func(p *accountPage, s formState) {
		if s.Errors["id_number"] == "" && f.Value("id_number") != "" {
			s.Hints = map[string]string{"id_number": msgIDAgain}
		}
		p.RealName = s
	}, values, "name", "id_number")
}

// registerEnterprise records an enterprise with the resident as its legal
// representative.
func (h *Handlers) registerEnterprise(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	code := f.Text("credit_code", "统一社会信用代码", maxCreditInputLen, true)
	name := f.Text("name", "企业名称", maxNameLen, true)
	if code != "" && name != "" {
		_, cerr := cleanEnterprise(code, name)
		failFrom(f, cerr)
	}
	if err = f.Err(); err == nil {
		if _, err = h.svc.RegisterEnterprise(r.Context(), web.ActorFrom(r.Context()), code, name); err == nil {
			seeOther(w, r, AccountPath+"?done=enterprise")
			return
		}
	}
	h.formFailure(w, r, err, false, func(p *accountPage, s formState) { p.Enterprise = s },
		map[string]string{"credit_code": f.Value("credit_code"), "name": f.Value("name")}, "credit_code", "name")
}
