package open311

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// frontDesk may see the (masked) requester of orders.
var frontDesk = &authz.Actor{AccountID: 20, Kind: authz.KindStaff, Name: "前台", District: district,
	Grants: []authz.Grant{{Role: authz.RoleFrontDesk, Scope: authz.District(district)}}}

func TestPostRequest(t *testing.T) {
	r := newRig(t)
	w := r.post("json", r.parkingForm())
	if w.Code != http.StatusCreated {
		t.Fatalf("post: %d %s", w.Code, w.Body)
	}
	receipt := checkJSON(t, w.Body.Bytes(), arrayOf(receiptSchema)).([]any)[0].(map[string]any)
	id := receipt["service_request_id"].(string)
	if !regexp.MustCompile(`^GD20260302\d{6}$`).MatchString(id) || receipt["service_notice"] != "诉求已受理，将在2小时内响应、48小时内办结。" {
		t.Fatalf("receipt %v", receipt)
	}
	// The order: the key's channel, the attributes as field values, the
	// requester kept (encrypted, masked to staff who may contact them).
	v, err := r.svc.Get(r.ctx, frontDesk, id)
	if err != nil {
		t.Fatal(err)
	}
	if v.Channel != workorder.ChannelHotline || v.Category.Code != "WY-01" || v.FieldValues["issue"] != "occupied" ||
		v.Place.Community != r.communities["仙鹤社区"].Code || v.Place.Source != workorder.PlaceChosen ||
		v.Requester.Name != "张*" || !strings.HasPrefix(v.Requester.Phone, "138") || v.Requester.Phone == "13800000001" {
		t.Errorf("order %+v %+v %+v", v.Place, v.Requester, v.FieldValues)
	}
	// XML, a position instead of a community, a list attribute sent
	// twice, no description (optional in the spec).
	form := url.Values{"api_key": {r.secret}, "service_code": {"WY-04"}, "lat": {"32.1"}, "long": {"118.92"},
		"attribute[issue][]": {"prune", "dead"}, "media_url": {"https://example.com/a.jpg"}, "jurisdiction_id": {district}}
	w = r.post("xml", form)
	var x struct {
		Requests []struct {
			ID     string `xml:"service_request_id"`
			Notice string `xml:"service_notice"`
		} `xml:"request"`
	}
	decodeXML(t, w, &x)
	if w.Code != http.StatusCreated || len(x.Requests) != 1 || x.Requests[0].ID == id || x.Requests[0].Notice == "" {
		t.Fatalf("post xml: %d %s", w.Code, w.Body)
	}
	v, err = r.svc.Get(r.ctx, frontDesk, x.Requests[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	issues, _ := v.FieldValues["issue"].([]any)
	if len(issues) != 2 || v.Place.Source != workorder.PlaceNearest || v.Description != "绿化养护（提交方未填写描述）" ||
		v.Requester.Name != "" {
		t.Errorf("second order %+v %v %q", v.Place, v.FieldValues, v.Description)
	}
}

// Every bad POST is refused with the spec's status, names the parameter,
// and writes nothing.
func TestPostRefusals(t *testing.T) {
	r := newRig(t)
	other := &authz.Actor{AccountID: 901, Kind: authz.KindStaff, Name: "外区", District: "320102",
		Grants: []authz.Grant{{Role: authz.RoleAdmin, Scope: authz.District("320102")}}}
	_, foreign, err := r.svc.CreateAPIKey(r.ctx, other, "外区系统", workorder.ChannelAPI)
	if err != nil {
		t.Fatal(err)
	}
	revoked, revokedSecret, err := r.svc.CreateAPIKey(r.ctx, admin, "旧系统", workorder.ChannelWeCom)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.svc.RevokeAPIKey(r.ctx, admin, revoked.ID); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		edit   func(url.Values)
		status int
		says   string
	}{
		{"no api_key", func(f url.Values) { f.Del("api_key") }, 403, "api_key"},
		{"wrong api_key", func(f url.Values) { f.Set("api_key", "szwo_"+strings.Repeat("0", 64)) }, 403, "api_key"},
		{"garbage api_key", func(f url.Values) { f.Set("api_key", "let-me-in") }, 403, "api_key"},
		{"revoked api_key", func(f url.Values) { f.Set("api_key", revokedSecret) }, 403, "api_key"},
		{"another district's key", func(f url.Values) { f.Set("api_key", foreign) }, 403, "api_key"},
		{"unknown service_code", func(f url.Values) { f.Set("service_code", "XX-99") }, 404, "service_code"},
		{"a group as service_code", func(f url.Values) { f.Set("service_code", "WY") }, 404, "service_code"},
		{"no service_code", func(f url.Values) { f.Del("service_code") }, 400, "service_code"},
		{"attribute outside its list", func(f url.Values) { f.Set("attribute[issue]", "flying") }, 400, "attribute[issue]"},
		{"required attribute missing", func(f url.Values) { f.Del("attribute[issue]") }, 400, "attribute[issue]"},
		{"unknown attribute", func(f url.Values) { f.Set("attribute[colour]", "red") }, 400, "attribute[colour]"},
		{"malformed attribute name", func(f url.Values) { f.Set("attribute[issue", "occupied") }, 400, "attribute[issue"},
		{"no location", func(f url.Values) { f.Del("address_id"); f.Del("address_string") }, 400, "lat/long"},
		{"lat without long", func(f url.Values) { f.Del("address_id"); f.Set("lat", "32.1") }, 400, "lat/long"},
		{"lat not a number", func(f url.Values) { f.Set("lat", "north"); f.Set("long", "118.9") }, 400, "lat/long"},
		{"outside the district", func(f url.Values) { f.Del("address_id"); f.Set("lat", "39.9"); f.Set("long", "116.4") }, 400, "lat/long"},
		{"unknown address_id", func(f url.Values) { f.Set("address_id", "999999999999") }, 400, "address_id"},
		{"description over the limit", func(f url.Values) { f.Set("description", strings.Repeat("长", 2001)) }, 400, "description"},
		{"bad phone", func(f url.Values) { f.Set("phone", "12345") }, 400, "phone"},
		{"another jurisdiction", func(f url.Values) { f.Set("jurisdiction_id", "320102") }, 404, "jurisdiction_id"},
	}
	for _, c := range cases {
		for _, ext := range []string{"json", "xml"} {
			form := r.parkingForm()
			c.edit(form)
			w := r.post(ext, form)
			if w.Code != c.status || !strings.Contains(w.Body.String(), c.says) {
				t.Errorf("%s (%s): %d %s", c.name, ext, w.Code, w.Body)
				continue
			}
			checkErrors(t, w, ext == "json", c.status)
		}
	}
	// Several bad parameters are reported together.
	form := r.parkingForm()
	form.Set("attribute[issue]", "flying")
	form.Set("phone", "12345")
	w := r.post("json", form)
	if w.Code != 400 || !strings.Contains(w.Body.String(), "attribute[issue]") || !strings.Contains(w.Body.String(), "phone") {
		t.Errorf("two problems: %d %s", w.Code, w.Body)
	}
	// Not a form; too large a form.
	req := httptest.NewRequest(http.MethodPost, Prefix+"/requests.json", strings.NewReader(`{"service_code":"WY-01"}`))
	req.Header.Set("Content-Type", "application/json")
	if w := r.send(req); w.Code != 400 || !strings.Contains(w.Body.String(), "x-www-form-urlencoded") {
		t.Errorf("json body: %d %s", w.Code, w.Body)
	}
	form = r.parkingForm()
	form.Set("description", strings.Repeat("a", 70<<10))
	if w := r.post("json", form); w.Code != 400 || !strings.Contains(w.Body.String(), "过大") {
		t.Errorf("large body: %d %s", w.Code, w.Body)
	}
	if l, err := r.svc.PublicOrders(r.ctx, district, workorder.PublicFilter{}); err != nil || len(l) != 0 {
		t.Errorf("refused posts wrote %d orders (%v)", len(l), err)
	}
	// The same form with a good key goes through: the refusals above were
	// about what they changed.
	if w := r.post("json", r.parkingForm()); w.Code != http.StatusCreated {
		t.Errorf("good post: %d %s", w.Code, w.Body)
	}
	if w := r.post("json", url.Values{"service_code": {"WY-01"}}); w.Code != http.StatusForbidden {
		t.Errorf("a bare post is not refused for its key first: %d", w.Code)
	}
}
