package supervision

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

// call sends a JSON request as who, with an Idempotency-Key when key is set.
func (s *site) call(method, path, who string, body any, key string) *httptest.ResponseRecorder {
	r := webtest.RequestJSON(method, path, who, body)
	if key != "" {
		r.Header.Set(web.IdempotencyHeader, key)
	}
	return webtest.Serve(s.rt, r)
}

func TestInspectorAPI(t *testing.T) {
	s := newSite(t)
	task := s.commitmentTask(t, 1, "仙林街道")
	path := "/api/v1/inspections/tasks/" + itoa(task.ID)
	w := s.call("POST", path+"/photos", "xl", PhotoInput{Name: "门头.png", Data: pngBytes()}, "")
	var photo Photo
	if w.Code != 201 || json.Unmarshal(w.Body.Bytes(), &photo) != nil || photo.ID == "" {
		t.Fatalf("photo: %d %s", w.Code, w.Body.String())
	}
	good := compliant(task)
	good.Photos = []string{photo.ID}
	outside := compliant(task)
	outside.Lat, outside.Lng = 31.23, 121.47
	short := compliant(task)
	short.Checks = short.Checks[:1]
	steps := []struct {
		method, path, who string
		body              any
		key               string
		status            int
		contains          string
	}{
		{"GET", "/api/v1/inspections/tasks?lat=32.1&lng=118.9", "xl", nil, "", 200, `"total":1`},
		{"GET", "/api/v1/inspections/tasks?lat=32.1&lng=118.9", "xl", nil, "", 200, `"entity_name":"栖霞小厨餐饮店"`},
		{"GET", "/api/v1/inspections/tasks", "yh", nil, "", 200, `"items":[]`},
		{"GET", "/api/v1/inspections/tasks?lat=north&lng=118.9", "xl", nil, "", 400, `"lat"`},
		{"GET", "/api/v1/inspections/tasks?lat=32.1", "xl", nil, "", 400, `"lat"`},
		{"GET", "/api/v1/inspections/tasks?limit=0", "xl", nil, "", 400, `"limit"`},
		{"GET", "/api/v1/inspections/tasks", "approver", nil, "", 403, ""},
		{"GET", "/api/v1/inspections/tasks", "", nil, "", 401, ""},
		{"GET", path, "xl", nil, "", 200, `"checklist"`},
		{"GET", path, "leader", nil, "", 200, `"state":"open"`},
		{"GET", path, "yh", nil, "", 404, ""},
		{"GET", "/api/v1/inspections/tasks/x", "xl", nil, "", 400, `"id"`},
		{"POST", path + "/photos", "yh", PhotoInput{Data: pngBytes()}, "", 403, ""},
		{"POST", path + "/photos", "xl", PhotoInput{Data: []byte("not an image")}, "", 400, `"data"`},
		{"POST", path + "/visit", "yh", good, "", 403, ""},
		{"POST", path + "/visit", "leader", good, "", 403, ""},
		{"POST", path + "/visit", "xl", outside, "", 400, `"position"`},
		{"POST", path + "/visit", "xl", short, "", 400, `"checks"`},
		{"POST", path + "/visit", "xl", good, "k1", 201, `"state":"done"`},
		{"POST", path + "/visit", "xl", good, "k1", 201, `"outcome":"compliant"`}, // replayed, not refused
		{"POST", path + "/visit", "xl", good, "k2", 409, ""},
		{"POST", path + "/visit", "xl", good, "", 409, ""},
		{"POST", path + "/photos", "xl", PhotoInput{Data: pngBytes()}, "", 409, ""},
		{"GET", "/api/v1/supervision/overview", "leader", nil, "", 200, `"name":"仙林街道"`},
		{"GET", "/api/v1/supervision/overview", "xl", nil, "", 403, ""},
	}
	for i, st := range steps {
		w := s.call(st.method, st.path, st.who, st.body, st.key)
		if w.Code != st.status || !strings.Contains(w.Body.String(), st.contains) {
			t.Fatalf("step %d %s %s as %q: %d %s", i, st.method, st.path, st.who, w.Code, w.Body.String())
		}
	}
	var visits int
	if err := s.d.QueryRow(s.ctx, `SELECT COUNT(*) FROM inspection_visits`).Scan(&visits); err != nil || visits != 1 {
		t.Fatalf("visits = %d, %v", visits, err)
	}
}

func TestPublicEntityPagesAndAPI(t *testing.T) {
	s := newSite(t)
	task := s.commitmentTask(t, 1, "仙林街道")
	if _, err := s.s.RecordVisit(s.ctx, inspector(7, s.streets["仙林街道"]), task.ID, compliant(task)); err != nil {
		t.Fatal(err)
	}
	code := foodShop("")["credit_code"].(string)
	tests := []struct {
		path, who string
		status    int
		contains  string
	}{
		{EntitiesPath, "", 200, "统一社会信用代码"},
		{EntitiesPath + "?q=123", "", 400, "统一社会信用代码应为18位"},
		{EntitiesPath + "?q=" + goodID, "", 400, "自然人信息不予公示"},
		{EntitiesPath + "?q=" + strings.ToLower(code), "", 303, ""},
		{EntityPath(code), "", 200, "栖霞小厨餐饮店"},
		{EntityPath(code), "xl", 200, "符合要求"},
		{EntityPath(credit.MakeEntityCode(98)), "", 404, "没有统一社会信用代码为"},
		{EntityPath("9132"), "", 400, "统一社会信用代码"},
		{"/api/v1/entities/" + code, "", 200, `"street":"仙林街道"`},
		{"/api/v1/entities/123", "", 400, `"code"`},
	}
	for _, tt := range tests {
		w := s.do("GET", tt.path, tt.who, nil, "")
		body := w.Body.String()
		if w.Code != tt.status || !strings.Contains(body, tt.contains) {
			t.Fatalf("%s: %d %s", tt.path, w.Code, body)
		}
		// Neither the inspector, nor the findings, nor the applicant (a
		// signed-in viewer sees their own name in the page's header).
		for _, secret := range []string{"检查员", "现场与登记一致", "王小栖", goodID} {
			if w.Code == 200 && tt.who == "" && strings.Contains(body, secret) {
				t.Errorf("%s shows %q", tt.path, secret)
			}
		}
	}
	if w := s.do("GET", EntitiesPath+"?q="+code, "", nil, ""); w.Header().Get("Location") != EntityPath(code) {
		t.Errorf("search redirects to %q", w.Header().Get("Location"))
	}
}

func TestAPIIsDocumented(t *testing.T) {
	s := newSite(t)
	w := s.call("GET", "/api/v1/openapi.json", "", nil, "")
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string   `json:"operationId"`
			Tags        []string `json:"tags"`
		} `json:"paths"`
	}
	if w.Code != 200 || json.Unmarshal(w.Body.Bytes(), &doc) != nil {
		t.Fatalf("%d %s", w.Code, w.Body.String())
	}
	want := map[string]string{"/inspections/tasks": "get", "/inspections/tasks/{id}": "get",
		"/inspections/tasks/{id}/photos": "post", "/inspections/tasks/{id}/visit": "post",
		"/supervision/overview": "get", "/entities/{code}": "get"}
	for path, method := range want {
		op, ok := doc.Paths[path][method]
		if !ok || op.OperationID == "" || len(op.Tags) != 1 || op.Tags[0] != "批管同步" {
			t.Errorf("%s %s: %+v", method, path, op)
		}
	}
}
