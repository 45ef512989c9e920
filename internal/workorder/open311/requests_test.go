package open311

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

const day = 24 * time.Hour

// history is a set of orders filed over the last 100 days.
type history struct {
	old, a, b, c, d, e string
}

// newHistory files: old (100 days ago), a (10 days, open), b (5 days, a
// position and personal numbers in its text), c (2 days, cancelled by its
// resident: closed), d (1 day, resolved as fixed), e (now, with a running
// resolution clock); a's clock is paused.
func newHistory(t *testing.T, r *rig) history {
	var h history
	r.clock.Set(testNow.Add(-100 * day))
	h.old = r.file(t, r.parkingForm())
	r.clock.Set(testNow.Add(-10 * day))
	h.a = r.file(t, r.parkingForm())
	r.clock.Set(testNow.Add(-5 * day))
	h.b = r.file(t, url.Values{"api_key": {r.secret}, "service_code": {"CG-03"}, "lat": {"32.1234567"},
		"long": {"118.9234567"}, "attribute[kind]": {"vendor"},
		"description": {"文苑路菜场门口流动摊贩占道。举报人身份证320113199001011234，电话138 0000 0001，2026-02-25 起"}})
	r.clock.Set(testNow.Add(-2 * day))
	res := &authz.Actor{AccountID: 7, Kind: authz.KindResident, Name: "王*", District: district,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(7)}}}
	f, err := r.svc.File(r.ctx, res, workorder.FileInput{Category: "WY-01", Description: "楼下车位被占",
		Fields: map[string]any{"issue": "occupied"}, Community: r.communities["尧化社区"].Code})
	if err != nil {
		t.Fatal(err)
	}
	h.c = f.Order.Number
	if _, err := r.svc.Cancel(r.ctx, res, h.c, "已自行解决"); err != nil {
		t.Fatal(err)
	}
	r.clock.Set(testNow.Add(-day))
	form := r.parkingForm()
	form.Set("service_code", "WY-02")
	form.Set("attribute[building]", "5栋")
	form.Set("attribute[fault]", "stopped")
	form.Del("attribute[issue]")
	form.Del("attribute[plate]")
	h.d = r.file(t, form)
	// The handling part resolves orders; its result is written directly.
	r.exec(t, `UPDATE workorders SET state = ?, outcome = ?, resolved_at = ?, updated_at = ?, version = version + 1
		WHERE number = ?`, workorder.StateResolved, workorder.OutcomeFixed, testNow, testNow, h.d)
	r.clock.Set(testNow)
	h.e = r.file(t, r.parkingForm())
	r.setClock(t, h.e, "running", testNow.Add(48*time.Hour))
	r.setClock(t, h.a, "paused", testNow.Add(time.Hour))
	return h
}

// setClock writes the resolution clock the clock part keeps for an order.
func (r *rig) setClock(t *testing.T, number, state string, due time.Time) {
	var id int64
	if err := r.d.QueryRow(r.ctx, `SELECT id FROM workorders WHERE number = ?`, number).Scan(&id); err != nil {
		t.Fatal(err)
	}
	r.exec(t, `INSERT INTO workorder_clocks (order_id, kind, basis, limit_value, started_at, warn_at, due_at, state)
		VALUES (?, 'resolution', 'hours', 48, ?, ?, ?, ?)`, id, testNow, due.Add(-time.Hour), due, state)
}

// list gets requests.json with query and returns the requests, checked
// against the schema.
func (r *rig) list(t *testing.T, query string) []map[string]any {
	t.Helper()
	w := r.get("/requests.json?" + query)
	if w.Code != http.StatusOK {
		t.Fatalf("requests?%s: %d %s", query, w.Code, w.Body)
	}
	var out []map[string]any
	for _, e := range checkJSON(t, w.Body.Bytes(), arrayOf(requestSchema)).([]any) {
		out = append(out, e.(map[string]any))
	}
	return out
}

func ids(list []map[string]any) string {
	var out []string
	for _, q := range list {
		out = append(out, q["service_request_id"].(string))
	}
	return strings.Join(out, ",")
}

