package openapi

import (
	"encoding/json"
	"testing"
	"time"
)

type node struct {
	Name     string  `json:"name"`
	Children []*node `json:"children,omitempty"`
}

type base struct {
	ID int64 `json:"id"`
}

type item struct {
	base
	Title  string          `json:"title" doc:"标题"`
	Skip   string          `json:"-"`
	hidden string          // unexported: must be skipped
	Tags   []string        `json:"tags,omitempty"`
	Attrs  map[string]int  `json:"attrs"`
	At     time.Time       `json:"at"`
	Maybe  *float64        `json:"maybe,omitzero"`
	Raw    json.RawMessage `json:"raw"`
	Data   []byte          `json:"data"`
	Any    any             `json:"any"`
	Tree   node            `json:"tree"`
	Untag  bool
}

func TestGeneratorStruct(t *testing.T) {
	schemas := map[string]Schema{}
	g := NewGenerator(schemas)
	s := g.For(item{hidden: "x"})
	if s["$ref"] != "#/components/schemas/item" {
		t.Fatalf("named struct not referenced: %v", s)
	}
	obj := schemas["item"]
	props := obj["properties"].(map[string]any)
	want := map[string]string{"id": "integer", "title": "string", "tags": "array", "attrs": "object",
		"at": "string", "maybe": "number", "data": "string", "Untag": "boolean"}
	for name, typ := range want {
		p, ok := props[name].(Schema)
		if !ok || p["type"] != typ {
			t.Errorf("property %s = %v, want type %s", name, props[name], typ)
		}
	}
	for _, gone := range []string{"Skip", "-", "hidden", "base"} {
		if _, ok := props[gone]; ok {
			t.Errorf("property %s should not be there", gone)
		}
	}
	if props["title"].(Schema)["description"] != "标题" {
		t.Errorf("doc tag lost: %v", props["title"])
	}
	if props["at"].(Schema)["format"] != "date-time" {
		t.Errorf("time format: %v", props["at"])
	}
	req := obj["required"].([]string)
	for _, r := range req {
		if r == "tags" || r == "maybe" {
			t.Errorf("omitempty/omitzero field %s is required", r)
		}
	}
	if len(req) != 9 {
		t.Errorf("required = %v", req)
	}
	tree := schemas["node"]
	kids := tree["properties"].(map[string]any)["children"].(Schema)
	if kids["items"].(Schema)["$ref"] != "#/components/schemas/node" {
		t.Errorf("recursive type: %v", kids)
	}
}

func TestGeneratorPassesSchemasAndNil(t *testing.T) {
	g := NewGenerator(map[string]Schema{})
	hand := Schema{"type": "string", "enum": []string{"a"}}
	if got := g.For(hand); got["enum"] == nil {
		t.Errorf("hand-written schema changed: %v", got)
	}
	if g.For(nil) != nil {
		t.Error("nil value has a schema")
	}
	if got := g.For([]int{}); got["type"] != "array" || got["items"].(Schema)["type"] != "integer" {
		t.Errorf("slice schema: %v", got)
	}
	if got := g.For(struct {
		A string `json:"a"`
	}{}); got["type"] != "object" {
		t.Errorf("anonymous struct should be inline: %v", got)
	}
}

type other struct{ X int }

func TestGeneratorQualifiesNameClash(t *testing.T) {
	schemas := map[string]Schema{"other": {"type": "string"}}
	g := NewGenerator(schemas)
	if got := g.For(other{}); got["$ref"] != "#/components/schemas/openapi.other" {
		t.Errorf("clash not qualified: %v", got)
	}
}

func TestPathItem(t *testing.T) {
	var p PathItem
	op := &Operation{OperationID: "x"}
	if !p.Set("post", op) || p.Op("POST") != op || p.Set("TRACE", op) {
		t.Fatal("PathItem.Set/Op")
	}
	if m := p.Methods(); len(m) != 1 || m[0] != "POST" {
		t.Errorf("Methods = %v", m)
	}
}
