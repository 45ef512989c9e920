package identity

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// option is one choice of a select.
type option struct{ Value, Label string }

// grantScopeKinds are the scopes an administrator may grant roles over.
var grantScopeKinds = []authz.ScopeKind{authz.ScopeDistrict, authz.ScopeStreet, authz.ScopeCommunity,
	authz.ScopeGrid, authz.ScopeDepartment, authz.ScopeServicePoint}

func roleOptions() []option {
	out := make([]option, len(staffRoles))
	for i, r := range staffRoles {
		out[i] = option{string(r), r.Name()}
	}
	return out
}

func scopeOptions() []option {
	out := make([]option, len(grantScopeKinds))
	for i, k := range grantScopeKinds {
		out[i] = option{string(k), scopeKindNames[k]}
	}
	return out
}

func optionValues(opts []option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Value
	}
	return out
}

// readGrant reads the role and scope fields of a grant form.
func readGrant(f *web.Form) authz.Grant {
	role := f.Choice("role", "角色", optionValues(roleOptions()), true)
	kind := f.Choice("scope_kind", "数据范围类型", optionValues(scopeOptions()), true)
	code := strings.ToUpper(f.Text("scope_code", "数据范围代码", 32, true))
	return authz.Grant{Role: authz.Role(role), Scope: authz.Scope{Kind: authz.ScopeKind(kind), Code: code}}
}

// grantValues are a grant form's values to show again.
func grantValues(f *web.Form) map[string]string {
	return map[string]string{"role": f.Value("role"), "scope_kind": f.Value("scope_kind"), "scope_code": f.Value("scope_code")}
}

// staffRow is one line of the staff list.
type staffRow struct {
	StaffSummary
	Roles      []grantRow
	StatusName string
}

// staffListPage is the data of the staff list.
type staffListPage struct {
	Items     []staffRow
	Total     int
	From, To  int
	PrevURL   string
	NextURL   string
	CanCreate bool
	Notice    string
}

// statusName is an account state in Chinese; a lockout that has run out
// reads as active.
func statusName(s Status, lockedUntil *time.Time, now time.Time) string {
	switch {
	case s == StatusDisabled:
		return "已停用"
	case s == StatusLocked && lockedUntil != nil && lockedUntil.After(now):
		return "已锁定至 " + web.InChina(*lockedUntil).Format("15:04")
	}
	return "正常"
}

// staffList lists the staff accounts the administrator may view.
func (h *Handlers) staffList(w http.ResponseWriter, r *http.Request) {
	pg, err := web.ParsePage(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	a := web.ActorFrom(r.Context())
	list, err := h.svc.ListStaff(r.Context(), a, pg.Limit, pg.Offset)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p := staffListPage{Total: list.Total, CanCreate: a.May(actCreateStaff, authz.Scope{}), Notice: noticeOf(r)}
	now, names := h.svc.now(), h.unitNamer(r.Context())
	for _, it := range list.Items {
		p.Items = append(p.Items, staffRow{StaffSummary: it, Roles: grantRows(it.Grants, true, names),
			StatusName: statusName(it.Status, it.LockedUntil, now)})
	}
	if len(p.Items) > 0 {
		p.From, p.To = pg.Offset+1, pg.Offset+len(p.Items)
	}
	if pg.Offset > 0 {
		p.PrevURL = pageURL(max(pg.Offset-pg.Limit, 0), pg.Limit)
	}
	if pg.Offset+len(list.Items) < list.Total {
		p.NextURL = pageURL(pg.Offset+pg.Limit, pg.Limit)
	}
	h.rd.Render(w, r, http.StatusOK, "identity/staff_list", p)
}

func pageURL(offset, limit int) string {
	q := url.Values{"offset": {strconv.Itoa(offset)}}
	if limit != web.DefaultLimit {
		q.Set("limit", strconv.Itoa(limit))
	}
	return StaffListPath + "?" + q.Encode()
}

// staffFormPage is the data of the new-staff form.
type staffFormPage struct {
	Form       formState
	Roles      []option
	ScopeKinds []option
}

// staffNew shows the form; the scope starts as the administrator's own.
func (h *Handlers) staffNew(w http.ResponseWriter, r *http.Request) {
	a := web.ActorFrom(r.Context())
	if err := authz.Check(a, actCreateStaff, authz.Scope{}); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.renderStaffForm(w, r, http.StatusOK, formState{Values: defaultScope(a)})
}

// defaultScope pre-fills a grant form with the administrator's own scope.
func defaultScope(a *authz.Actor) map[string]string {
	values := map[string]string{}
	if scopes := a.ScopesFor(authz.RoleAdmin); len(scopes) > 0 {
		values["scope_kind"], values["scope_code"] = string(scopes[0].Kind), scopes[0].Code
	}
	return values
}

func (h *Handlers) renderStaffForm(w http.ResponseWriter, r *http.Request, status int, s formState) {
	h.rd.Render(w, r, status, "identity/staff_new", staffFormPage{Form: s, Roles: roleOptions(), ScopeKinds: scopeOptions()})
}

// staffCreate creates a staff account with one grant.
func (h *Handlers) staffCreate(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	in := StaffInput{Username: f.Text("username", "用户名", maxUsernameLen, true),
		DisplayName: f.Text("display_name", "姓名", maxNameLen, true),
		Phone:       f.Text("phone", "手机号码", maxPhoneInputLen, false), Password: f.Value("password")}
	if in.Password == "" {
		f.Fail("password", msgPasswordEmpty)
	}
	in.Grants = []authz.Grant{readGrant(f)}
	h.precheckStaff(f, in)
	if err = f.Err(); err == nil {
		var id int64
		if id, err = h.svc.CreateStaff(r.Context(), web.ActorFrom(r.Context()), in); err == nil {
			seeOther(w, r, staffURL(id)+"?done=created")
			return
		}
	}
	errs, alert, ok := formErrors(err, "username", "display_name", "phone", "password", "role", "scope_kind", "scope_code", "scope")
	if !ok {
		h.rd.Error(w, r, err)
		return
	}
	values := grantValues(f)
	values["username"], values["display_name"] = f.Value("username"), f.Value("display_name")
	if errs["phone"] != "" {
		values["phone"] = f.Value("phone")
	}
	h.renderStaffForm(w, r, web.StatusOf(err), formState{Values: values, Errors: errs, Alert: alert})
}

// precheckStaff runs the service's field checks on a new account up front,
// so the form shows every bad field at once.
func (h *Handlers) precheckStaff(f *web.Form, in StaffInput) {
	if in.Username != "" {
		_, err := cleanUsername(in.Username)
		failFrom(f, err)
	}
	if in.Password != "" {
		failFrom(f, checkPassword("password", in.Password))
	}
	if in.Phone != "" {
		_, err := cleanPhone(in.Phone)
		failFrom(f, err)
	}
	if g := in.Grants[0]; g.Role != "" && g.Scope.Kind != "" && g.Scope.Code != "" {
		if err := validateGrant(g, h.district, authz.KindStaff); apperr.CodeOf(err) == apperr.CodeInvalid {
			e, _ := apperr.As(err)
			if msg, ok := e.Fields["scope"]; ok {
				f.Fail("scope_code", msg)
			} else {
				failFrom(f, err)
			}
		}
	}
}

func staffURL(id int64) string { return StaffListPath + "/" + strconv.FormatInt(id, 10) }
