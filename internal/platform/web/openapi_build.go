package web

import (
	"encoding/json"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// APITitle is the title of the OpenAPI document.
const APITitle = "Shanzhi 善治 API"

// OpenAPI builds the OpenAPI 3.1 document of every registered operation.
func (rt *Router) OpenAPI() *openapi.Document {
	rt.mu.Lock()
	ops := slices.Clone(rt.ops)
	rt.mu.Unlock()
	doc := rt.baseDocument()
	gen := openapi.NewGenerator(doc.Components.Schemas)
	tags := map[string]bool{}
	for _, op := range ops {
		item := doc.Paths[op.Path]
		if item == nil {
			item = &openapi.PathItem{}
			doc.Paths[op.Path] = item
		}
		item.Set(op.Method, buildOperation(gen, op))
		for _, t := range op.Tags {
			tags[t] = true
		}
	}
	for _, t := range slices.Sorted(maps.Keys(tags)) {
		doc.Tags = append(doc.Tags, openapi.Tag{Name: t})
	}
	return doc
}

// serveOpenAPI answers the document, built once per set of routes.
func (rt *Router) serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	rt.mu.Lock()
	body := rt.doc
	rt.mu.Unlock()
	if body == nil {
		var err error
		if body, err = json.MarshalIndent(rt.OpenAPI(), "", "  "); err != nil {
			WriteError(w, r, err)
			return
		}
		rt.mu.Lock()
		rt.doc = body
		rt.mu.Unlock()
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(body)
}

func (rt *Router) baseDocument() *openapi.Document {
	servers := []openapi.Server{{URL: APIPrefix, Description: "本服务"}}
	if rt.cfg.PublicURL != "" {
		servers = append(servers, openapi.Server{URL: strings.TrimRight(rt.cfg.PublicURL, "/") + APIPrefix, Description: "公开地址"})
	}
	return &openapi.Document{
		OpenAPI: openapi.Version,
		Info: openapi.Info{Title: APITitle, Version: rt.cfg.Version,
			Description: "善治区县政务服务平台的 JSON API。错误统一以 Error 结构返回；POST 请求可携带 Idempotency-Key 以安全重试。"},
		Servers:    servers,
		Paths:      map[string]*openapi.PathItem{},
		Components: baseComponents(),
	}
}

var pathParam = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// buildOperation describes op, adding the error responses the router itself
// may give for it.
func buildOperation(gen *openapi.Generator, op Op) *openapi.Operation {
	o := &openapi.Operation{
		OperationID: op.OperationID, Summary: op.Summary, Description: op.Description,
		Tags: op.Tags, Responses: map[string]openapi.Response{},
	}
	for _, m := range pathParam.FindAllStringSubmatch(op.Path, -1) {
		o.Parameters = append(o.Parameters, openapi.Parameter{Name: m[1], In: "path", Required: true,
			Schema: openapi.Schema{"type": "string"}})
	}
	for _, q := range op.Query {
		s := gen.For(q.Schema)
		if s == nil {
			s = openapi.Schema{"type": "string"}
		}
		o.Parameters = append(o.Parameters, openapi.Parameter{Name: q.Name, In: "query",
			Description: q.Description, Required: q.Required, Schema: s})
	}
	if op.Request != nil {
		o.RequestBody = &openapi.RequestBody{Required: true,
			Content: map[string]openapi.MediaType{"application/json": mediaType(gen, op.Request)}}
	}
	for code, resp := range op.Responses {
		r := openapi.Response{Description: resp.Description}
		if resp.Body != nil {
			r.Content = map[string]openapi.MediaType{"application/json": mediaType(gen, resp.Body)}
		}
		o.Responses[strconv.Itoa(code)] = r
	}
	addRouterResponses(o, op)
	if op.Auth {
		o.Security = []map[string][]string{{"sessionCookie": {}}, {"apiKey": {}}}
	}
	return o
}

// addRouterResponses documents the refusals the middleware produces.
func addRouterResponses(o *openapi.Operation, op Op) {
	var codes []int
	if op.Request != nil || len(o.Parameters) > 0 {
		codes = append(codes, http.StatusBadRequest)
	}
	if op.Auth {
		codes = append(codes, http.StatusUnauthorized, http.StatusForbidden)
	}
	if op.Method != http.MethodGet {
		codes = append(codes, http.StatusForbidden) // CSRF token of cookie sessions
	}
	if op.Method == http.MethodPost {
		o.Parameters = append(o.Parameters, openapi.Parameter{Ref: "#/components/parameters/IdempotencyKey"})
		codes = append(codes, http.StatusConflict, http.StatusUnprocessableEntity)
	}
	if op.Request != nil {
		codes = append(codes, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
	}
	sort.Ints(codes)
	for _, c := range codes {
		if _, ok := o.Responses[strconv.Itoa(c)]; !ok {
			o.Responses[strconv.Itoa(c)] = openapi.Response{Ref: "#/components/responses/Error"}
		}
	}
	o.Responses["default"] = openapi.Response{Ref: "#/components/responses/Error"}
}

// mediaType gives a body's schema and, for a non-zero Go value, the value
// itself as the example.
func mediaType(gen *openapi.Generator, v any) openapi.MediaType {
	mt := openapi.MediaType{Schema: gen.For(v)}
	if _, isSchema := v.(openapi.Schema); !isSchema && !reflect.ValueOf(v).IsZero() {
		mt.Example = v
	}
	return mt
}
