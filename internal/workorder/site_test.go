package workorder

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// sessions resolves the test's session tokens to actors.
type sessions map[string]*authz.Actor

func (s sessions) Lookup(_ context.Context, token string) (*authz.Actor, web.SessionInfo, error) {
	a, ok := s[token]
	if !ok {
		return nil, web.SessionInfo{}, apperr.New(apperr.CodeUnauthorized, "会话已失效")
	}
	return a, web.SessionInfo{ID: "s-" + token, CSRFToken: "csrf-" + token}, nil
}

// site is the rig behind a router, with a resident ("res"), a front desk
// worker ("desk"), a grid worker of 仙鹤 ("grid"), a leader and an
// administrator, and an API key of the 12345 platform.
type site struct {
	*rig
	rt     *web.Router
	secret string
}

func newSite(t *testing.T) *site {
	t.Helper()
	r := newRig(t)
	return siteOf(t, r, sessions{"res": resident(7), "res2": resident(8), "desk": staff(20, authz.RoleFrontDesk, authz.District(district)),
		"grid":   staff(21, authz.RoleGridWorker, communityScope(r.communities["仙鹤社区"].Code)),
		"leader": staff(23, authz.RoleLeader, authz.District(district)), "admin": admin})
}

// siteOf serves the rig's pages and API to the sessions who, with an API
// key of the 12345 platform.
func siteOf(t *testing.T, r *rig, who sessions) *site {
	t.Helper()
	rd, err := web.NewRenderer(Templates)
	if err != nil {
		t.Fatal(err)
	}
	rd.AddNav(Nav()...)
	rt, err := web.New(web.Config{DB: r.d, Renderer: rd, Sessions: who, APIKeys: r.s, CSRFKey: bytes.Repeat([]byte("k"), 32),
		InsecureCookies: true, Version: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	NewHandlers(r.s, rd, district).Register(rt)
	_, secret, err := r.s.CreateAPIKey(r.ctx, admin, "南京12345热线平台", ChannelHotline)
	if err != nil {
		t.Fatal(err)
	}
	return &site{rig: r, rt: rt, secret: secret}
}

// do sends a request as who (a session token, "key" for the API key, ""
// for nobody).
func (s *site) do(method, target, who string, body io.Reader, ct string, headers ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, body)
	switch who {
	case "":
	case "key":
		r.Header.Set("Authorization", "Bearer "+s.secret)
	default:
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: who})
		r.Header.Set(web.CSRFHeader, "csrf-"+who)
	}
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	s.rt.ServeHTTP(w, r)
	return w
}

// call sends JSON.
func (s *site) call(method, path, who string, body any, headers ...string) *httptest.ResponseRecorder {
	var rd io.Reader
	ct := ""
	if body != nil {
		b, _ := json.Marshal(body)
		rd, ct = bytes.NewReader(b), "application/json"
	}
	return s.do(method, path, who, rd, ct, headers...)
}
