package workorder

import (
	"reflect"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestDemoTree(t *testing.T) {
	cats, note, err := DemoCategories()
	if err != nil || note == "" {
		t.Fatal(err)
	}
	tree := &Tree{Categories: cats}
	if err := tree.Validate(); err != nil {
		t.Fatal(err)
	}
	// The seven property request kinds, with the book's 48 hours.
	prop := tree.Leaves(true)
	var names []string
	for _, c := range prop {
		names = append(names, c.Name)
		if c.Resolution != (Limit{48, UnitHours}) || c.Handler != HandlerProperty {
			t.Errorf("%s: %+v %s", c.Name, c.Resolution, c.Handler)
		}
	}
	want := []string{"停车管理", "电梯管理", "物业报修", "绿化养护", "环境卫生", "安全秩序", "收费咨询"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("property kinds %v", names)
	}
	// Violations: answered within 1 working day, resolved within 3.
	illegal, _ := tree.Effective("CG-02")
	if illegal.Response != (Limit{1, UnitWorkdays}) || illegal.Resolution != (Limit{3, UnitWorkdays}) ||
		illegal.GridClass != "SJ-0101" || !illegal.Verify {
		t.Errorf("违法建设 %+v", illegal)
	}
	// Urgency shortens the limits where the category says so.
	lift, _ := tree.Effective("WY-02")
	if resp, res := lift.LimitsFor(UrgencyCritical); resp != (Limit{1, UnitHours}) || res != (Limit{4, UnitHours}) {
		t.Errorf("电梯困人 %v %v", resp, res)
	}
	for _, c := range cats {
		if c.Parent == "" && len(tree.Children(c.Code)) == 0 {
			t.Errorf("%s: a top group without children", c.Code)
		}
	}
}

func TestTreeValidation(t *testing.T) {
	good := func() []Category {
		return []Category{
			{Code: "AB", Name: "分组", Handler: HandlerStreet, Response: Limit{2, UnitHours}, Resolution: Limit{1, UnitWorkdays}},
			{Code: "AB-01", Parent: "AB", Name: "叶子", Fields: []Field{{Key: "kind", Label: "类型", Type: FieldSingle,
				Options: []Option{{Key: "a", Name: "甲"}}}}},
		}
	}
	cases := []struct {
		name string
		edit func([]Category) []Category
		path string
	}{
		{"bad code", func(c []Category) []Category { c[0].Code = "ab"; return c }, "categories[0].code"},
		{"duplicate code", func(c []Category) []Category { c[1].Code = "AB"; return c }, "categories[1].code"},
		{"parent after child", func(c []Category) []Category { c[0], c[1] = c[1], c[0]; return c }, "categories[0].parent"},
		{"no name", func(c []Category) []Category { c[1].Name = ""; return c }, "categories[1].name"},
		{"unknown grid class", func(c []Category) []Category { c[1].GridClass = "SJ-9999"; return c }, "categories[1].grid_class"},
		{"bad handler", func(c []Category) []Category { c[1].Handler = "mayor"; return c }, "categories[1].handler"},
		{"half a limit", func(c []Category) []Category { c[1].Response = Limit{2, UnitHours}; return c }, "categories[1].response"},
		{"limit too long", func(c []Category) []Category { c[0].Resolution = Limit{100, UnitWorkdays}; return c }, "categories[0].resolution"},
		{"bad unit", func(c []Category) []Category { c[0].Response.Unit = "days"; return c }, "categories[0].response"},
		{"normal listed", func(c []Category) []Category { c[1].Urgencies = []UrgencyOption{{Code: UrgencyNormal}}; return c }, "categories[1].urgencies[0].code"},
		{"bad field key", func(c []Category) []Category { c[1].Fields[0].Key = "Kind"; return c }, "categories[1].fields[0].key"},
		{"bad field type", func(c []Category) []Category { c[1].Fields[0].Type = "colour"; return c }, "categories[1].fields[0].type"},
		{"list without options", func(c []Category) []Category { c[1].Fields[0].Options = nil; return c }, "categories[1].fields[0].options"},
		{"options on text", func(c []Category) []Category { c[1].Fields[0].Type = FieldString; return c }, "categories[1].fields[0].options"},
		{"duplicate option", func(c []Category) []Category {
			c[1].Fields[0].Options = append(c[1].Fields[0].Options, Option{Key: "a", Name: "乙"})
			return c
		}, "categories[1].fields[0].options[1].key"},
		{"fields on a group", func(c []Category) []Category { c[0].Fields = c[1].Fields; return c }, "categories[0].fields"},
		{"leaf without handler", func(c []Category) []Category { c[0].Handler = ""; return c }, "categories[1].handler"},
		{"leaf without limits", func(c []Category) []Category { c[0].Response, c[0].Resolution = Limit{}, Limit{}; return c }, "categories[1].response"},
		{"empty tree", func([]Category) []Category { return nil }, "categories"},
	}
	if err := (&Tree{Categories: good()}).Validate(); err != nil {
		t.Fatalf("good tree: %v", err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := (&Tree{Categories: c.edit(good())}).Validate()
			if e, ok := apperr.As(err); !ok || e.Fields[c.path] == "" {
				t.Fatalf("err = %v, want a problem at %s", err, c.path)
			}
		})
	}
}

func TestVersions(t *testing.T) {
	r := newRig(t)
	old, err := r.s.File(r.ctx, resident(7), r.parkingRequest("仙鹤社区"))
	if err != nil {
		t.Fatal(err)
	}
	draft, err := r.s.Draft(r.ctx, admin)
	if err != nil || draft.Version != 0 || len(draft.Categories) == 0 {
		t.Fatalf("draft %+v %v", draft, err)
	}
	cats := draft.Categories
	for i := range cats {
		if cats[i].Code == "WY-01" {
			cats[i].Name = "停车秩序"
		}
	}
	saved, err := r.s.SaveDraft(r.ctx, admin, cats)
	if err != nil || saved.Version != 2 {
		t.Fatalf("save: %+v %v", saved, err)
	}
	// Saving again keeps the same draft version; nothing is live yet.
	if saved, err = r.s.SaveDraft(r.ctx, admin, cats); err != nil || saved.Version != 2 {
		t.Fatalf("save again: %v", err)
	}
	if cur, _ := r.s.CurrentTree(r.ctx, district); cur.Version != 1 {
		t.Errorf("current is %d before publishing", cur.Version)
	}
	bad := append([]Category{}, cats...)
	bad[0].Code = "?"
	if _, err := r.s.SaveDraft(r.ctx, admin, bad); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("bad draft: %v", err)
	}
	pub, err := r.s.Publish(r.ctx, admin, "停车管理改名")
	if err != nil || pub.Version != 2 || pub.State != TreePublished {
		t.Fatalf("publish: %+v %v", pub, err)
	}
	if _, err := r.s.Publish(r.ctx, admin, ""); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("publish without a draft: %v", err)
	}
	// Old orders keep their version; new ones use the new one.
	v, _ := r.s.Get(r.ctx, resident(7), old.Order.Number)
	f, err := r.s.File(r.ctx, resident(7), r.parkingRequest("仙鹤社区"))
	if err != nil || v.Category.Name != "停车管理" || v.Category.Version != 1 || f.Order.CategoryVersion != 2 {
		t.Errorf("versions: old %+v new %d %v", v.Category, f.Order.CategoryVersion, err)
	}
	vs, err := r.s.TreeVersions(r.ctx, admin)
	if err != nil || len(vs) != 2 || vs[0].State != TreePublished || vs[1].State != TreeRetired {
		t.Errorf("versions %+v %v", vs, err)
	}
}
