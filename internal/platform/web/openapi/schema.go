package openapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"
)

// Generator turns Go values into JSON Schemas, collecting named struct types
// as shared component schemas referenced with $ref, so a type used by many
// operations is described once.
type Generator struct {
	schemas map[string]Schema
	names   map[reflect.Type]string
}

// NewGenerator returns a generator that adds named schemas to schemas.
func NewGenerator(schemas map[string]Schema) *Generator {
	return &Generator{schemas: schemas, names: map[reflect.Type]string{}}
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	bytesType   = reflect.TypeFor[[]byte]()
	schemaType  = reflect.TypeFor[Schema]()
	durationTyp = reflect.TypeFor[time.Duration]()
)

// For returns the schema of v: v itself when it already is a Schema (a
// hand-written JSON Schema), nil when v is nil, and otherwise the schema
// derived from v's type (its value serves only as an example).
func (g *Generator) For(v any) Schema {
	if v == nil {
		return nil
	}
	if s, ok := v.(Schema); ok {
		return s
	}
	return g.typeSchema(reflect.TypeOf(v))
}

func (g *Generator) typeSchema(t reflect.Type) Schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case timeType:
		return Schema{"type": "string", "format": "date-time"}
	case rawType:
		return Schema{}
	case bytesType:
		return Schema{"type": "string", "contentEncoding": "base64"}
	case schemaType:
		return Schema{"type": "object"}
	case durationTyp:
		return Schema{"type": "integer", "description": "纳秒"}
	}
	if s := scalarSchema(t.Kind()); s != nil {
		return s
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return Schema{"type": "array", "items": g.typeSchema(t.Elem())}
	case reflect.Map:
		return Schema{"type": "object", "additionalProperties": g.typeSchema(t.Elem())}
	case reflect.Struct:
		return g.structSchema(t)
	}
	// Interfaces, funcs and channels carry no static shape: any value.
	return Schema{}
}

func scalarSchema(k reflect.Kind) Schema {
	switch k {
	case reflect.String:
		return Schema{"type": "string"}
	case reflect.Bool:
		return Schema{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Uint, reflect.Uint64, reflect.Uintptr:
		return Schema{"type": "integer", "format": "int64"}
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return Schema{"type": "integer", "format": "int32"}
	case reflect.Float32, reflect.Float64:
		return Schema{"type": "number"}
	}
	return nil
}

// structSchema describes a named struct once, as a component, and refers to
// it; anonymous and generic structs are described inline.
func (g *Generator) structSchema(t reflect.Type) Schema {
	if t.Name() == "" || strings.ContainsAny(t.Name(), "[]") {
		return g.objectSchema(t)
	}
	if name, ok := g.names[t]; ok {
		return ref(name)
	}
	name := g.componentName(t)
	g.names[t] = name
	// Reserve the name first so a recursive type refers to itself.
	g.schemas[name] = Schema{}
	g.schemas[name] = g.objectSchema(t)
	return ref(name)
}

// componentName is the type's name, qualified by its package when two
// packages define types of the same name.
func (g *Generator) componentName(t reflect.Type) string {
	name := t.Name()
	if _, taken := g.schemas[name]; !taken {
		return name
	}
	pkg := t.PkgPath()
	if i := strings.LastIndex(pkg, "/"); i >= 0 {
		pkg = pkg[i+1:]
	}
	return pkg + "." + name
}

func ref(name string) Schema { return Schema{"$ref": "#/components/schemas/" + name} }

func (g *Generator) objectSchema(t reflect.Type) Schema {
	props := map[string]any{}
	var required []string
	g.addFields(t, props, &required)
	s := Schema{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// addFields follows encoding/json's rules: exported fields, json tag names,
// "-" skipped, embedded structs without a tag name flattened; a field
// without omitempty/omitzero is always present, hence required.
func (g *Generator) addFields(t reflect.Type, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, skip := jsonName(f)
		if skip {
			continue
		}
		if f.Anonymous && name == "" && derefKind(f.Type) == reflect.Struct {
			g.addFields(deref(f.Type), props, required)
			continue
		}
		if name == "" {
			name = f.Name
		}
		fs := g.typeSchema(f.Type)
		if doc := f.Tag.Get("doc"); doc != "" {
			fs = withDescription(fs, doc)
		}
		props[name] = fs
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			*required = append(*required, name)
		}
	}
}

// withDescription adds a description without touching a shared $ref schema
// (OpenAPI 3.1 allows description beside $ref).
func withDescription(s Schema, doc string) Schema {
	out := make(Schema, len(s)+1)
	for k, v := range s {
		out[k] = v
	}
	out["description"] = doc
	return out
}

func jsonName(f reflect.StructField) (name, opts string, skip bool) {
	if !f.IsExported() && !f.Anonymous {
		return "", "", true
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", "", true
	}
	name, opts, _ = strings.Cut(tag, ",")
	if !f.IsExported() && (name != "" || derefKind(f.Type) != reflect.Struct) {
		return "", "", true
	}
	return name, opts, false
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func derefKind(t reflect.Type) reflect.Kind { return deref(t).Kind() }
