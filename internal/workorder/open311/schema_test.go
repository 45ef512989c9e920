package open311

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// schema is the part of JSON Schema the published GeoReport v2 schemas use
// (github.com/open311/schema-validation, schema/georeport-v2: service.json,
// services.json, service-definition.json, request.json, requests.json, and
// swagger.json's RequestResponse and TokenResponse), with the discovery
// document's fields from the Service Discovery spec and the errors
// document from the GeoReport v2 spec. closed is stricter than the
// published schemas: no property beyond the spec's (the spec advises
// against foreign tags, and it keeps personal data from slipping in).
type schema struct {
	types    []string // allowed JSON types; "integer" also satisfies "number"
	required []string
	props    map[string]*schema
	closed   bool
	enum     []string
	maxLen   int
	format   string // date-time or uri
	items    *schema
}

var (
	str          = &schema{types: []string{"string"}}
	strOrNull    = &schema{types: []string{"string", "null"}}
	boolean      = &schema{types: []string{"boolean"}}
	dateTime     = &schema{types: []string{"string"}, format: "date-time"}
	dateOrNull   = &schema{types: []string{"string", "null"}, format: "date-time"}
	numberOrNull = &schema{types: []string{"number", "null"}}
)

// serviceSchema is service.json.
var serviceSchema = &schema{types: []string{"object"}, closed: true,
	required: []string{"service_code", "service_name", "metadata", "type"},
	props: map[string]*schema{"service_code": str, "service_name": str, "description": strOrNull, "metadata": boolean,
		"type": {types: []string{"string"}, enum: []string{"realtime", "batch", "blackbox"}}, "keywords": strOrNull,
		"group": strOrNull}}

// definitionSchema is service-definition.json.
var definitionSchema = &schema{types: []string{"object"}, closed: true, required: []string{"service_code", "attributes"},
	props: map[string]*schema{"service_code": str, "attributes": {types: []string{"array"}, items: &schema{
		types: []string{"object"}, closed: true, required: []string{"variable", "code", "datatype", "required"},
		props: map[string]*schema{"variable": boolean, "code": str, "required": boolean,
			"datatype": {types: []string{"string"}, enum: []string{"string", "number", "datetime", "text",
				"singlevaluelist", "multivaluelist"}},
			"datatype_description": strOrNull, "order": {types: []string{"integer", "null"}}, "description": strOrNull,
			"values": {types: []string{"array"}, items: &schema{types: []string{"object"}, closed: true,
				required: []string{"key", "name"}, props: map[string]*schema{"key": str, "name": str}}}}}}}}

// requestSchema is request.json.
var requestSchema = &schema{types: []string{"object"}, closed: true,
	required: []string{"service_request_id", "status", "service_code", "requested_datetime"},
	props: map[string]*schema{"service_request_id": str,
		"status": {types: []string{"string"}, enum: []string{"open", "closed"}}, "status_notes": strOrNull,
		"service_name": strOrNull, "service_code": str,
		"description":        {types: []string{"string", "null"}, maxLen: 4000},
		"agency_responsible": strOrNull, "service_notice": strOrNull, "requested_datetime": dateTime,
		"updated_datetime": dateOrNull, "expected_datetime": dateOrNull, "address": strOrNull, "address_id": strOrNull,
		"zipcode": strOrNull, "lat": numberOrNull, "long": numberOrNull,
		"media_url": {types: []string{"string", "null"}, format: "uri"}}}

// receiptSchema is swagger.json's RequestResponse; a realtime service
// answers the service_request_id.
var receiptSchema = &schema{types: []string{"object"}, closed: true, required: []string{"service_request_id"},
	props: map[string]*schema{"service_request_id": str, "token": str, "service_notice": str, "account_id": str}}

// tokenSchema is swagger.json's TokenResponse with the spec's two fields.
var tokenSchema = &schema{types: []string{"object"}, closed: true, required: []string{"service_request_id", "token"},
	props: map[string]*schema{"service_request_id": str, "token": str}}

// errorSchema is one error of the spec's errors document.
var errorSchema = &schema{types: []string{"object"}, closed: true, required: []string{"code", "description"},
	props: map[string]*schema{"code": {types: []string{"integer"}}, "description": str}}

// discoverySchema is the Service Discovery document: all fields required.
var discoverySchema = &schema{types: []string{"object"}, closed: true,
	required: []string{"changeset", "contact", "key_service", "endpoints"},
	props: map[string]*schema{"changeset": str, "contact": str, "key_service": str,
		"endpoints": {types: []string{"array"}, items: &schema{types: []string{"object"}, closed: true,
			required: []string{"specification", "url", "changeset", "type", "formats"},
			props: map[string]*schema{"specification": str, "url": {types: []string{"string"}, format: "uri"},
				"changeset": str, "type": {types: []string{"string"}, enum: []string{"production", "test"}},
				"formats": {types: []string{"array"}, items: str}}}}}}

