package open311

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

const district = "320113"

// A Monday morning in CST.
var testNow = time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC)

var admin = &authz.Actor{AccountID: 900, Kind: authz.KindStaff, Name: "管理员", District: district,
	Grants: []authz.Grant{{Role: authz.RoleAdmin, Scope: authz.District(district)}}}

// rig is the work-order service over a fresh database with Qixia's
// organisation and the demo categories, behind a router serving Open311,
// with an API key of the 12345 platform.
type rig struct {
	ctx         context.Context
	d           *db.DB
	clock       *clock.Manual
	svc         *workorder.Service
	rt          *web.Router
	secret      string
	communities map[string]workorder.CommunityPlace // by short name
}

func newRig(t testing.TB) *rig {
	t.Helper()
	r := &rig{ctx: context.Background(), clock: clock.NewManual(testNow), communities: map[string]workorder.CommunityPlace{}}
	r.d = dbtest.Open(t, r.clock)
	if _, err := org.ImportDivisions(r.ctx, r.d, district, org.EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	if _, err := org.SeedQixia(r.ctx, r.d); err != nil {
		t.Fatal(err)
	}
	keys, idx := gmtest.Keys(t)
	var err error
	r.svc, err = workorder.New(workorder.Deps{DB: r.d, Keys: keys, Index: idx, Files: files.New(r.d, keys),
		Places: workorder.OrgPlaces{Org: org.New(r.d)}})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := r.svc.SeedDemo(r.ctx, district); err != nil || !ok {
		t.Fatalf("seed demo: %v %v", ok, err)
	}
	r.loadCommunities(t)
	r.rt = webtest.Site{DB: r.d, Templates: workorder.Templates}.Router(t)
	NewHandlers(r.svc, district, WithBaseURL("https://zw.example.gov.cn/")).Register(r.rt)
	if _, r.secret, err = r.svc.CreateAPIKey(r.ctx, admin, "南京12345热线平台", workorder.ChannelHotline); err != nil {
		t.Fatal(err)
	}
	return r
}

// loadCommunities indexes the district's communities by short name, as
// the service's gazetteer lists them.
func (r *rig) loadCommunities(t testing.TB) {
	t.Helper()
	streets, err := r.svc.Gazetteer(r.ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range streets {
		for _, c := range st.Communities {
			r.communities[c.Name] = c
		}
	}
}

// get sends a GET to path (below Prefix).
func (r *rig) get(path string) *httptest.ResponseRecorder {
	return r.send(httptest.NewRequest(http.MethodGet, Prefix+path, nil))
}

// post sends a form POST to requests.<ext>.
func (r *rig) post(ext string, form url.Values) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, Prefix+"/requests."+ext, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	return r.send(req)
}

func (r *rig) send(req *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r.rt.ServeHTTP(w, req)
	return w
}

// parkingForm is a good POST: 停车管理 in 仙鹤社区 with the key.
func (r *rig) parkingForm() url.Values {
	return url.Values{"api_key": {r.secret}, "service_code": {"WY-01"}, "address_id": {r.communities["仙鹤社区"].Code},
		"description": {"小区东门车位长期被外来车辆占用，联系电话13800000001"}, "attribute[issue]": {"occupied"},
		"attribute[plate]": {"苏A12345"}, "first_name": {"三"}, "last_name": {"张"}, "phone": {"13800000001"},
		"email": {"zhang@example.com"}, "address_string": {"仙林街道某小区5栋302室"}}
}

// file posts form and returns the new request's id.
func (r *rig) file(t *testing.T, form url.Values) string {
	t.Helper()
	w := r.post("json", form)
	if w.Code != http.StatusCreated {
		t.Fatalf("post: %d %s", w.Code, w.Body)
	}
	var out []map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || len(out) != 1 {
		t.Fatalf("post answer %s: %v", w.Body, err)
	}
	return out[0]["service_request_id"].(string)
}

// exec runs a statement against the rig's database.
func (r *rig) exec(t testing.TB, q string, args ...any) {
	t.Helper()
	err := r.d.InTx(r.ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(r.ctx, q, args...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// decodeJSON decodes a response body keeping numbers apart from integers.
func decodeJSON(t testing.TB, body []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("json %s: %v", body, err)
	}
	return v
}

// decodeXML parses a response body into v, checking the declaration.
func decodeXML(t testing.TB, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "text/xml; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	if !strings.HasPrefix(w.Body.String(), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration: %.60s", w.Body)
	}
	if err := xml.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("xml %s: %v", w.Body, err)
	}
}

func newRequest(method, target string) *http.Request { return httptest.NewRequest(method, target, nil) }

// checkErrors checks an errors document: its format, its schema, and that
// every code is the status.
func checkErrors(t testing.TB, w *httptest.ResponseRecorder, isJSON bool, status int) {
	t.Helper()
	var codes []int
	if isJSON {
		if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("content type %q", ct)
		}
		for _, e := range checkJSON(t, w.Body.Bytes(), arrayOf(errorSchema)).([]any) {
			n, _ := e.(map[string]any)["code"].(json.Number).Int64()
			codes = append(codes, int(n))
		}
	} else {
		var x struct {
			XMLName xml.Name `xml:"errors"`
			Errors  []struct {
				Code        int    `xml:"code"`
				Description string `xml:"description"`
			} `xml:"error"`
		}
		decodeXML(t, w, &x)
		for _, e := range x.Errors {
			if e.Description == "" {
				t.Errorf("error without description: %s", w.Body)
			}
			codes = append(codes, e.Code)
		}
	}
	if len(codes) == 0 {
		t.Errorf("no errors: %s", w.Body)
	}
	for _, c := range codes {
		if c != status {
			t.Errorf("error code %d, status %d", c, status)
		}
	}
}