func TestRequestsStatusAndFields(t *testing.T) {
	r := newRig(t)
	h := newHistory(t, r)
	list := r.list(t, "")
	if got, want := ids(list), strings.Join([]string{h.e, h.d, h.c, h.b, h.a}, ","); got != want {
		t.Fatalf("default window: %s, want %s", got, want)
	}
	e, d, c, b, a := list[0], list[1], list[2], list[3], list[4]
	checks := []struct {
		q                   map[string]any
		status, notes, code string
	}{
		{e, "open", "已受理", "WY-01"}, {d, "closed", "已办结：已解决", "WY-02"}, {c, "closed", "已关闭：已撤销", "WY-01"},
		{b, "open", "已受理", "CG-03"}, {a, "open", "已受理", "WY-01"},
	}
	for _, ck := range checks {
		if ck.q["status"] != ck.status || ck.q["status_notes"] != ck.notes || ck.q["service_code"] != ck.code {
			t.Errorf("%v", ck.q)
		}
	}
	if e["expected_datetime"] != "2026-03-04T09:30:00+08:00" || a["expected_datetime"] != nil || d["expected_datetime"] != nil {
		t.Errorf("expected: e %v a %v d %v", e["expected_datetime"], a["expected_datetime"], d["expected_datetime"])
	}
	if e["requested_datetime"] != "2026-03-02T09:30:00+08:00" || d["updated_datetime"] != "2026-03-02T09:30:00+08:00" ||
		d["requested_datetime"] != "2026-03-01T09:30:00+08:00" {
		t.Errorf("times: e %v, d %v %v", e["requested_datetime"], d["requested_datetime"], d["updated_datetime"])
	}
	if a["address"] != "仙林街道仙鹤社区" || a["address_id"] != r.communities["仙鹤社区"].Code || a["lat"] != nil ||
		a["service_name"] != "停车管理" || c["address"] != "尧化街道尧化社区" {
		t.Errorf("place: a %v c %v", a, c["address"])
	}
	if b["lat"] != json.Number("32.123") || b["long"] != json.Number("118.923") {
		t.Errorf("b's position not rounded: %v %v", b["lat"], b["long"])
	}
	if b["description"] != "文苑路菜场门口流动摊贩占道。举报人身份证****，电话****，2026-02-25 起" {
		t.Errorf("b's text: %v", b["description"])
	}
}

// No response carries the requester, their numbers or the typed address,
// in either format, listed or alone.
func TestRequestsHoldNoPersonalData(t *testing.T) {
	r := newRig(t)
	h := newHistory(t, r)
	var bodies []string
	for _, p := range []string{"/requests.json", "/requests.xml", "/requests/" + h.a + ".json", "/requests/" + h.b + ".xml",
		"/requests.json?service_request_id=" + h.old + "," + h.d} {
		w := r.get(p)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d", p, w.Code)
		}
		bodies = append(bodies, w.Body.String())
	}
	for _, secret := range []string{"张", "13800000001", "138 0000 0001", "320113199001011234", "5栋302", "某小区",
		"zhang@example.com", "苏A12345", "32.1234567"} {
		for i, body := range bodies {
			if strings.Contains(body, secret) {
				t.Errorf("response %d shows %q", i, secret)
			}
		}
	}
}

func TestRequestsFilters(t *testing.T) {
	r := newRig(t)
	h := newHistory(t, r)
	w3 := func(d time.Duration) string { return url.QueryEscape(w3c(testNow.Add(d))) }
	cases := []struct{ query, want string }{
		{"status=open", h.e + "," + h.b + "," + h.a},
		{"status=closed", h.d + "," + h.c},
		{"status=open,closed", h.e + "," + h.d + "," + h.c + "," + h.b + "," + h.a},
		{"service_code=WY-01", h.e + "," + h.c + "," + h.a},
		{"service_code=WY-01,CG-03&status=open", h.e + "," + h.b + "," + h.a},
		{"service_code=WY-02&service_code=CG-03", h.d + "," + h.b},
		// service_request_id overrides every other parameter.
		{"service_request_id=" + h.old + "," + h.a + ",GD00000000000000&status=closed", h.a + "," + h.old},
		{"start_date=" + w3(-120*day) + "&end_date=" + w3(-95*day), h.old},
		{"start_date=" + w3(-6*day), h.e + "," + h.d + "," + h.c + "," + h.b},
		{"end_date=" + w3(-3*day), h.b + "," + h.a},
		{"start_date=2026-02-25&end_date=2026-03-01T00:00:00Z", h.c + "," + h.b},
		{"jurisdiction_id=" + district + "&status=closed", h.d + "," + h.c},
	}
	for _, c := range cases {
		if got := ids(r.list(t, c.query)); got != c.want {
			t.Errorf("%s: %s, want %s", c.query, got, c.want)
		}
	}
	var x struct {
		Requests []struct {
			ID     string `xml:"service_request_id"`
			Status string `xml:"status"`
		} `xml:"request"`
	}
	decodeXML(t, r.get("/requests.xml?status=closed"), &x)
	if len(x.Requests) != 2 || x.Requests[0].ID != h.d || x.Requests[1].Status != "closed" {
		t.Errorf("requests.xml %+v", x)
	}
}

