package identity_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

func TestResidentJourney(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)

	expectRedirect(t, b.get("/account"), "/login?next=%2Faccount")
	expect(t, b.get("/login?next=%2Faccount"), http.StatusOK, "手机号登录", `href="/console/login"`, `name="next" value="/account"`)

	w := b.post("/login/sms-code", url.Values{"phone": {testPhone}, "next": {"/account"}})
	expect(t, w, http.StatusOK, "138****5678", "验证码已发送至", `name="code"`)
	token := phoneToken(t, w)
	good, _ := s.f.sms.LastCode(testPhone)

	w = b.post("/login/resident", url.Values{"phone_token": {token}, "code": {wrongCode(good)}, "next": {"/account"}})
	expect(t, w, http.StatusBadRequest, "验证码错误，还可尝试4次", `id="code-error"`, "138****5678")

	w = b.post("/login/resident", url.Values{"phone_token": {token}, "code": {good}, "next": {"/account"}})
	expectRedirect(t, w, "/account")
	if c := cookieOf(w, web.SessionCookie); c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Expires.IsZero() {
		t.Fatalf("session cookie %+v", c)
	}

	w = b.get("/account")
	expect(t, w, http.StatusOK, "我的账号", "138****5678", "实名信息", `href="/account"`)
	if strings.Contains(w.Body.String(), "console-nav") {
		t.Fatal("a resident got the console shell")
	}

	// A bad ID number: the field error, the injection-laden name escaped.
	const evil = `<script>alert("x")</script>' OR 1=1 --`
	bad := testID[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", testID[17])+1)%11])
	w = b.post("/account/real-name", url.Values{"name": {evil}, "id_number": {bad}})
	expect(t, w, http.StatusBadRequest, `id="id-error"`, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39; OR 1=1 --")
	if strings.Contains(w.Body.String(), "<script>alert") {
		t.Fatal("the name was not escaped")
	}

	expectRedirect(t, b.post("/account/real-name", url.Values{"name": {evil}, "id_number": {testID}}), "/account?done=realname")
	w = b.get("/account?done=realname")
	expect(t, w, http.StatusOK, "实名信息已保存", gm.MaskIDNumber(testID), "&lt;script&gt;", "已登记，待核验")

	// A pilot-era credit code: registered, with its warning on the page.
	good18 := validCredit(t, "MA1WEB01")
	pilot := good18[:17] + string("0123456789ABCDEFGHJKLMNPQRTUWXY"[(strings.IndexByte("0123456789ABCDEFGHJKLMNPQRTUWXY", good18[17])+1)%31])
	expectRedirect(t, b.post("/account/enterprises", url.Values{"credit_code": {pilot}, "name": {"栖霞<试点>公司"}}), "/account?done=enterprise")
	expect(t, b.get("/account"), http.StatusOK, "栖霞&lt;试点&gt;公司", "法定代表人", "试点", `class="alert alert-warn small"`)

	w = b.post("/logout", nil)
	expectRedirect(t, w, "/login?done=logout")
	if c := cookieOf(w, web.SessionCookie); c == nil || c.MaxAge >= 0 {
		t.Fatalf("logout left the cookie: %+v", c)
	}
	expectRedirect(t, b.get("/account"), "/login?next=%2Faccount")
	expect(t, b.get("/login?done=logout"), http.StatusOK, "您已安全退出")
}

func cookieOf(w interface{ Result() *http.Response }, name string) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestResidentLoginErrors(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)
	b.get("/login")

	expect(t, b.post("/login/sms-code", url.Values{"phone": {"12345"}}), http.StatusBadRequest,
		`id="phone-error"`, `value="12345"`)
	expect(t, b.post("/login/sms-code", url.Values{"phone": {strings.Repeat("1", 500)}}), http.StatusBadRequest,
		`id="phone-error"`, "手机号码应为11位")
	expect(t, b.post("/login/sms-code", url.Values{"phone": {`<b>"13"</b>`}}), http.StatusBadRequest,
		`value="&lt;b&gt;&#34;13&#34;&lt;/b&gt;"`)
	expect(t, b.post("/login/resident", url.Values{"phone_token": {"forged"}, "code": {"123456"}}),
		http.StatusBadRequest, "请重新输入手机号码")

	w := b.post("/login/sms-code", url.Values{"phone": {testPhone}})
	expect(t, w, http.StatusOK)
	token := phoneToken(t, w)
	// Asking again at once: refused with when to retry, still on the code step.
	w = b.post("/login/sms-code", url.Values{"phone_token": {token}})
	expect(t, w, http.StatusTooManyRequests, "秒后重试", `name="code"`)
	expect(t, b.post("/login/resident", url.Values{"phone_token": {token}, "code": {""}}), http.StatusBadRequest, "验证码不能为空")
	expect(t, b.post("/login/resident", url.Values{"phone_token": {token}, "code": {"12ab"}}), http.StatusBadRequest, "请输入6位数字验证码")

	// Guessing burns the code.
	good, _ := s.f.sms.LastCode(testPhone)
	for i := 0; i < 4; i++ {
		expect(t, b.post("/login/resident", url.Values{"phone_token": {token}, "code": {wrongCode(good)}}), http.StatusBadRequest, "验证码错误")
	}
	expect(t, b.post("/login/resident", url.Values{"phone_token": {token}, "code": {wrongCode(good)}}),
		http.StatusTooManyRequests, "验证码错误次数过多")
	expect(t, b.post("/login/resident", url.Values{"phone_token": {token}, "code": {good}}),
		http.StatusTooManyRequests, "验证码错误次数过多")

	// A new code, left to expire.
	s.f.clock.Advance(2 * time.Minute)
	w = b.post("/login/sms-code", url.Values{"phone_token": {token}})
	expect(t, w, http.StatusOK, "验证码已发送")
	code, _ := s.f.sms.LastCode(testPhone)
	s.f.clock.Advance(6 * time.Minute)
	expect(t, b.post("/login/resident", url.Values{"phone_token": {token}, "code": {code}}), http.StatusBadRequest,
		"验证码已失效，请重新获取")

	// The phone token itself expires.
	s.f.clock.Advance(time.Hour)
	expect(t, b.post("/login/sms-code", url.Values{"phone_token": {token}}), http.StatusBadRequest, "请重新输入手机号码")
}

