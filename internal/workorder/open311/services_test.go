package open311

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestDiscovery(t *testing.T) {
	r := newRig(t)
	w := r.get("/discovery.json")
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("discovery.json: %d %s", w.Code, w.Header())
	}
	d := checkJSON(t, w.Body.Bytes(), discoverySchema).(map[string]any)
	ep := d["endpoints"].([]any)[0].(map[string]any)
	if ep["url"] != "https://zw.example.gov.cn/open311/v2" || ep["specification"] != Specification ||
		d["changeset"] == "" || ep["changeset"] != d["changeset"] {
		t.Errorf("discovery %v", d)
	}
	var x struct {
		Changeset string `xml:"changeset"`
		Endpoints []struct {
			URL     string   `xml:"url"`
			Type    string   `xml:"type"`
			Formats []string `xml:"formats>format"`
		} `xml:"endpoints>endpoint"`
	}
	decodeXML(t, r.get("/discovery.xml"), &x)
	if x.Changeset != d["changeset"] || len(x.Endpoints) != 1 || x.Endpoints[0].Type != "production" ||
		strings.Join(x.Endpoints[0].Formats, ",") != "text/xml,application/json" {
		t.Errorf("discovery.xml %+v", x)
	}
	if w := r.get("/"); w.Code != http.StatusFound || w.Header().Get("Location") != Prefix+"/discovery.xml" {
		t.Errorf("root: %d %s", w.Code, w.Header())
	}
}

func TestServices(t *testing.T) {
	r := newRig(t)
	w := r.get("/services.json")
	if w.Code != http.StatusOK || w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("services.json: %d %s", w.Code, w.Header())
	}
	list := checkJSON(t, w.Body.Bytes(), arrayOf(serviceSchema)).([]any)
	byCode := map[string]map[string]any{}
	for _, s := range list {
		m := s.(map[string]any)
		byCode[m["service_code"].(string)] = m
	}
	// The demo tree's 23 leaves, and none of its 4 groups.
	if len(list) != 23 || byCode["WY"] != nil || byCode["CG-03"] == nil {
		t.Fatalf("%d services: %v", len(list), byCode)
	}
	park := byCode["WY-01"]
	if park["service_name"] != "停车管理" || park["group"] != "物业服务" || park["metadata"] != true ||
		park["type"] != "realtime" || park["keywords"] != "物业服务,停车管理,物业报事" {
		t.Errorf("WY-01: %v", park)
	}
	if ads := byCode["CG-05"]; ads["metadata"] != false || ads["keywords"] != "城市管理,非法小广告,宣传广告" {
		t.Errorf("CG-05 (no fields): %v", ads)
	}
	var x struct {
		Services []struct {
			Code     string `xml:"service_code"`
			Name     string `xml:"service_name"`
			Metadata bool   `xml:"metadata"`
			Group    string `xml:"group"`
		} `xml:"service"`
	}
	decodeXML(t, r.get("/services.xml"), &x)
	if len(x.Services) != 23 || x.Services[0].Code != "WY-01" || !x.Services[0].Metadata || x.Services[0].Group != "物业服务" {
		t.Errorf("services.xml %+v", x.Services[:1])
	}
}

func TestServiceDefinition(t *testing.T) {
	r := newRig(t)
	w := r.get("/services/CG-02.json")
	if w.Code != http.StatusOK {
		t.Fatalf("CG-02: %d %s", w.Code, w.Body)
	}
	d := checkJSON(t, w.Body.Bytes(), definitionSchema).(map[string]any)
	attrs := d["attributes"].([]any)
	if d["service_code"] != "CG-02" || len(attrs) != 3 {
		t.Fatalf("definition %v", d)
	}
	want := []struct {
		code, datatype string
		required       bool
		values         int
	}{{"status", "singlevaluelist", true, 2}, {"kind", "multivaluelist", false, 4}, {"area", "number", false, 0}}
	for i, wa := range want {
		a := attrs[i].(map[string]any)
		vals, _ := a["values"].([]any)
		if a["code"] != wa.code || a["datatype"] != wa.datatype || a["required"] != wa.required || len(vals) != wa.values ||
			a["variable"] != true || a["order"] != json.Number(strconv.Itoa(i+1)) ||
			a["datatype_description"] == "" || a["description"] == "" {
			t.Errorf("attribute %d: %v", i, a)
		}
	}
	var x struct {
		Code       string `xml:"service_code"`
		Attributes []struct {
			Code     string `xml:"code"`
			Datatype string `xml:"datatype"`
			Required bool   `xml:"required"`
			Order    int    `xml:"order"`
			Values   []struct {
				Key  string `xml:"key"`
				Name string `xml:"name"`
			} `xml:"values>value"`
		} `xml:"attributes>attribute"`
	}
	decodeXML(t, r.get("/services/CG-02.xml"), &x)
	if x.Code != "CG-02" || len(x.Attributes) != 3 || x.Attributes[0].Values[0].Key != "building" ||
		x.Attributes[0].Values[0].Name == "" || x.Attributes[2].Order != 3 || len(x.Attributes[2].Values) != 0 {
		t.Errorf("definition xml %+v", x)
	}
	// A service without fields has an empty definition.
	if d := checkJSON(t, r.get("/services/CG-05.json").Body.Bytes(), definitionSchema).(map[string]any); len(d["attributes"].([]any)) != 0 {
		t.Errorf("CG-05 definition %v", d)
	}
}

// Unknown services, groups, formats, jurisdictions and methods answer the
// spec's errors in the asked format.
func TestServiceErrors(t *testing.T) {
	r := newRig(t)
	cases := []struct {
		method, path string
		status       int
		json         bool
		says         string
	}{
		{"GET", "/services/NOPE.json", 404, true, "service_code"},
		{"GET", "/services/WY.json", 404, true, "service_code"}, // a group is no service
		{"GET", "/services/WY-01.xml?jurisdiction_id=320102", 404, false, "jurisdiction_id"},
		{"GET", "/services.json?jurisdiction_id=320102", 404, true, "jurisdiction_id"},
		{"GET", "/services/WY-01.csv", 404, false, "格式"},
		{"GET", "/services.csv", 404, false, "资源不存在"},
		{"GET", "/nothing.json", 404, true, "资源不存在"},
		{"DELETE", "/requests.json", 400, true, "DELETE"},
		{"PUT", "/services.xml", 400, false, "PUT"},
	}
	for _, c := range cases {
		w := r.send(newRequest(c.method, Prefix+c.path))
		if w.Code != c.status || !strings.Contains(w.Body.String(), c.says) {
			t.Errorf("%s %s: %d %s", c.method, c.path, w.Code, w.Body)
			continue
		}
		checkErrors(t, w, c.json, c.status)
	}
	if w := r.get("/services/WY-01.json?jurisdiction_id=" + district); w.Code != http.StatusOK {
		t.Errorf("own jurisdiction_id: %d", w.Code)
	}
}
