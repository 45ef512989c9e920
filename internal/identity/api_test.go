package identity_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

func TestAPIResidentSession(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)

	w := b.api(http.MethodGet, "/me", "", "")
	if w.Code != http.StatusUnauthorized || envelopeOf(t, w).Code != apperr.CodeUnauthorized {
		t.Fatalf("/me anonymous: %d %s", w.Code, w.Body.String())
	}
	w = b.api(http.MethodPost, "/sessions/sms-code", `{"phone":"138 1234 5678"}`, "")
	expect(t, w, http.StatusOK)
	if sent := decode[identity.SMSCodeSent](t, w.Body.Bytes()); sent.Phone != "138****5678" || sent.ExpiresInSeconds != 300 || sent.ResendInSeconds != 60 {
		t.Fatalf("sent %+v", sent)
	}
	w = b.api(http.MethodPost, "/sessions/sms-code", `{"phone":"12"}`, "")
	if e := envelopeOf(t, w); w.Code != http.StatusBadRequest || e.Fields["phone"] == "" {
		t.Fatalf("bad phone: %d %+v", w.Code, e)
	}
	w = b.api(http.MethodPost, "/sessions/sms-code", `{"phone":"13812345678"}`, "")
	if e := envelopeOf(t, w); w.Code != http.StatusTooManyRequests || !strings.Contains(e.Message, "秒后重试") {
		t.Fatalf("second code at once: %d %+v", w.Code, e)
	}
	// Anonymous calls may not use Idempotency-Key.
	w = b.api(http.MethodPost, "/sessions/resident", `{"phone":"13812345678","code":"000000"}`, "", web.IdempotencyHeader, "k-1")
	if e := envelopeOf(t, w); w.Code != http.StatusBadRequest || e.Fields[web.IdempotencyHeader] == "" {
		t.Fatalf("anonymous idempotency key: %d %+v", w.Code, e)
	}

	good, _ := s.f.sms.LastCode(testPhone)
	w = b.api(http.MethodPost, "/sessions/resident", fmt.Sprintf(`{"phone":%q,"code":%q}`, testPhone, wrongCode(good)), "")
	if e := envelopeOf(t, w); w.Code != http.StatusBadRequest || !strings.Contains(e.Fields["code"], "还可尝试") {
		t.Fatalf("wrong code: %d %+v", w.Code, e)
	}
	w = b.api(http.MethodPost, "/sessions/resident", fmt.Sprintf(`{"phone":%q,"code":%q}`, testPhone, good), "")
	expect(t, w, http.StatusCreated)
	sess := decode[identity.SessionResource](t, w.Body.Bytes())
	if sess.CSRFToken == "" || sess.Account.Phone != "138****5678" || sess.Account.Kind != "resident" ||
		!sess.ExpiresAt.Equal(s.f.clock.Now().Add(30*24*time.Hour).Truncate(time.Microsecond)) || cookieOf(w, web.SessionCookie) == nil {
		t.Fatalf("session %+v", sess)
	}

	me := decode[identity.AccountResource](t, b.api(http.MethodGet, "/me", "", "").Body.Bytes())
	if me.Phone != "138****5678" || len(me.Roles) != 1 || me.Roles[0].Role != "resident" || me.Roles[0].ScopeKind != "self" {
		t.Fatalf("me %+v", me)
	}

	body := fmt.Sprintf(`{"name":"张三","id_number":%q}`, testID)
	if w := b.api(http.MethodPut, "/me/real-name", body, ""); w.Code != http.StatusForbidden {
		t.Fatalf("PUT without CSRF header: %d", w.Code)
	}
	w = b.api(http.MethodPut, "/me/real-name", `{"name":"张三","id_number":"320113199001011230"}`, sess.CSRFToken)
	if e := envelopeOf(t, w); w.Code != http.StatusBadRequest || e.Fields["id_number"] == "" {
		t.Fatalf("bad id: %d %+v", w.Code, e)
	}
	w = b.api(http.MethodPut, "/me/real-name", `{"name":"张三","id_number":"x","extra":1}`, sess.CSRFToken)
	if e := envelopeOf(t, w); w.Code != http.StatusBadRequest || e.Fields["extra"] == "" {
		t.Fatalf("unknown field: %d %+v", w.Code, e)
	}
	w = b.api(http.MethodPut, "/me/real-name", `{"name":"`+strings.Repeat("名", 65)+`","id_number":"x"}`, sess.CSRFToken)
	if e := envelopeOf(t, w); w.Code != http.StatusBadRequest || e.Fields["name"] == "" {
		t.Fatalf("long name: %d %+v", w.Code, e)
	}
	w = b.api(http.MethodPut, "/me/real-name", body, sess.CSRFToken)
	expect(t, w, http.StatusOK, gm.MaskIDNumber(testID), `"real_name":"张三"`)

	if w := b.api(http.MethodDelete, "/sessions/current", "", ""); w.Code != http.StatusForbidden {
		t.Fatalf("DELETE without CSRF header: %d", w.Code)
	}
	w = b.api(http.MethodDelete, "/sessions/current", "", sess.CSRFToken)
	if w.Code != http.StatusNoContent {
		t.Fatalf("logout: %d %s", w.Code, w.Body.String())
	}
	if w := b.api(http.MethodGet, "/me", "", ""); w.Code != http.StatusUnauthorized {
		t.Fatalf("/me after logout: %d", w.Code)
	}
}

