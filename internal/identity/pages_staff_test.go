package identity_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestStaffLoginLockout(t *testing.T) {
	s := newSite(t)
	s.staffAccount(t, "counter1", authz.Grant{Role: authz.RoleFrontDesk, Scope: street1})
	b := s.browser(t)
	expect(t, b.get("/console/login"), http.StatusOK, "工作人员登录", `href="/login"`)
	expect(t, b.post("/console/login", url.Values{"username": {""}, "password": {""}}), http.StatusBadRequest,
		`id="username-error"`, `id="password-error"`)
	expect(t, b.post("/console/login", url.Values{"username": {strings.Repeat("a", 200)}, "password": {"x"}}),
		http.StatusBadRequest, "用户名不能超过 32 个字")
	for i := 0; i < 4; i++ {
		w := b.post("/console/login", url.Values{"username": {"counter1"}, "password": {"Wrong-pass-" + string(rune('a'+i))}})
		expect(t, w, http.StatusUnauthorized, "用户名或密码错误", `value="counter1"`)
		if strings.Contains(w.Body.String(), "Wrong-pass") {
			t.Fatal("the password was written back into the page")
		}
	}
	// The fifth failure locks; the right password is refused until the end.
	expect(t, b.post("/console/login", url.Values{"username": {"counter1"}, "password": {"Wrong-pass-e"}}),
		http.StatusTooManyRequests, "密码错误次数过多，账号已锁定至 09:15")
	expect(t, b.post("/console/login", url.Values{"username": {"counter1"}, "password": {staffPass}}),
		http.StatusTooManyRequests, "账号已锁定至 09:15")
	s.f.clock.Advance(16 * time.Minute)
	expectRedirect(t, b.post("/console/login", url.Values{"username": {"counter1"}, "password": {staffPass}}), "/console")
	w := b.get("/account")
	expect(t, w, http.StatusOK, `class="console-nav"`, "全科社工", "修改密码", "身份验证器", `href="/account"`)
	if strings.Contains(w.Body.String(), `href="/console/staff"`) {
		t.Fatal("a front-desk worker sees the staff administration link")
	}
	expectRedirect(t, b.get("/console/login"), "/console")
	expectRedirect(t, b.post("/logout", nil), "/console/login?done=logout")
}

var (
	otpauthText = regexp.MustCompile(`otpauth://totp/[^<]*secret=([A-Z2-7]+)`)
	secretText  = regexp.MustCompile(`<p class="secret"[^>]*><code>([A-Z2-7 ]+)</code>`)
)

func TestStaffTOTPEnrolmentAndLogin(t *testing.T) {
	s := newSite(t)
	s.staffAccount(t, "approver1", authz.Grant{Role: authz.RoleApprover, Scope: authz.District(district)})
	b := s.browser(t)
	b.signInStaff("approver1", staffPass)
	expect(t, b.get("/account"), http.StatusOK, "开始绑定")
	expectRedirect(t, b.post("/account/totp/start", nil), "/account#totp")
	w := b.get("/account")
	expect(t, w, http.StatusOK, "完成绑定", "otpauth://totp/")
	m, g := otpauthText.FindStringSubmatch(w.Body.String()), secretText.FindStringSubmatch(w.Body.String())
	if m == nil || g == nil || strings.ReplaceAll(g[1], " ", "") != m[1] || !strings.Contains(g[1], " ") {
		t.Fatalf("secret not shown as URL and in groups: %v %v", m, g)
	}
	secret := m[1]
	now := s.f.clock.Now()
	expect(t, b.post("/account/totp/confirm", url.Values{"totp_code": {wrongCode(code(t, secret, now))}}),
		http.StatusBadRequest, `id="totp-error"`, "动态验证码错误", "完成绑定")
	expectRedirect(t, b.post("/account/totp/confirm", url.Values{"totp_code": {code(t, secret, now)}}), "/account?done=totp_on")
	expect(t, b.get("/account?done=totp_on"), http.StatusOK, "已绑定身份验证器", "解除绑定")
	b.post("/logout", nil)

	// Password alone: the TOTP field appears; the password must be typed again.
	b.get("/console/login")
	w = b.post("/console/login", url.Values{"username": {"approver1"}, "password": {staffPass}})
	expect(t, w, http.StatusOK, `name="totp_code"`, "该账号已启用动态验证码", `name="totp" value="1"`)
	if strings.Contains(w.Body.String(), staffPass) {
		t.Fatal("the password was written back into the page")
	}
	expect(t, b.post("/console/login", url.Values{"username": {"approver1"}, "password": {staffPass}, "totp": {"1"}}),
		http.StatusBadRequest, `id="totp-error"`, "请输入身份验证器中的6位动态验证码")
	s.f.clock.Advance(30 * time.Second)
	later := s.f.clock.Now()
	expect(t, b.post("/console/login", url.Values{"username": {"approver1"}, "password": {staffPass}, "totp": {"1"},
		"totp_code": {wrongCode(code(t, secret, later))}}), http.StatusUnauthorized, "动态验证码错误", `name="totp_code"`)
	expectRedirect(t, b.post("/console/login", url.Values{"username": {"approver1"}, "password": {staffPass}, "totp": {"1"},
		"totp_code": {code(t, secret, later)}, "next": {"/console/staff"}}), "/console/staff")

	// Disabling needs a current code.
	s.f.clock.Advance(30 * time.Second)
	b.get("/account")
	expect(t, b.post("/account/totp/disable", url.Values{"totp_code": {"000000x"}}), http.StatusBadRequest, "动态验证码错误")
	expectRedirect(t, b.post("/account/totp/disable", url.Values{"totp_code": {code(t, secret, s.f.clock.Now())}}), "/account?done=totp_off")
	expect(t, b.get("/account?done=totp_off"), http.StatusOK, "已解除身份验证器", "开始绑定")
}

