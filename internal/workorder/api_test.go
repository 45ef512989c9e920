package workorder

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

func TestAPI(t *testing.T) {
	s := newSite(t)
	xh := s.communities["仙鹤社区"].Code
	good := map[string]any{"category": "CG-03", "description": "菜场门口流动摊贩占道经营", "fields": map[string]any{"kind": "vendor"},
		"lat": 32.1, "lng": 118.92, "requester": map[string]any{"phone": "13800000001"}, "external_ref": "12345-0001"}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range good {
			m[kk] = vv
		}
		m[k] = v
		return m
	}
	w := s.call("POST", "/api/v1/workorders/photos", "key", PhotoInput{Name: "摊位.png", Data: pngBytes()})
	var photo Photo
	if w.Code != 201 || json.Unmarshal(w.Body.Bytes(), &photo) != nil || photo.ID == "" {
		t.Fatalf("photo: %d %s", w.Code, w.Body.String())
	}
	withPhoto := with("photos", []string{photo.ID})
	steps := []struct {
		name, method, path, who string
		body                    any
		status                  int
		contains                []string
	}{
		{"the API document", "GET", "/api/v1/openapi.json", "", nil, 200, []string{`"fileWorkorder"`, `"uploadWorkorderPhoto"`, `"/workorders/{number}/cancel"`}},
		{"categories are public", "GET", "/api/v1/workorder-categories", "", nil, 200, []string{`"code":"WY-01"`, `"multivaluelist"`}},
		{"places are public", "GET", "/api/v1/workorder-places", "", nil, 200, []string{`"approximate_centre"`, `"仙鹤社区"`}},
		{"no key", "POST", "/api/v1/workorders", "", good, 401, []string{`"unauthorized"`}},
		{"key files", "POST", "/api/v1/workorders", "key", withPhoto, 201, []string{`"channel":"hotline_12345"`, `"external_ref":"12345-0001"`, `"state":"filed"`, `"stage":"intake"`}},
		{"photo cited twice", "POST", "/api/v1/workorders", "key", withPhoto, 400, []string{`"photos":"unknown_photo"`}},
		{"outside the district", "POST", "/api/v1/workorders", "key", with("lat", 31.2), 400, []string{`"location":"outside_district"`}},
		{"unknown category", "POST", "/api/v1/workorders", "key", with("category", "ZZ-1"), 400, []string{`"category":"unknown_category"`}},
		{"missing required field", "POST", "/api/v1/workorders", "key", with("fields", map[string]any{}), 400, []string{`"fields.kind":"required"`}},
		{"value outside its list", "POST", "/api/v1/workorders", "key", with("fields", map[string]any{"kind": "drone"}), 400, []string{`"fields.kind":"not_in_list"`, `不在可选范围内`}},
		{"text over the limit", "POST", "/api/v1/workorders", "key", with("description", strings.Repeat("字", 2001)), 400, []string{`"description":"too_long"`}},
		{"unknown JSON field", "POST", "/api/v1/workorders", "key", with("colour", "red"), 400, []string{`"colour"`}},
		{"resident files", "POST", "/api/v1/workorders", "res", with("community", xh), 201, []string{`"channel":"h5"`}},
		{"resident may not claim a hotline", "POST", "/api/v1/workorders", "res", with("channel", "hotline_12345"), 400, []string{`"channel":"not_allowed"`}},
		{"leader may not file", "POST", "/api/v1/workorders", "leader", good, 403, nil},
		{"key lists its own", "GET", "/api/v1/workorders", "key", nil, 200, []string{`"total":1`}},
		{"resident lists their own", "GET", "/api/v1/workorders", "res", nil, 200, []string{`"total":1`}},
		{"grid worker lists the community's", "GET", "/api/v1/workorders?state=filed", "grid", nil, 200, []string{`"total":`}},
		{"bad state", "GET", "/api/v1/workorders?state=lost", "grid", nil, 400, []string{`"state"`}},
		{"list needs sign-in", "GET", "/api/v1/workorders", "", nil, 401, nil},
	}
	for _, st := range steps {
		w := s.call(st.method, st.path, st.who, st.body)
		if w.Code != st.status {
			t.Errorf("%s: %d %s", st.name, w.Code, w.Body.String())
			continue
		}
		for _, c := range st.contains {
			if !strings.Contains(w.Body.String(), c) {
				t.Errorf("%s: no %s in %s", st.name, c, w.Body.String())
			}
		}
	}
	// Read and cancel through the API.
	var l web.List[Summary]
	json.Unmarshal(s.call("GET", "/api/v1/workorders", "res", nil).Body.Bytes(), &l)
	if len(l.Items) != 1 {
		t.Fatalf("resident's list %+v", l)
	}
	n := l.Items[0].Number
	if w := s.call("GET", "/api/v1/workorders/"+n, "res2", nil); w.Code != 404 {
		t.Errorf("another resident reads: %d", w.Code)
	}
	if w := s.call("GET", "/api/v1/workorders/"+n, "res", nil); w.Code != 200 || !strings.Contains(w.Body.String(), `"cancellable":true`) {
		t.Errorf("resident reads: %d %s", w.Code, w.Body.String())
	}
	if w := s.call("POST", "/api/v1/workorders/"+n+"/cancel", "res", cancelInput{Reason: "已解决"}); w.Code != 200 ||
		!strings.Contains(w.Body.String(), `"outcome":"cancelled"`) {
		t.Errorf("cancel: %d %s", w.Code, w.Body.String())
	}
	if w := s.call("POST", "/api/v1/workorders/"+n+"/cancel", "res", cancelInput{}); w.Code != 409 {
		t.Errorf("cancel twice: %d", w.Code)
	}
	// A wrong key is refused, never taken for anonymous.
	s.secret = keyPrefix + strings.Repeat("0", 64)
	if w := s.call("POST", "/api/v1/workorders", "key", good); w.Code != 401 || !strings.Contains(w.Body.String(), "API 密钥无效") {
		t.Errorf("wrong key: %d %s", w.Code, w.Body.String())
	}
}

func TestAPIIdempotencyUnderConcurrency(t *testing.T) {
	s := newSite(t)
	body := map[string]any{"category": "CG-05", "description": "电线杆上贴满小广告", "community": s.communities["仙鹤社区"].Code}
	const n = 2
	var wg sync.WaitGroup
	codes := make([]int, n)
	numbers := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := s.call("POST", "/api/v1/workorders", "key", body, web.IdempotencyHeader, "call-20260302-01")
			codes[i] = w.Code
			var v OrderView
			json.Unmarshal(w.Body.Bytes(), &v)
			numbers[i] = v.Number
		}()
	}
	wg.Wait()
	for i := range n {
		if codes[i] != 201 || numbers[i] == "" || numbers[i] != numbers[0] {
			t.Errorf("response %d: %d %q (first %q)", i, codes[i], numbers[i], numbers[0])
		}
	}
	if got := s.count(t, `SELECT COUNT(*) FROM workorders`); got != 1 {
		t.Errorf("%d orders filed", got)
	}
	// The same key with another body is refused.
	body["description"] = "另一件事"
	if w := s.call("POST", "/api/v1/workorders", "key", body, web.IdempotencyHeader, "call-20260302-01"); w.Code != 422 {
		t.Errorf("reused key: %d %s", w.Code, w.Body.String())
	}
}
