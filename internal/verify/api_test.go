package verify_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// site is the verification API on a real router with identity sessions.
type site struct {
	f    *fixture
	rt   *web.Router
	logs *syncBuffer
	seen strings.Builder
}

func newSite(t testing.TB) *site {
	t.Helper()
	s := &site{f: newFixture(t), logs: &syncBuffer{}}
	rd, err := web.NewRenderer(identity.Templates)
	if err != nil {
		t.Fatal(err)
	}
	s.rt, err = web.New(web.Config{DB: s.f.d, Renderer: rd, Sessions: s.f.id.WebSessions(),
		CSRFKey: bytes.Repeat([]byte("c"), 32), InsecureCookies: true, Version: "test",
		Logger: slog.New(slog.NewJSONHandler(s.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	verify.NewHandlers(s.f.s).Register(s.rt)
	return s
}

// client is a signed-in phone: its session cookie and CSRF token.
type client struct {
	t           testing.TB
	s           *site
	token, csrf string
}

func (s *site) client(t testing.TB, phone string) *client {
	t.Helper()
	if err := s.f.id.RequestSMSCode(s.f.ctx, district, phone, testIP); err != nil {
		t.Fatal(err)
	}
	code, _ := s.f.sms.LastCode(phone)
	sess, token, err := s.f.id.LoginResident(s.f.ctx, district, phone, code, testIP)
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, s: s, token: token, csrf: sess.CSRFToken}
}

func (c *client) do(method, path, contentType string, body io.Reader) *httptest.ResponseRecorder {
	c.t.Helper()
	r := httptest.NewRequest(method, "http://shanzhi.test/api/v1"+path, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: c.token})
		r.Header.Set(web.CSRFHeader, c.csrf)
	}
	w := httptest.NewRecorder()
	c.s.rt.ServeHTTP(w, r)
	fmt.Fprintf(&c.s.seen, "%d %s\n", w.Code, w.Body.String())
	return w
}

func (c *client) json(method, path, body string) *httptest.ResponseRecorder {
	c.t.Helper()
	return c.do(method, path, "application/json", strings.NewReader(body))
}

// face posts img as the multipart field field.
func (c *client) face(id, field string, img []byte) *httptest.ResponseRecorder {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile(field, "face.jpg")
	_, _ = fw.Write(img)
	_ = mw.Close()
	return c.do(http.MethodPost, "/verifications/"+id+"/face", mw.FormDataContentType(), &b)
}

func resourceOf(t testing.TB, w *httptest.ResponseRecorder, status int) verify.VerificationResource {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body.String())
	}
	var v verify.VerificationResource
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func errorOf(t testing.TB, w *httptest.ResponseRecorder, status int, field string) web.ErrorDetail {
	t.Helper()
	var b web.ErrorBody
	if w.Code != status || json.Unmarshal(w.Body.Bytes(), &b) != nil || b.Error.Code == "" {
		t.Fatalf("status %d, want %d with an error envelope: %s", w.Code, status, w.Body.String())
	}
	if field != "" && b.Error.Fields[field] == "" {
		t.Fatalf("error does not name %s: %s", field, w.Body.String())
	}
	return b.Error
}

func TestAPIPhoneFlow(t *testing.T) {
	s := newSite(t)
	c := s.client(t, phoneA)
	v := resourceOf(t, c.json(http.MethodPost, "/verifications", `{"purpose":"application:1024"}`), http.StatusCreated)
	if v.Level != 1 || v.NextStep != "carrier" || v.Status != "open" || v.CarrierAttemptsLeft != 5 {
		t.Fatalf("started %+v", v)
	}
	errorOf(t, c.json(http.MethodPost, "/verifications", `{"purpose":""}`), http.StatusBadRequest, "purpose")

	path := "/verifications/" + v.ID
	body := fmt.Sprintf(`{"name":"张三","id_number":%q,"phone":%q}`, idBadCheck, phoneA)
	errorOf(t, c.json(http.MethodPost, path+"/carrier", body), http.StatusBadRequest, "id_number")
	errorOf(t, c.face(v.ID, "image", pngImage(t, "")), http.StatusConflict, "")

	body = fmt.Sprintf(`{"name":"张三","id_number":%q,"phone":%q}`, idA, phoneA)
	v = resourceOf(t, c.json(http.MethodPost, path+"/carrier", body), http.StatusOK)
	if v.Level != 1 || v.NextStep != "sms" || v.Phone != "138****5678" || v.Name != "张*" || len(v.Checks) != 1 {
		t.Fatalf("after carrier %+v", v)
	}
	errorOf(t, c.face(v.ID, "image", pngImage(t, "")), http.StatusConflict, "")
	errorOf(t, c.json(http.MethodPost, path+"/sms/check", `{"code":"123456"}`), http.StatusBadRequest, "code")
	v = resourceOf(t, c.json(http.MethodPost, path+"/sms", ``), http.StatusOK)
	if v.SMSSendsLeft != 4 || v.SMSAttemptsLeft != 5 || v.SMSExpiresAt == nil || v.SMSResendAt == nil || v.NextStep != "sms" {
		t.Fatalf("after sending the code %+v", v)
	}
	errorOf(t, c.json(http.MethodPost, path+"/sms", ``), http.StatusTooManyRequests, "")
	code, _ := s.f.sms.LastCode(phoneA)
	errorOf(t, c.json(http.MethodPost, path+"/sms/check", `{"code":"12a456"}`), http.StatusBadRequest, "code")
	e := errorOf(t, c.json(http.MethodPost, path+"/sms/check", fmt.Sprintf(`{"code":%q}`, otherCode(code))), http.StatusBadRequest, "code")
	if e.Fields["code"] != "验证码不正确，还可以尝试4次" {
		t.Fatalf("wrong code: %q", e.Fields["code"])
	}
	v = resourceOf(t, c.json(http.MethodPost, path+"/sms/check", fmt.Sprintf(`{"code":%q}`, code)), http.StatusOK)
	if v.Level != 2 || v.NextStep != "face" || v.SMSPassedAt == nil {
		t.Fatalf("after the code %+v", v)
	}
	errorOf(t, c.json(http.MethodPost, path+"/sms/check", fmt.Sprintf(`{"code":%q}`, code)), http.StatusConflict, "")

	errorOf(t, c.face(v.ID, "image", []byte("plain text, not a picture")), http.StatusBadRequest, "image")
	errorOf(t, c.face(v.ID, "image", append(pngImage(t, ""), make([]byte, 1<<20)...)), http.StatusBadRequest, "image")
	errorOf(t, c.face(v.ID, "photo", jpegImage(t)), http.StatusBadRequest, "image")
	errorOf(t, c.json(http.MethodPost, path+"/face", `{"image":"x"}`), http.StatusBadRequest, "image")
	e = errorOf(t, c.face(v.ID, "image", pngImage(t, verify.FaceMarkerFail)), http.StatusBadRequest, "image")
	if !strings.Contains(e.Message, "还可尝试4次") {
		t.Fatalf("face mismatch: %q", e.Message)
	}
	v = resourceOf(t, c.face(v.ID, "image", jpegImage(t)), http.StatusOK)
	if v.Level != 3 || v.NextStep != "" || v.FaceAttemptsLeft != 3 || len(v.Checks) != 3 {
		t.Fatalf("after face %+v", v)
	}
	got := resourceOf(t, c.do(http.MethodGet, path, "", nil), http.StatusOK)
	if got.Level != 3 || got.ID != v.ID {
		t.Fatalf("get %+v", got)
	}
	errorOf(t, c.do(http.MethodGet, "/verifications/nope", "", nil), http.StatusNotFound, "")

	all := s.seen.String() + s.logs.String() + s.f.logs.String()
	for _, leak := range []string{idA, phoneA, "张三", code} {
		if strings.Contains(all, leak) {
			t.Fatalf("%s appears in a response or log", leak)
		}
	}
}