func TestStaffChangesOwnPassword(t *testing.T) {
	s := newSite(t)
	s.staffAccount(t, "leader1", authz.Grant{Role: authz.RoleLeader, Scope: authz.District(district)})
	b := s.browser(t)
	b.signInStaff("leader1", staffPass)
	const next = "New-leader-pass-9"
	expect(t, b.post("/account/password", url.Values{"current_password": {staffPass}, "new_password": {next},
		"confirm_password": {next + "x"}}), http.StatusBadRequest, "两次输入的新密码不一致")
	expect(t, b.post("/account/password", url.Values{"current_password": {"Not-the-pass-1"}, "new_password": {next},
		"confirm_password": {next}}), http.StatusBadRequest, `id="current-error"`, "原密码错误")
	expect(t, b.post("/account/password", url.Values{"current_password": {staffPass}, "new_password": {"short"},
		"confirm_password": {"short"}}), http.StatusBadRequest, `id="new-error"`, "密码至少10位")
	expectRedirect(t, b.post("/account/password", url.Values{"current_password": {staffPass}, "new_password": {next},
		"confirm_password": {next}}), "/account?done=password")
	expect(t, b.get("/account?done=password"), http.StatusOK, "密码已修改")
	b.post("/logout", nil)
	b.signInStaff("leader1", next)
}

