package web

import (
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

type sampleThing struct {
	ID      int64      `json:"id" doc:"编号"`
	Title   string     `json:"title"`
	Note    string     `json:"note,omitempty"`
	Created time.Time  `json:"created_at"`
	Owner   *sampleRef `json:"owner,omitempty"`
}

type sampleRef struct {
	Name string `json:"name"`
}

type sampleCreate struct {
	Title string `json:"title"`
}

// registerSampleAPI registers a small API like a module would.
func registerSampleAPI(rt *Router) {
	rt.API(Op{Method: "GET", Path: "/things", OperationID: "listThings", Summary: "事项列表", Tags: []string{"事项"},
		Query:     []Param{{Name: "limit", Schema: 0, Description: "每页条数"}, {Name: "q"}},
		Responses: map[int]Response{200: {Description: "列表", Body: List[sampleThing]{}}}}, okHandler)
	rt.API(Op{Method: "GET", Path: "/things/{id}", OperationID: "getThing", Summary: "查看事项", Tags: []string{"事项"},
		Auth: true, Responses: map[int]Response{200: {Description: "事项", Body: sampleThing{ID: 1, Title: "示例"}}}}, okHandler)
	rt.API(Op{Method: "POST", Path: "/things", OperationID: "createThing", Summary: "新建事项", Tags: []string{"事项"},
		Auth: true, Request: sampleCreate{Title: "路灯不亮"},
		Responses: map[int]Response{201: {Description: "已创建", Body: sampleThing{}}}}, okHandler)
	rt.API(Op{Method: "DELETE", Path: "/things/{id}", OperationID: "deleteThing", Summary: "删除事项", Tags: []string{"事项"},
		Auth: true, Responses: map[int]Response{204: {Description: "已删除"}}}, okHandler)
	rt.API(Op{Method: "PATCH", Path: "/things/{id}/notes/{note}", OperationID: "patchNote", Summary: "修改备注",
		Request:   openapi.Schema{"type": "object", "properties": map[string]any{"text": map[string]any{"type": "string"}}},
		Responses: map[int]Response{200: {Description: "好"}}}, okHandler)
	rt.Page("GET /things", okHandler)
}

// fetchDoc gets the served document as generic JSON.
func fetchDoc(t *testing.T, h *harness) map[string]any {
	t.Helper()
	w := h.do(req("GET", "/api/v1/openapi.json", "", nil))
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("openapi.json: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	var doc map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return doc
}

func TestOpenAPIDocumentMatchesRoutes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	registerSampleAPI(h.rt)
	doc := fetchDoc(t, h)

	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v", doc["openapi"])
	}
	info := doc["info"].(map[string]any)
	if info["title"] != "Shanzhi 善治 API" || info["version"] != "test" {
		t.Errorf("info = %v", info)
	}
	servers := doc["servers"].([]any)
	if servers[0].(map[string]any)["url"] != APIPrefix {
		t.Errorf("servers = %v", servers)
	}
	comps := doc["components"].(map[string]any)
	if _, ok := comps["schemas"].(map[string]any)["Error"]; !ok {
		t.Error("components.schemas lacks Error")
	}
	schemes := comps["securitySchemes"].(map[string]any)
	if schemes["sessionCookie"].(map[string]any)["name"] != SessionCookie || schemes["apiKey"].(map[string]any)["scheme"] != "bearer" {
		t.Errorf("securitySchemes = %v", schemes)
	}

	documented := map[string]bool{}
	paths := doc["paths"].(map[string]any)
	for p, item := range paths {
		for method, raw := range item.(map[string]any) {
			op := raw.(map[string]any)
			pattern := strings.ToUpper(method) + " " + APIPrefix + p
			documented[pattern] = true
			for _, f := range []string{"operationId", "summary", "responses"} {
				if op[f] == nil || op[f] == "" {
					t.Errorf("%s lacks %s", pattern, f)
				}
			}
			if len(op["responses"].(map[string]any)) == 0 {
				t.Errorf("%s has no responses", pattern)
			}
			// The documented operation must be what the mux actually routes.
			r := httptest.NewRequest(strings.ToUpper(method), APIPrefix+fillParams(p), nil)
			if _, got := h.rt.mux.Handler(r); got != pattern {
				t.Errorf("documented %s but the mux routes it to %q", pattern, got)
			}
		}
	}
	apiRoutes := 0
	for _, pattern := range h.rt.Patterns() {
		_, p := splitPattern(pattern)
		if !isAPIPath(p) {
			continue
		}
		apiRoutes++
		if !documented[pattern] {
			t.Errorf("route %s is registered but not documented", pattern)
		}
	}
	if apiRoutes != len(documented) || apiRoutes != 6 {
		t.Errorf("%d API routes, %d documented operations, want 6 each", apiRoutes, len(documented))
	}
}

