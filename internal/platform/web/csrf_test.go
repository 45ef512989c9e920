package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// anonPost builds an anonymous form post to path carrying a genuine
// anonymous cookie and its token.
func anonPost(t *testing.T, h *harness, path string) *http.Request {
	t.Helper()
	token := h.rt.anon.issue(h.clock.Now())
	r := formReq("POST", path, "", url.Values{CSRFField: {token}})
	r.AddCookie(&http.Cookie{Name: AnonCSRFCookie, Value: token})
	return r
}

func formReq(method, path, who string, v url.Values) *http.Request {
	r := req(method, path, who, strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, m := range []string{"POST", "PUT", "PATCH", "DELETE"} {
		h.rt.Page(m+" /submit", okHandler)
	}
	h.rt.API(Op{Method: "POST", Path: "/submit", OperationID: "submit", Summary: "提交",
		Responses: map[int]Response{200: {Description: "好"}}}, okHandler)

	anon := h.rt.anon.issue(h.clock.Now())
	other := h.rt.anon.issue(h.clock.Now())
	forged := anon[:len(anon)-4] + "AAAA"
	withAnon := func(r *http.Request, cookie string) *http.Request {
		r.AddCookie(&http.Cookie{Name: AnonCSRFCookie, Value: cookie})
		return r
	}
	multi := func(who, token string) *http.Request {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		_ = mw.WriteField(CSRFField, token)
		fw, _ := mw.CreateFormFile("file", "a.txt")
		_, _ = fw.Write([]byte("content"))
		_ = mw.Close()
		r := req("POST", "/submit", who, &b)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		return r
	}
	tests := []struct {
		name   string
		r      func() *http.Request
		status int
	}{
		{"anonymous without anything", func() *http.Request { return formReq("POST", "/submit", "", nil) }, 403},
		{"anonymous with cookie and its token", func() *http.Request {
			return withAnon(formReq("POST", "/submit", "", url.Values{CSRFField: {anon}}), anon)
		}, 200},
		{"anonymous token in the header", func() *http.Request {
			return withHeader(withAnon(req("DELETE", "/submit", "", nil), anon), CSRFHeader, anon)
		}, 200},
		{"anonymous cookie without form token", func() *http.Request {
			return withAnon(formReq("POST", "/submit", "", nil), anon)
		}, 403},
		{"token of another visitor", func() *http.Request {
			return withAnon(formReq("POST", "/submit", "", url.Values{CSRFField: {other}}), anon)
		}, 403},
		{"forged cookie and token", func() *http.Request {
			return withAnon(formReq("POST", "/submit", "", url.Values{CSRFField: {forged}}), forged)
		}, 403},
		{"session token in the form", func() *http.Request {
			return formReq("POST", "/submit", "tok-resident", url.Values{CSRFField: {"csrf-7"}})
		}, 200},
		{"session token in the header", func() *http.Request {
			return withHeader(req("PUT", "/submit", "tok-resident", nil), CSRFHeader, "csrf-7")
		}, 200},
		{"another session's token", func() *http.Request {
			return formReq("PATCH", "/submit", "tok-resident", url.Values{CSRFField: {"csrf-8"}})
		}, 403},
		{"anonymous token while signed in", func() *http.Request {
			return withAnon(formReq("POST", "/submit", "tok-resident", url.Values{CSRFField: {anon}}), anon)
		}, 403},
		{"token only in the query string", func() *http.Request {
			return formReq("POST", "/submit?csrf_token=csrf-7", "tok-resident", nil)
		}, 403},
		{"multipart with token", func() *http.Request { return multi("tok-resident", "csrf-7") }, 200},
		{"multipart without token", func() *http.Request { return multi("tok-resident", "") }, 403},
		{"api with session but no header", func() *http.Request {
			return jsonReq("POST", "/api/v1/submit", "tok-resident", `{}`)
		}, 403},
		{"api with session and header", func() *http.Request {
			return withHeader(jsonReq("POST", "/api/v1/submit", "tok-resident", `{}`), CSRFHeader, "csrf-7")
		}, 200},
		{"api session token in a form field is not enough", func() *http.Request {
			r := formReq("POST", "/api/v1/submit", "tok-resident", url.Values{CSRFField: {"csrf-7"}})
			return r
		}, 403},
		{"api with key needs no token", func() *http.Request {
			return withHeader(jsonReq("POST", "/api/v1/submit", "", `{}`), "Authorization", "Bearer secret-key-1")
		}, 200},
		{"api without any cookie needs no token", func() *http.Request {
			return jsonReq("POST", "/api/v1/submit", "", `{}`)
		}, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := h.do(tc.r())
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body.String())
			}
			if tc.status == 403 && !strings.Contains(w.Body.String(), msgCSRF) {
				t.Errorf("403 lacks the Chinese message: %s", w.Body.String())
			}
		})
	}
}

func TestCSRFAnonymousTokenExpires(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.Page("POST /submit", okHandler)
	token := h.rt.anon.issue(h.clock.Now())
	post := func() int {
		r := formReq("POST", "/submit", "", url.Values{CSRFField: {token}})
		r.AddCookie(&http.Cookie{Name: AnonCSRFCookie, Value: token})
		return h.do(r).Code
	}
	h.clock.Advance(anonTokenLife - time.Minute)
	if got := post(); got != 200 {
		t.Fatalf("token within its life refused: %d", got)
	}
	h.clock.Advance(2 * time.Minute)
	if got := post(); got != 403 {
		t.Fatalf("expired token accepted: %d", got)
	}
}

func TestCSRFFormSizeLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(c *Config) { c.MaxFormBytes = 1024 })
	h.rt.Page("POST /submit", okHandler)
	big := url.Values{CSRFField: {"csrf-7"}, "text": {strings.Repeat("长", 1000)}}
	w := h.do(formReq("POST", "/submit", "tok-resident", big))
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "提交的内容过大") {
		t.Fatalf("oversized form: %d %s", w.Code, w.Body.String())
	}
}

func TestAnonSigner(t *testing.T) {
	t.Parallel()
	s := anonSigner{key: testKey}
	now := t0
	tok := s.issue(now)
	if _, ok := s.verify(tok, now); !ok {
		t.Fatal("fresh token refused")
	}
	other := anonSigner{key: bytes.Repeat([]byte("z"), 32)}
	if _, ok := other.verify(tok, now); ok {
		t.Error("token verified under another key")
	}
	for i := range tok {
		if tok[i] == '.' {
			continue
		}
		b := []byte(tok)
		b[i] ^= 0x01
		if _, ok := s.verify(string(b), now); ok {
			t.Fatalf("token with byte %d flipped verified", i)
		}
	}
	for _, bad := range []string{"", ".", "abc", "a.b", strings.Repeat("A", 200) + "." + "B"} {
		if _, ok := s.verify(bad, now); ok {
			t.Errorf("%q verified", bad)
		}
	}
}