func TestStaffAdministration(t *testing.T) {
	s := newSite(t)
	s.f.bootstrapAdmin(t)
	admin := s.browser(t)
	admin.signInStaff(adminName, adminPass)
	expect(t, admin.get("/account"), http.StatusOK, `href="/console/staff"`, "人员与权限")
	expect(t, admin.get("/console/staff"), http.StatusOK, "<code>admin</code>", "系统管理员", "新建工作人员", "共 1 条")
	expect(t, admin.get("/console/staff/new"), http.StatusOK, `name="username"`, `<option value="grid_worker">网格员/社工</option>`,
		`<option value="district" selected>`, `value="320113"`)

	form := func(mod func(url.Values)) url.Values {
		v := url.Values{"username": {"grid.worker"}, "display_name": {"王网格"}, "password": {"Grid-pass-2026"},
			"phone": {""}, "role": {"grid_worker"}, "scope_kind": {"grid"}, "scope_code": {"320113001001001"}}
		if mod != nil {
			mod(v)
		}
		return v
	}
	bad := []struct {
		name  string
		mod   func(url.Values)
		field string
		msg   string
	}{
		{"username with spaces", func(v url.Values) { v.Set("username", "a b") }, "username-error", "用户名只能包含"},
		{"username too long", func(v url.Values) { v.Set("username", strings.Repeat("u", 40)) }, "username-error", "不能超过"},
		{"weak password", func(v url.Values) { v.Set("password", "aaaaaaaaaaaa") }, "password-error", "至少两类"},
		{"no role", func(v url.Values) { v.Set("role", "") }, "role-error", "请选择角色"},
		{"a public role", func(v url.Values) { v.Set("role", "resident") }, "role-error", "选项无效"},
		{"scope of another district", func(v url.Values) { v.Set("scope_code", "320102001001001") }, "scope-error", "数据范围必须在账号所属区县内"},
		{"scope of the wrong shape", func(v url.Values) { v.Set("scope_code", "3201130010") }, "scope-error", "数据范围无效"},
		{"bad phone", func(v url.Values) { v.Set("phone", "999") }, "phone-error", "手机号码"},
		{"name too long", func(v url.Values) { v.Set("display_name", strings.Repeat("名", 65)) }, "display-error", "不能超过 64 个字"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			w := admin.post("/console/staff", form(c.mod))
			expect(t, w, http.StatusBadRequest, `id="`+c.field+`"`, c.msg)
			if strings.Contains(w.Body.String(), "Grid-pass-2026") {
				t.Fatal("the password was written back")
			}
		})
	}

	w := admin.post("/console/staff", form(func(v url.Values) { v.Set("display_name", `<img src=x onerror=alert(1)>`) }))
	if w.Code != http.StatusSeeOther || !strings.HasSuffix(w.Header().Get("Location"), "?done=created") {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	page := strings.TrimSuffix(w.Header().Get("Location"), "?done=created")
	expect(t, admin.get(page+"?done=created"), http.StatusOK, "工作人员账号已创建", "网格员/社工", "320113001001001",
		"&lt;img src=x onerror=alert(1)&gt;")
	expect(t, admin.post("/console/staff", form(nil)), http.StatusConflict, "用户名已被使用")
	list := admin.get("/console/staff")
	expect(t, list, http.StatusOK, "grid.worker", "共 2 条", "&lt;img src=x")
	if strings.Contains(list.Body.String(), "<img src=x") {
		t.Fatal("display name not escaped")
	}

	grant := url.Values{"role": {"volunteer"}, "scope_kind": {"community"}, "scope_code": {"320113001001"}}
	expect(t, admin.post(page+"/grants", grant), http.StatusBadRequest, "选项无效")
	grant.Set("role", "inspector")
	expectRedirect(t, admin.post(page+"/grants", grant), page+"?done=granted")
	expect(t, admin.post(page+"/grants", grant), http.StatusConflict, "该账号已拥有此角色")
	expect(t, admin.get(page), http.StatusOK, "执法检查人员")
	expectRedirect(t, admin.post(page+"/grants/revoke", grant), page+"?done=revoked")
	expect(t, admin.post(page+"/grants/revoke", grant), http.StatusNotFound, "该账号没有此角色")

	expect(t, admin.post(page+"/password", url.Values{"password": {"Reset-pass-2026"}, "confirm_password": {"x"}}),
		http.StatusBadRequest, "两次输入的新密码不一致")
	expectRedirect(t, admin.post(page+"/password", url.Values{"password": {"Reset-pass-2026"}, "confirm_password": {"Reset-pass-2026"}}),
		page+"?done=reset")
	expectRedirect(t, admin.post(page+"/status", url.Values{"status": {"disabled"}}), page+"?done=status")
	expect(t, admin.get(page), http.StatusOK, "已停用", "重新启用")
	worker := s.browser(t)
	worker.get("/console/login")
	expect(t, worker.post("/console/login", url.Values{"username": {"grid.worker"}, "password": {"Reset-pass-2026"}}),
		http.StatusForbidden, "账号已停用")
	expectRedirect(t, admin.post(page+"/status", url.Values{"status": {"active"}}), page+"?done=status")
	worker.signInStaff("grid.worker", "Reset-pass-2026")

	// The grid worker may not administer; the admin may not disable themself.
	expect(t, worker.get("/console/staff"), http.StatusForbidden, "您无权查看账号信息")
	expect(t, worker.get("/console/staff/new"), http.StatusForbidden)
	expect(t, worker.post("/console/staff", form(func(v url.Values) { v.Set("username", "sneaky") })), http.StatusForbidden)
	expect(t, admin.get("/console/staff/1"), http.StatusOK, "不能停用本人账号")
	expect(t, admin.post("/console/staff/1/grants/revoke", url.Values{"role": {"admin"}, "scope_kind": {"district"},
		"scope_code": {district}}), http.StatusForbidden, "不能撤销本人的管理员角色")
	expect(t, admin.get("/console/staff/999999"), http.StatusNotFound)
	expect(t, admin.get("/console/staff/abc"), http.StatusNotFound)
}

