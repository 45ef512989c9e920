package webtest_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

var ann = &authz.Actor{AccountID: 7, Kind: authz.KindResident, Name: "安", District: "320113",
	Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(7)}}}

// whoami answers the caller's name, or "anonymous".
func whoami(w http.ResponseWriter, r *http.Request) {
	name := "anonymous"
	if a := web.ActorFrom(r.Context()); a != nil {
		name = a.Name
	}
	w.Write([]byte(name))
}

func register(rt *web.Router, _ *web.Renderer) {
	rt.Page("GET /whoami", whoami)
	rt.Page("POST /whoami", whoami)
}

// TestDo: a known token signs in and its CSRF header lets a POST through;
// an unknown token is anonymous; without the header the POST is refused.
func TestDo(t *testing.T) {
	rt := webtest.NewRouter(t, dbtest.Open(t, nil), nil, nil, webtest.Sessions{"ann": ann}, register)
	for _, tc := range []struct {
		method, token string
		status        int
		body          string
	}{
		{"GET", "ann", 200, "安"},
		{"POST", "ann", 200, "安"},
		{"GET", "nobody", 200, "anonymous"},
		{"GET", "", 200, "anonymous"},
	} {
		w := webtest.Do(rt, tc.method, "/whoami", tc.token, strings.NewReader(""), webtest.FormCT)
		if w.Code != tc.status || w.Body.String() != tc.body {
			t.Errorf("%s as %q: %d %q", tc.method, tc.token, w.Code, w.Body.String())
		}
	}
	r := webtest.Request("POST", "/whoami", "ann", strings.NewReader(""), webtest.FormCT)
	r.Header.Del(web.CSRFHeader)
	if w := webtest.Serve(rt, r); w.Code != http.StatusForbidden {
		t.Errorf("POST without the CSRF header: %d %q", w.Code, w.Body.String())
	}
}

// keys resolves the API key "good" to ann.
type keys struct{}

func (keys) Lookup(_ context.Context, key string) (*authz.Actor, web.APIKeyInfo, error) {
	if key != "good" {
		return nil, web.APIKeyInfo{}, apperr.NotFound("密钥不存在")
	}
	return ann, web.APIKeyInfo{ID: "key-good"}, nil
}

// TestSiteAPIKeys: a site's API key source signs API callers in.
func TestSiteAPIKeys(t *testing.T) {
	rt := webtest.Site{DB: dbtest.Open(t, nil), APIKeys: keys{}, Register: func(rt *web.Router, _ *web.Renderer) {
		rt.API(web.Op{Method: "GET", Path: "/whoami", OperationID: "whoami", Summary: "我是谁", Auth: true,
			Responses: map[int]web.Response{200: {Description: "名字"}}}, whoami)
	}}.Router(t)
	for key, want := range map[string]int{"good": 200, "bad": 401} {
		r := webtest.Request("GET", "/api/v1/whoami", "", nil, "")
		r.Header.Set("Authorization", "Bearer "+key)
		if w := webtest.Serve(rt, r); w.Code != want || (want == 200 && w.Body.String() != "安") {
			t.Errorf("key %s: %d %q", key, w.Code, w.Body.String())
		}
	}
}

// TestSiteLogger: a site's logger receives the request log.
func TestSiteLogger(t *testing.T) {
	logs := &webtest.LogBuffer{}
	rt := webtest.Site{DB: dbtest.Open(t, nil), Sessions: webtest.Sessions{}, Register: register,
		Logger: slog.New(slog.NewTextHandler(logs, nil))}.Router(t)
	if w := webtest.Do(rt, "GET", "/whoami?x=1", "", nil, ""); w.Code != 200 {
		t.Fatalf("GET: %d", w.Code)
	}
	if !strings.Contains(logs.String(), "/whoami") {
		t.Fatalf("request log %q", logs.String())
	}
}

// TestJSON: the body is v encoded.
func TestJSON(t *testing.T) {
	var b bytes.Buffer
	b.ReadFrom(webtest.JSON(map[string]int{"a": 1}))
	if b.String() != `{"a":1}` {
		t.Fatalf("JSON = %q", b.String())
	}
}

// TestRequestJSON: a value goes as a JSON body with its Content-Type; nil
// sends neither.
func TestRequestJSON(t *testing.T) {
	r := webtest.RequestJSON("POST", "/x", "ann", map[string]int{"a": 1})
	var b bytes.Buffer
	b.ReadFrom(r.Body)
	if b.String() != `{"a":1}` || r.Header.Get("Content-Type") != webtest.JSONCT || r.Header.Get(web.CSRFHeader) != "csrf-ann" {
		t.Fatalf("request %q %v", b.String(), r.Header)
	}
	r = webtest.RequestJSON("GET", "/x", "", nil)
	if r.ContentLength != 0 || r.Header.Get("Content-Type") != "" || len(r.Cookies()) != 0 {
		t.Fatalf("empty request %d %v", r.ContentLength, r.Header)
	}
}