// arrayOf is a top-level list (services.json, requests.json).
func arrayOf(items *schema) *schema { return &schema{types: []string{"array"}, items: items} }

// checkJSON validates body against s and returns the decoded value.
func checkJSON(t testing.TB, body []byte, s *schema) any {
	t.Helper()
	v := decodeJSON(t, body)
	for _, p := range s.validate("$", v) {
		t.Errorf("schema: %s\n%s", p, body)
	}
	return v
}

// validate lists the problems of v at path.
func (s *schema) validate(path string, v any) []string {
	if !slices.Contains(s.types, typeOf(v)) && !(typeOf(v) == "integer" && slices.Contains(s.types, "number")) {
		return []string{fmt.Sprintf("%s: %s, want %v", path, typeOf(v), s.types)}
	}
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for _, r := range s.required {
			if _, ok := x[r]; !ok {
				out = append(out, path+": missing "+r)
			}
		}
		for k, pv := range x {
			ps, ok := s.props[k]
			if !ok {
				if s.closed {
					out = append(out, path+": unexpected property "+k)
				}
				continue
			}
			out = append(out, ps.validate(path+"."+k, pv)...)
		}
	case []any:
		for i, e := range x {
			if s.items != nil {
				out = append(out, s.items.validate(fmt.Sprintf("%s[%d]", path, i), e)...)
			}
		}
	case string:
		out = append(out, s.checkString(path, x)...)
	}
	return out
}

// checkString applies enum, maxLength and format.
func (s *schema) checkString(path, x string) []string {
	var out []string
	if len(s.enum) > 0 && !slices.Contains(s.enum, x) {
		out = append(out, fmt.Sprintf("%s: %q not in %v", path, x, s.enum))
	}
	if s.maxLen > 0 && utf8.RuneCountInString(x) > s.maxLen {
		out = append(out, path+": longer than its maxLength")
	}
	switch s.format {
	case "date-time":
		// RFC 3339, the time zone included, as the spec demands.
		if _, err := time.Parse(time.RFC3339, x); err != nil {
			out = append(out, fmt.Sprintf("%s: %q is no date-time", path, x))
		}
	case "uri":
		if u, err := url.Parse(x); err != nil || u.Scheme == "" {
			out = append(out, fmt.Sprintf("%s: %q is no uri", path, x))
		}
	}
	return out
}

// typeOf is the JSON type of a decoded value (numbers kept as json.Number).
func typeOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if strings.ContainsAny(x.String(), ".eE") {
			return "number"
		}
		return "integer"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// The validator must catch what it claims to: a test of the test.
func TestSchemaCatchesViolations(t *testing.T) {
	bad := map[string]string{
		"missing required": `[{"service_request_id":"1","status":"open","requested_datetime":"2026-03-02T09:30:00+08:00"}]`,
		"bad enum":         `[{"service_request_id":"1","status":"pending","service_code":"A","requested_datetime":"2026-03-02T09:30:00+08:00"}]`,
		"number id":        `[{"service_request_id":1,"status":"open","service_code":"A","requested_datetime":"2026-03-02T09:30:00+08:00"}]`,
		"no time zone":     `[{"service_request_id":"1","status":"open","service_code":"A","requested_datetime":"2026-03-02T09:30:00"}]`,
		"foreign property": `[{"service_request_id":"1","status":"open","service_code":"A","requested_datetime":"2026-03-02T09:30:00Z","phone":"x"}]`,
		"long description": `[{"service_request_id":"1","status":"open","service_code":"A","requested_datetime":"2026-03-02T09:30:00Z","description":"` +
			strings.Repeat("长", 4001) + `"}]`,
	}
	for name, body := range bad {
		if p := arrayOf(requestSchema).validate("$", decodeJSON(t, []byte(body))); len(p) == 0 {
			t.Errorf("%s: not caught", name)
		}
	}
	good := `[{"service_request_id":"1","status":"closed","service_code":"A","requested_datetime":"2026-03-02T09:30:00Z","lat":32.1,"long":118}]`
	if p := arrayOf(requestSchema).validate("$", decodeJSON(t, []byte(good))); len(p) != 0 {
		t.Errorf("good request refused: %v", p)
	}
	if p := errorSchema.validate("$", decodeJSON(t, []byte(`{"code":"400","description":"x"}`))); len(p) == 0 {
		t.Error("a string error code is not caught")
	}
}