func TestConsolePagesSendAnonymousVisitorsToStaffSignIn(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)
	for _, p := range []string{"/console/staff", "/console/staff/new", "/console/staff/1"} {
		expectRedirect(t, b.get(p), "/console/login?next="+url.QueryEscape(p))
	}
	b.get("/login")
	expect(t, b.post("/console/staff", url.Values{"username": {"x"}}), http.StatusUnauthorized, "请先登录")
	resident := s.browser(t)
	resident.signInResident(testPhone)
	expect(t, resident.get("/console/staff"), http.StatusForbidden, "该页面仅供工作人员使用")
}

func TestFormsShowEveryBadFieldAtOnce(t *testing.T) {
	s := newSite(t)
	s.f.bootstrapAdmin(t)
	admin := s.browser(t)
	admin.signInStaff(adminName, adminPass)
	expect(t, admin.post("/console/staff", url.Values{"username": {"Bad Name"}, "display_name": {"赵六"},
		"password": {"short"}, "phone": {"123"}, "role": {"grid_worker"}, "scope_kind": {"street"}, "scope_code": {"3201130"}}),
		http.StatusBadRequest, `id="username-error"`, `id="password-error"`, `id="phone-error"`, `id="scope-error"`, "数据范围无效")

	r := s.browser(t)
	r.signInResident(testPhone)
	expect(t, r.post("/account/real-name", url.Values{"name": {strings.Repeat("名", 70)}, "id_number": {"320113"}}),
		http.StatusBadRequest, `id="name-error"`, `id="id-error"`)
}

func TestStreetAdministratorIsRefusedOutsideTheirStreet(t *testing.T) {
	s := newSite(t)
	s.staffAccount(t, "street.admin", authz.Grant{Role: authz.RoleAdmin, Scope: street1})
	other := s.staffAccount(t, "street2.desk", authz.Grant{Role: authz.RoleFrontDesk, Scope: street2})
	b := s.browser(t)
	b.signInStaff("street.admin", staffPass)
	expect(t, b.get("/console/staff/new"), http.StatusOK, `<option value="street" selected>`, `value="320113001"`)
	w := b.post("/console/staff", url.Values{"username": {"x.street2"}, "display_name": {"越权"}, "password": {"Street-pass-2026"},
		"role": {"front_desk"}, "scope_kind": {"street"}, "scope_code": {"320113002"}})
	expect(t, w, http.StatusForbidden, `class="alert alert-error"`, "您无权创建工作人员账号", `value="x.street2"`)
	list := b.get("/console/staff")
	expect(t, list, http.StatusOK, "street.admin")
	if strings.Contains(list.Body.String(), "street2.desk") {
		t.Fatal("a street administrator lists another street's staff")
	}
	expect(t, b.get(fmt.Sprintf("/console/staff/%d", other)), http.StatusForbidden)
	expect(t, b.post(fmt.Sprintf("/console/staff/%d/status", other), url.Values{"status": {"disabled"}}), http.StatusForbidden)
}

func TestSigningInEndsTheBrowsersPreviousSession(t *testing.T) {
	s := newSite(t)
	s.staffAccount(t, "desk9", authz.Grant{Role: authz.RoleFrontDesk, Scope: street1})
	b := s.browser(t)
	b.signInResident(testPhone)
	old := b.cookies["shanzhi_session"]
	b.signInStaff("desk9", staffPass)
	if _, _, err := s.f.s.Lookup(s.f.ctx, old); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Fatalf("the resident's session survived the staff sign-in: %v", err)
	}
	expect(t, b.get("/account"), http.StatusOK, "修改密码")
}