func TestSignInFormsNeedTheCSRFToken(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)
	b.get("/login")
	expect(t, b.postRaw("/login/sms-code", url.Values{"phone": {testPhone}}), http.StatusForbidden, "页面已过期")
	expect(t, b.postRaw("/login/resident", url.Values{"phone": {testPhone}, "code": {"123456"}}), http.StatusForbidden)
	expect(t, b.postRaw("/console/login", url.Values{"username": {adminName}, "password": {adminPass}}), http.StatusForbidden)
	if len(s.f.sms.Messages()) != 0 {
		t.Fatal("a code was sent without a CSRF token")
	}
	b.signInResident(testPhone)
	w := b.postRaw("/logout", url.Values{})
	expect(t, w, http.StatusForbidden)
	expect(t, b.postRaw("/logout", url.Values{web.CSRFField: {"not-the-token"}}), http.StatusForbidden)
	expect(t, b.get("/account"), http.StatusOK, "138****5678") // still signed in
}

func TestLoginPageRoutesConsoleVisitorsAndSignedInPeople(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)
	expectRedirect(t, b.get("/login?next=%2Fconsole%2Fstaff"), "/console/login?next=%2Fconsole%2Fstaff")
	expect(t, b.get("/login?next=https%3A%2F%2Fevil.example%2F"), http.StatusOK, `name="next" value=""`)
	b.signInResident(testPhone)
	expectRedirect(t, b.get("/login"), "/account")
	expectRedirect(t, b.get("/login?next=%2F%2Fevil.example"), "/account")
}
