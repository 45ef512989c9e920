package seal_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/seal"
)

func (f *fixture) router(t *testing.T) *web.Router {
	t.Helper()
	rd, err := web.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	rt, err := web.New(web.Config{DB: f.d, Renderer: rd, CSRFKey: bytes.Repeat([]byte("k"), 32),
		InsecureCookies: true, Version: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	seal.NewHandlers(f.s, district).Register(rt)
	return rt
}

func get(rt *web.Router, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	rt.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	return w
}

func TestPublicEndpoints(t *testing.T) {
	f := newFixture(t)
	rt := f.router(t)
	for _, p := range []string{"/api/v1/seal/root.pem", "/api/v1/seal/revoked"} {
		if w := get(rt, p); w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "shanzhi ca init") {
			t.Fatalf("%s before init: %d %s", p, w.Code, w.Body)
		}
	}
	f.withRoot(t)
	sd := f.seal(t, dept, licence)
	w := get(rt, "/api/v1/seal/root.pem")
	want, _ := f.s.RootPEM(f.ctx, district)
	if w.Code != http.StatusOK || w.Body.String() != want || w.Header().Get("Content-Type") != "application/x-pem-file" {
		t.Fatalf("root.pem: %d %q %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	if _, err := f.s.Revoke(f.ctx, admin(), seal.Revocation{KeyID: sd.KeyID, Reason: "key_compromise"}); err != nil {
		t.Fatal(err)
	}
	w = get(rt, "/api/v1/seal/revoked")
	var list seal.RevokedList
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &list) != nil {
		t.Fatalf("revoked: %d %s", w.Code, w.Body)
	}
	if list.District != district || len(list.Keys) != 1 || list.Keys[0].KeyID != sd.KeyID || list.Keys[0].Serial != sd.CertSerial {
		t.Fatalf("revoked list %+v", list)
	}
}
