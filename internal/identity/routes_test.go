package identity_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// scenario is one request of the route table.
type scenario struct {
	method, path, who string
	form              url.Values // page form (CSRF token added unless noCSRF)
	json              string     // API body
	noCSRF            bool
	status            int
	contains          string // in the body, or the Location of a redirect
}

// TestRouteTable covers every identity route with a caller who may and
// one who may not, anonymous callers and missing CSRF tokens.
func TestRouteTable(t *testing.T) {
	s := newSite(t)
	s.f.bootstrapAdmin(t)
	s.staffAccount(t, "grid1", authz.Grant{Role: authz.RoleGridWorker, Scope: street1})
	target := s.staffAccount(t, "target1", authz.Grant{Role: authz.RoleFrontDesk, Scope: street1})
	staffPath := fmt.Sprintf("/console/staff/%d", target)

	browsers := map[string]*browser{}
	phones := 0
	who := func(name string) *browser {
		if b, ok := browsers[name]; ok && !strings.HasPrefix(name, "fresh") {
			return b
		}
		b := s.browser(t)
		switch name {
		case "anon":
			b.get("/login")
		case "resident":
			b.signInResident(testPhone)
		case "realnamed":
			b.signInResident(otherPhone)
			b.post("/account/real-name", url.Values{"name": {"周九"}, "id_number": {testID}})
		case "fresh-resident":
			phones++
			b.signInResident(fmt.Sprintf("137000000%02d", phones))
		case "grid":
			b.signInStaff("grid1", staffPass)
		case "admin", "fresh-admin":
			b.signInStaff(adminName, adminPass)
		default:
			t.Fatalf("unknown caller %q", name)
		}
		browsers[name] = b
		return b
	}
	grant := url.Values{"role": {"inspector"}, "scope_kind": {"street"}, "scope_code": {"320113001"}}
	newStaff := func(name string) url.Values {
		return url.Values{"username": {name}, "display_name": {name}, "password": {"Table-pass-2026"},
			"role": {"leader"}, "scope_kind": {"street"}, "scope_code": {"320113001"}}
	}
	wrongPass := url.Values{"username": {"grid1"}, "password": {"Not-the-pass-1"}}
	cases := []scenario{
		{method: "GET", path: "/login", who: "anon", status: 200, contains: "手机号登录"},
		{method: "GET", path: "/login", who: "resident", status: 303, contains: "/account"},
		{method: "POST", path: "/login/sms-code", who: "anon", form: url.Values{"phone": {"13600000001"}}, status: 200, contains: "136****0001"},
		{method: "POST", path: "/login/sms-code", who: "anon", form: url.Values{"phone": {"13600000002"}}, noCSRF: true, status: 403},
		{method: "POST", path: "/login/resident", who: "anon", form: url.Values{"phone": {"13600000001"}, "code": {"000000"}}, status: 400, contains: "验证码"},
		{method: "POST", path: "/login/resident", who: "anon", form: url.Values{"phone": {"13600000001"}, "code": {"000000"}}, noCSRF: true, status: 403},
		{method: "GET", path: "/console/login", who: "anon", status: 200, contains: "工作人员登录"},
		{method: "GET", path: "/console/login", who: "grid", status: 303, contains: "/console"},
		{method: "POST", path: "/console/login", who: "anon", form: wrongPass, status: 401, contains: "用户名或密码错误"},
		{method: "POST", path: "/console/login", who: "anon", form: wrongPass, noCSRF: true, status: 403},
		{method: "POST", path: "/logout", who: "anon", status: 303, contains: "/login?done=logout"},
		{method: "POST", path: "/logout", who: "resident", noCSRF: true, status: 403},
		{method: "POST", path: "/logout", who: "fresh-resident", status: 303, contains: "/login?done=logout"},
		{method: "GET", path: "/account", who: "anon", status: 303, contains: "/login?next=%2Faccount"},
		{method: "GET", path: "/account", who: "resident", status: 200, contains: "实名信息"},
		{method: "GET", path: "/account", who: "grid", status: 200, contains: "修改密码"},
		{method: "POST", path: "/account/logout-everywhere", who: "anon", status: 401},
		{method: "POST", path: "/account/logout-everywhere", who: "resident", noCSRF: true, status: 403},
		{method: "POST", path: "/account/logout-everywhere", who: "fresh-resident", status: 303, contains: "/login?done=logout_all"},
		{method: "POST", path: "/account/logout-everywhere", who: "fresh-admin", status: 303, contains: "/console/login?done=logout_all"},
		{method: "POST", path: "/account/real-name", who: "anon", form: url.Values{"name": {"甲"}, "id_number": {testID}}, status: 401},
		{method: "POST", path: "/account/real-name", who: "grid", form: url.Values{"name": {"甲"}, "id_number": {testID}}, status: 403, contains: "您无权登记实名信息"},
		{method: "POST", path: "/account/real-name", who: "resident", form: url.Values{"name": {"甲乙"}, "id_number": {testID}}, noCSRF: true, status: 403},
		{method: "POST", path: "/account/real-name", who: "resident", form: url.Values{"name": {""}, "id_number": {""}}, status: 400, contains: "姓名不能为空"},
		{method: "POST", path: "/account/real-name", who: "resident", form: url.Values{"name": {"甲乙"}, "id_number": {testID}}, status: 303, contains: "/account?done=realname"},
		{method: "POST", path: "/account/enterprises", who: "fresh-resident", form: url.Values{"credit_code": {validCredit(t, "MA1TAB01")}, "name": {"表格公司"}}, status: 403, contains: "请先完成实名登记"},
		{method: "POST", path: "/account/enterprises", who: "realnamed", form: url.Values{"credit_code": {"91320113"}, "name": {"表格公司"}}, status: 400, contains: `id="credit-error"`},
		{method: "POST", path: "/account/enterprises", who: "realnamed", form: url.Values{"credit_code": {validCredit(t, "MA1TAB01")}, "name": {"表格公司"}}, status: 303, contains: "/account?done=enterprise"},
		{method: "POST", path: "/account/enterprises", who: "grid", form: url.Values{"credit_code": {validCredit(t, "MA1TAB02")}, "name": {"表格公司"}}, status: 403},
		{method: "POST", path: "/account/password", who: "resident", form: url.Values{"current_password": {"a"}, "new_password": {"b"}, "confirm_password": {"b"}}, status: 403},
		{method: "POST", path: "/account/password", who: "grid", form: url.Values{"current_password": {staffPass}, "new_password": {"Abcdefghij-1"}, "confirm_password": {"x"}}, status: 400, contains: "两次输入的新密码不一致"},
		{method: "POST", path: "/account/totp/start", who: "resident", status: 403},
		{method: "POST", path: "/account/totp/start", who: "grid", noCSRF: true, status: 403},
		{method: "POST", path: "/account/totp/start", who: "grid", status: 303, contains: "/account#totp"},
		{method: "POST", path: "/account/totp/confirm", who: "resident", form: url.Values{"totp_code": {"123456"}}, status: 403},
		{method: "POST", path: "/account/totp/confirm", who: "grid", form: url.Values{"totp_code": {"abcdef"}}, status: 400, contains: "动态验证码错误"},
		{method: "POST", path: "/account/totp/disable", who: "resident", form: url.Values{"totp_code": {"123456"}}, status: 403},
		{method: "POST", path: "/account/totp/disable", who: "grid", form: url.Values{"totp_code": {"123456"}}, status: 409, contains: "尚未绑定身份验证器"},
		{method: "GET", path: "/console/staff", who: "anon", status: 303, contains: "/console/login?next=%2Fconsole%2Fstaff"},
		{method: "GET", path: "/console/staff", who: "resident", status: 403},
		{method: "GET", path: "/console/staff", who: "grid", status: 403},
		{method: "GET", path: "/console/staff", who: "admin", status: 200, contains: "target1"},
		{method: "GET", path: "/console/staff/new", who: "grid", status: 403},
		{method: "GET", path: "/console/staff/new", who: "admin", status: 200, contains: "创建账号"},
		{method: "POST", path: "/console/staff", who: "grid", form: newStaff("table.a"), status: 403},
		{method: "POST", path: "/console/staff", who: "admin", form: newStaff("table.b"), noCSRF: true, status: 403},
		{method: "POST", path: "/console/staff", who: "admin", form: newStaff("table.c"), status: 303, contains: "?done=created"},
		{method: "GET", path: staffPath, who: "grid", status: 403},
		{method: "GET", path: staffPath, who: "admin", status: 200, contains: "target1"},
		{method: "POST", path: staffPath + "/grants", who: "grid", form: grant, status: 403},
		{method: "POST", path: staffPath + "/grants", who: "admin", form: grant, noCSRF: true, status: 403},
		{method: "POST", path: staffPath + "/grants", who: "admin", form: grant, status: 303, contains: "?done=granted"},
		{method: "POST", path: staffPath + "/grants/revoke", who: "grid", form: grant, status: 403},
		{method: "POST", path: staffPath + "/grants/revoke", who: "admin", form: grant, status: 303, contains: "?done=revoked"},
		{method: "POST", path: staffPath + "/password", who: "grid", form: url.Values{"password": {"Table-pass-2027"}, "confirm_password": {"Table-pass-2027"}}, status: 403},
		{method: "POST", path: staffPath + "/password", who: "admin", form: url.Values{"password": {"Table-pass-2027"}, "confirm_password": {"Table-pass-2027"}}, status: 303, contains: "?done=reset"},
		{method: "POST", path: staffPath + "/status", who: "grid", form: url.Values{"status": {"disabled"}}, status: 403},
		{method: "POST", path: staffPath + "/status", who: "admin", form: url.Values{"status": {"locked"}}, status: 400, contains: "选项无效"},
		{method: "POST", path: staffPath + "/status", who: "admin", form: url.Values{"status": {"disabled"}}, status: 303, contains: "?done=status"},
		{method: "POST", path: staffPath + "/totp/reset", who: "grid", status: 403},
		{method: "POST", path: staffPath + "/totp/reset", who: "admin", status: 409, contains: "尚未绑定身份验证器"},
		{method: "POST", path: "/api/v1/sessions/sms-code", who: "anon", json: `{"phone":"13600000003"}`, status: 200, contains: "136****0003"},
		{method: "POST", path: "/api/v1/sessions/resident", who: "anon", json: `{"phone":"13600000003","code":"abc"}`, status: 400, contains: `"code":"请输入6位数字验证码"`},
		{method: "POST", path: "/api/v1/sessions/staff", who: "anon", json: `{"username":"grid1","password":"x"}`, status: 401, contains: "用户名或密码错误"},
		{method: "DELETE", path: "/api/v1/sessions/current", who: "anon", status: 401},
		{method: "DELETE", path: "/api/v1/sessions/current", who: "resident", noCSRF: true, status: 403},
		{method: "DELETE", path: "/api/v1/sessions/current", who: "fresh-resident", status: 204},
		{method: "GET", path: "/api/v1/me", who: "anon", status: 401, contains: `"code":"unauthorized"`},
		{method: "GET", path: "/api/v1/me", who: "grid", status: 200, contains: `"role":"grid_worker"`},
		{method: "PUT", path: "/api/v1/me/real-name", who: "anon", json: `{"name":"甲","id_number":"x"}`, status: 401},
		{method: "PUT", path: "/api/v1/me/real-name", who: "grid", json: `{"name":"甲","id_number":"x"}`, status: 403},
		{method: "PUT", path: "/api/v1/me/real-name", who: "resident", json: `{"name":"甲","id_number":"x"}`, status: 400, contains: `"id_number"`},
	}
	for i, c := range cases {
		name := fmt.Sprintf("%02d %s %s as %s", i, c.method, c.path, c.who)
		b := who(c.who)
		w := c.run(b)
		got := w.Body.String()
		if w.Code == http.StatusSeeOther {
			got = w.Header().Get("Location")
		}
		if w.Code != c.status || !strings.Contains(got, c.contains) {
			t.Errorf("%s: %d, want %d containing %q; got:\n%.600s", name, w.Code, c.status, c.contains, got)
		}
	}
}

// run sends the scenario's request as b.
func (c scenario) run(b *browser) *httptest.ResponseRecorder {
	if strings.HasPrefix(c.path, "/api/v1/") {
		csrf := b.csrf
		if c.noCSRF {
			csrf = ""
		}
		return b.api(c.method, strings.TrimPrefix(c.path, "/api/v1"), c.json, csrf)
	}
	switch {
	case c.method == http.MethodGet:
		return b.get(c.path)
	case c.noCSRF:
		return b.postRaw(c.path, c.form)
	}
	form := url.Values{}
	for k, v := range c.form {
		form[k] = v
	}
	return b.post(c.path, form)
}