func TestAPIStaffSession(t *testing.T) {
	s := newSite(t)
	s.staffAccount(t, "desk1", authz.Grant{Role: authz.RoleFrontDesk, Scope: street1})
	b := s.browser(t)

	w := b.api(http.MethodPost, "/sessions/staff", `{"username":"desk1","password":"Wrong-pass-1"}`, "")
	e := envelopeOf(t, w)
	if w.Code != http.StatusUnauthorized || e.Code != apperr.CodeUnauthorized || e.Message != "用户名或密码错误" || e.RequestID == "" {
		t.Fatalf("wrong password: %d %+v", w.Code, e)
	}
	w = b.api(http.MethodPost, "/sessions/staff", `{"username":"nobody","password":"Wrong-pass-1"}`, "")
	if e := envelopeOf(t, w); w.Code != http.StatusUnauthorized || e.Message != "用户名或密码错误" {
		t.Fatalf("unknown user: %d %+v", w.Code, e)
	}
	w = b.api(http.MethodPost, "/sessions/staff", `{"username":"desk1","password":1}`, "")
	if e := envelopeOf(t, w); w.Code != http.StatusBadRequest || e.Fields["password"] == "" {
		t.Fatalf("wrong type: %d %+v", w.Code, e)
	}
	w = b.api(http.MethodPost, "/sessions/staff", `{"username":"desk1","password":"`+strings.Repeat("p", 300)+`"}`, "")
	if e := envelopeOf(t, w); w.Code != http.StatusBadRequest || e.Fields["password"] == "" {
		t.Fatalf("long password: %d %+v", w.Code, e)
	}
	w = b.api(http.MethodPost, "/sessions/staff", `{"username":"desk1","password":"`+strings.Repeat("p", 20<<10)+`"}`, "")
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("huge body: %d", w.Code)
	}
	w = b.api(http.MethodPost, "/sessions/staff", fmt.Sprintf(`{"username":"desk1","password":%q}`, staffPass), "")
	expect(t, w, http.StatusCreated, `"username":"desk1"`, `"role":"front_desk"`, `"scope_code":"320113001"`)
	sess := decode[identity.SessionResource](t, w.Body.Bytes())
	if !sess.ExpiresAt.Equal(s.f.clock.Now().Add(12 * time.Hour).Truncate(time.Microsecond)) {
		t.Fatalf("staff session ends %v", sess.ExpiresAt)
	}
	// Signed in: a real name is not for staff.
	w = b.api(http.MethodPut, "/me/real-name", fmt.Sprintf(`{"name":"李四","id_number":%q}`, testID), sess.CSRFToken)
	if w.Code != http.StatusForbidden {
		t.Fatalf("staff real name: %d %s", w.Code, w.Body.String())
	}
	// With a session cookie, even the sign-in operations need the CSRF token.
	w = b.api(http.MethodPost, "/sessions/staff", fmt.Sprintf(`{"username":"desk1","password":%q}`, staffPass), "")
	if w.Code != http.StatusForbidden {
		t.Fatalf("sign-in over a session without CSRF: %d", w.Code)
	}
}

func TestAPIIsDocumented(t *testing.T) {
	s := newSite(t)
	w := s.browser(t).api(http.MethodGet, "/openapi.json", "", "")
	expect(t, w, http.StatusOK)
	var doc struct {
		Paths map[string]map[string]struct {
			Tags        []string `json:"tags"`
			Description string   `json:"description"`
			RequestBody *struct {
				Content map[string]struct {
					Example json.RawMessage `json:"example"`
				} `json:"content"`
			} `json:"requestBody"`
			Responses map[string]struct {
				Content map[string]struct {
					Example json.RawMessage `json:"example"`
				} `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	ops := map[string]string{"/sessions/sms-code": "post", "/sessions/resident": "post", "/sessions/staff": "post",
		"/sessions/current": "delete", "/me": "get", "/me/real-name": "put"}
	for path, method := range ops {
		op, ok := doc.Paths[path][method]
		if !ok || len(op.Tags) != 1 || op.Tags[0] != "身份认证" {
			t.Fatalf("%s %s not documented under 身份认证: %+v", method, path, op)
		}
		if op.RequestBody != nil && len(op.RequestBody.Content["application/json"].Example) == 0 {
			t.Errorf("%s %s: no request example", method, path)
		}
		examples := 0
		for _, r := range op.Responses {
			if len(r.Content["application/json"].Example) > 0 {
				examples++
			}
		}
		if method != "delete" && examples == 0 {
			t.Errorf("%s %s: no response example", method, path)
		}
	}
	if d := doc.Paths["/sessions/resident"]["post"].Description; !strings.Contains(d, "Idempotency-Key") || !strings.Contains(d, "CSRF") {
		t.Errorf("the sign-in operation does not say how CSRF and Idempotency-Key apply: %s", d)
	}
}
