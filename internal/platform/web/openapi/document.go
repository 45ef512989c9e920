// Package openapi holds the types of an OpenAPI 3.1 document and a generator
// that turns Go example values into JSON Schemas.
//
// The web package builds the whole document from the operations modules
// register, so the document always describes exactly the routes that exist;
// this package only knows the document's shape.
package openapi

// Version is the OpenAPI version the documents declare.
const Version = "3.1.0"

// Schema is a JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it). A plain map
// keeps every keyword available without a type per keyword.
type Schema = map[string]any

// Document is an OpenAPI 3.1 document.
type Document struct {
	OpenAPI    string               `json:"openapi"`
	Info       Info                 `json:"info"`
	Servers    []Server             `json:"servers,omitempty"`
	Tags       []Tag                `json:"tags,omitempty"`
	Paths      map[string]*PathItem `json:"paths"`
	Components Components           `json:"components"`
}

// Info describes the API.
type Info struct {
	Title       string `json:"title"`
	Version     string `json:"version"`
	Description string `json:"description,omitempty"`
}

// Server is a base URL the API is served at.
type Server struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// Tag groups operations.
type Tag struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// PathItem holds the operations of one path, one field per method.
type PathItem struct {
	Get    *Operation `json:"get,omitempty"`
	Put    *Operation `json:"put,omitempty"`
	Post   *Operation `json:"post,omitempty"`
	Delete *Operation `json:"delete,omitempty"`
	Patch  *Operation `json:"patch,omitempty"`
}

// Operation describes one method on one path.
type Operation struct {
	OperationID string                `json:"operationId"`
	Summary     string                `json:"summary"`
	Description string                `json:"description,omitempty"`
	Tags        []string              `json:"tags,omitempty"`
	Parameters  []Parameter           `json:"parameters,omitempty"`
	RequestBody *RequestBody          `json:"requestBody,omitempty"`
	Responses   map[string]Response   `json:"responses"`
	Security    []map[string][]string `json:"security,omitempty"`
}

// Parameter is a path, query or header parameter, or a reference to one.
type Parameter struct {
	Ref         string `json:"$ref,omitempty"`
	Name        string `json:"name,omitempty"`
	In          string `json:"in,omitempty"`
	Description string `json:"description,omitempty"`
	Required    bool   `json:"required,omitempty"`
	Schema      Schema `json:"schema,omitempty"`
}

// RequestBody describes what an operation accepts.
type RequestBody struct {
	Description string               `json:"description,omitempty"`
	Required    bool                 `json:"required"`
	Content     map[string]MediaType `json:"content"`
}

// MediaType is the schema (and an example) of one content type.
type MediaType struct {
	Schema  Schema `json:"schema"`
	Example any    `json:"example,omitempty"`
}

// Response describes one response, or references a shared one.
type Response struct {
	Ref         string               `json:"$ref,omitempty"`
	Description string               `json:"description,omitempty"`
	Content     map[string]MediaType `json:"content,omitempty"`
}

// Components holds the document's shared definitions.
type Components struct {
	Schemas         map[string]Schema         `json:"schemas"`
	Responses       map[string]Response       `json:"responses,omitempty"`
	Parameters      map[string]Parameter      `json:"parameters,omitempty"`
	SecuritySchemes map[string]SecurityScheme `json:"securitySchemes,omitempty"`
}

// SecurityScheme describes one way to authenticate.
type SecurityScheme struct {
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
	Name        string `json:"name,omitempty"`
	In          string `json:"in,omitempty"`
	Scheme      string `json:"scheme,omitempty"`
}

// Set puts op under method (upper or lower case) and reports whether the
// method is one a PathItem can hold.
func (p *PathItem) Set(method string, op *Operation) bool {
	slot := p.slot(method)
	if slot == nil {
		return false
	}
	*slot = op
	return true
}

// Op returns the operation for method, or nil.
func (p *PathItem) Op(method string) *Operation {
	if slot := p.slot(method); slot != nil {
		return *slot
	}
	return nil
}

// Methods lists the upper-case methods that have an operation.
func (p *PathItem) Methods() []string {
	var out []string
	for _, m := range []string{"GET", "PUT", "POST", "DELETE", "PATCH"} {
		if p.Op(m) != nil {
			out = append(out, m)
		}
	}
	return out
}

func (p *PathItem) slot(method string) **Operation {
	switch method {
	case "GET", "get":
		return &p.Get
	case "PUT", "put":
		return &p.Put
	case "POST", "post":
		return &p.Post
	case "DELETE", "delete":
		return &p.Delete
	case "PATCH", "patch":
		return &p.Patch
	}
	return nil
}