// TestAPIPermissions: only the account itself may act on its verification.
func TestAPIPermissions(t *testing.T) {
	s := newSite(t)
	owner := s.client(t, phoneA)
	other := s.client(t, phoneB)
	anon := &client{t: t, s: s}
	v := resourceOf(t, owner.json(http.MethodPost, "/verifications", `{"purpose":"application:1"}`), http.StatusCreated)
	path := "/verifications/" + v.ID

	resourceOf(t, owner.do(http.MethodGet, path, "", nil), http.StatusOK)
	errorOf(t, other.do(http.MethodGet, path, "", nil), http.StatusForbidden, "")
	body := fmt.Sprintf(`{"name":"张三","id_number":%q,"phone":%q}`, idA, phoneB)
	errorOf(t, other.json(http.MethodPost, path+"/carrier", body), http.StatusForbidden, "")
	errorOf(t, other.face(v.ID, "image", pngImage(t, "")), http.StatusForbidden, "")
	errorOf(t, other.json(http.MethodPost, path+"/sms", ``), http.StatusForbidden, "")
	errorOf(t, other.json(http.MethodPost, path+"/sms/check", `{"code":"123456"}`), http.StatusForbidden, "")
	errorOf(t, anon.json(http.MethodPost, path+"/sms", ``), http.StatusUnauthorized, "")
	errorOf(t, anon.do(http.MethodGet, path, "", nil), http.StatusUnauthorized, "")
	errorOf(t, anon.json(http.MethodPost, "/verifications", `{"purpose":"application:1"}`), http.StatusUnauthorized, "")
	// A cookie session without its CSRF token is refused.
	noCSRF := *owner
	noCSRF.csrf = "wrong"
	errorOf(t, noCSRF.json(http.MethodPost, "/verifications", `{"purpose":"application:1"}`), http.StatusForbidden, "")
	errorOf(t, noCSRF.json(http.MethodPost, path+"/sms", ``), http.StatusForbidden, "")
	// may: the owner sends and enters the code once the carrier check passed.
	body = fmt.Sprintf(`{"name":"张三","id_number":%q,"phone":%q}`, idA, phoneA)
	resourceOf(t, owner.json(http.MethodPost, path+"/carrier", body), http.StatusOK)
	resourceOf(t, owner.json(http.MethodPost, path+"/sms", ``), http.StatusOK)
	code, _ := s.f.sms.LastCode(phoneA)
	errorOf(t, other.json(http.MethodPost, path+"/sms/check", fmt.Sprintf(`{"code":%q}`, code)), http.StatusForbidden, "")
	if v := resourceOf(t, owner.json(http.MethodPost, path+"/sms/check", fmt.Sprintf(`{"code":%q}`, code)), http.StatusOK); v.Level != 2 {
		t.Fatalf("owner's code: level %d", v.Level)
	}
}

func TestAPIDocumented(t *testing.T) {
	s := newSite(t)
	doc, err := json.Marshal(s.rt.OpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"startVerification", "checkCarrier", "sendVerificationCode", "checkVerificationCode",
		"checkFace", "getVerification"} {
		if !bytes.Contains(doc, []byte(`"operationId":"`+id+`"`)) {
			t.Errorf("%s not in the OpenAPI document", id)
		}
	}
}