func TestRequestsPages(t *testing.T) {
	r := newRig(t)
	h := newHistory(t, r)
	want := []string{h.e + "," + h.d, h.c + "," + h.b, h.a}
	for i, page := range want {
		w := r.get("/requests.json?page_size=2&page=" + string(rune('1'+i)))
		var got []map[string]any
		for _, e := range checkJSON(t, w.Body.Bytes(), arrayOf(requestSchema)).([]any) {
			got = append(got, e.(map[string]any))
		}
		next := w.Header().Get("Link")
		if ids(got) != page || (i < 2) != strings.Contains(next, "page="+string(rune('2'+i))) {
			t.Errorf("page %d: %s (Link %q)", i+1, ids(got), next)
		}
	}
	if l := r.list(t, "page=9"); len(l) != 0 {
		t.Errorf("past the end: %d", len(l))
	}
}

func TestRequestAndToken(t *testing.T) {
	r := newRig(t)
	h := newHistory(t, r)
	w := r.get("/requests/" + h.d + ".json")
	one := checkJSON(t, w.Body.Bytes(), arrayOf(requestSchema)).([]any)
	if w.Code != http.StatusOK || len(one) != 1 || one[0].(map[string]any)["status"] != "closed" {
		t.Fatalf("request %s: %d %s", h.d, w.Code, w.Body)
	}
	var x struct {
		Requests []struct {
			ID          string  `xml:"service_request_id"`
			StatusNotes string  `xml:"status_notes"`
			Lat         float64 `xml:"lat"`
		} `xml:"request"`
	}
	decodeXML(t, r.get("/requests/"+h.b+".xml"), &x)
	if len(x.Requests) != 1 || x.Requests[0].ID != h.b || x.Requests[0].Lat != 32.123 {
		t.Errorf("request xml %+v", x)
	}
	w = r.get("/tokens/" + h.e + ".json")
	tok := checkJSON(t, w.Body.Bytes(), arrayOf(tokenSchema)).([]any)
	if len(tok) != 1 || tok[0].(map[string]any)["service_request_id"] != h.e || tok[0].(map[string]any)["token"] != h.e {
		t.Errorf("token: %s", w.Body)
	}
	for _, p := range []string{"/requests/GD20990101000001.json", "/requests/nope.xml", "/tokens/GD20990101000001.xml",
		"/requests/" + h.a + ".json?jurisdiction_id=320102"} {
		w := r.get(p)
		if w.Code != http.StatusNotFound {
			t.Errorf("%s: %d", p, w.Code)
			continue
		}
		checkErrors(t, w, strings.Contains(p, ".json"), http.StatusNotFound)
	}
}

// Bad queries are refused with 400, every bad parameter named.
func TestRequestsBadQueries(t *testing.T) {
	r := newRig(t)
	cases := []struct{ query, says string }{
		{"status=pending", "status"},
		{"start_date=2026-03-01T00:00:00", "start_date"},
		{"end_date=yesterday", "end_date"},
		{"start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z", "90"},
		{"start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z", "end_date"},
		{"page_size=0", "page_size"},
		{"page_size=1001", "page_size"},
		{"page=0", "page"},
		{"page=two", "page"},
		{"service_request_id=" + strings.Repeat("GD1,", 1001), "service_request_id"},
	}
	for _, c := range cases {
		for _, ext := range []string{"json", "xml"} {
			w := r.get("/requests." + ext + "?" + c.query)
			if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), c.says) {
				t.Errorf("%s (%s): %d %s", c.query, ext, w.Code, w.Body)
				continue
			}
			checkErrors(t, w, ext == "json", http.StatusBadRequest)
		}
	}
	w := r.get("/requests.json?status=pending&page_size=0&start_date=x")
	for _, p := range []string{"status", "page_size", "start_date"} {
		if !strings.Contains(w.Body.String(), p+"：") {
			t.Errorf("%s not named: %s", p, w.Body)
		}
	}
}