var braces = regexp.MustCompile(`\{[^}]+\}`)

func fillParams(p string) string { return braces.ReplaceAllString(p, "1") }

func TestOpenAPIOperationDetails(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	registerSampleAPI(h.rt)
	doc := h.rt.OpenAPI()

	get := doc.Paths["/things/{id}"].Op("GET")
	if len(get.Parameters) != 1 || get.Parameters[0].Name != "id" || get.Parameters[0].In != "path" || !get.Parameters[0].Required {
		t.Errorf("path parameter: %+v", get.Parameters)
	}
	if len(get.Security) != 2 {
		t.Errorf("auth op security = %v", get.Security)
	}
	for _, code := range []string{"200", "401", "403", "default"} {
		if _, ok := get.Responses[code]; !ok {
			t.Errorf("getThing lacks response %s", code)
		}
	}
	post := doc.Paths["/things"].Op("POST")
	if post.RequestBody == nil || post.RequestBody.Content["application/json"].Schema["$ref"] != "#/components/schemas/sampleCreate" {
		t.Errorf("request body = %+v", post.RequestBody)
	}
	if !hasParamRef(post.Parameters, "#/components/parameters/IdempotencyKey") {
		t.Error("POST does not document Idempotency-Key")
	}
	for _, code := range []string{"201", "400", "409", "413", "415", "422"} {
		if _, ok := post.Responses[code]; !ok {
			t.Errorf("createThing lacks response %s", code)
		}
	}
	list := doc.Paths["/things"].Op("GET")
	if list.Security != nil || hasParamRef(list.Parameters, "#/components/parameters/IdempotencyKey") {
		t.Error("public GET carries security or an Idempotency-Key")
	}
	if s := list.Parameters[0].Schema; s["type"] != "integer" {
		t.Errorf("limit schema = %v", s)
	}
	thing := doc.Components.Schemas["sampleThing"]
	req := thing["required"].([]string)
	if strings.Join(req, ",") != "id,title,created_at" {
		t.Errorf("sampleThing required = %v", req)
	}
	if len(doc.Tags) != 2 || doc.Tags[0].Name != "事项" || doc.Tags[1].Name != "系统" {
		t.Errorf("tags = %v", doc.Tags)
	}
}

func hasParamRef(ps []openapi.Parameter, ref string) bool {
	for _, p := range ps {
		if p.Ref == ref {
			return true
		}
	}
	return false
}

// TestOpenAPIReferencesResolve walks every $ref of the served document.
func TestOpenAPIReferencesResolve(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	registerSampleAPI(h.rt)
	doc := fetchDoc(t, h)
	var refs []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if k == "$ref" {
					refs = append(refs, e.(string))
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	if len(refs) < 5 {
		t.Fatalf("only %d references found", len(refs))
	}
	for _, ref := range refs {
		parts := strings.Split(strings.TrimPrefix(ref, "#/"), "/")
		var cur any = doc
		for _, p := range parts {
			m, ok := cur.(map[string]any)
			if !ok {
				cur = nil
				break
			}
			cur = m[p]
		}
		if cur == nil {
			t.Errorf("reference %s does not resolve", ref)
		}
	}
}

func TestOpenAPIDocumentFollowsRegistration(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	before := fetchDoc(t, h)["paths"].(map[string]any)
	registerSampleAPI(h.rt)
	after := fetchDoc(t, h)["paths"].(map[string]any)
	if len(after) <= len(before) {
		t.Fatalf("document did not grow after registration: %d → %d paths", len(before), len(after))
	}
}
