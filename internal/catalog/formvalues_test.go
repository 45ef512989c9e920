package catalog

import (
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// everyType is a form with one field of each type.
var everyType = Form{
	{Name: "name", Label: "姓名", Type: FieldText, Required: true, MaxLen: 10},
	{Name: "story", Label: "情况说明", Type: FieldLongText},
	{Name: "area", Label: "面积", Type: FieldNumber},
	{Name: "since", Label: "开始日期", Type: FieldDate},
	{Name: "kind", Label: "类别", Type: FieldChoice, Options: []string{"餐饮", "零售"}},
	{Name: "extras", Label: "附加", Type: FieldMultiChoice, Options: []string{"外卖", "堂食", "网售"}},
	{Name: "id", Label: "身份证号", Type: FieldIDNumber},
	{Name: "uscc", Label: "信用代码", Type: FieldCreditCode},
	{Name: "mobile", Label: "手机", Type: FieldPhone},
	{Name: "addr", Label: "地址", Type: FieldAddress},
	{Name: "doc", Label: "附件", Type: FieldFile},
	{Name: "staff", Label: "人员", Type: FieldTable, Columns: []FormField{
		{Name: "who", Label: "姓名", Type: FieldText, Required: true},
		{Name: "tel", Label: "电话", Type: FieldPhone},
	}},
}

func TestFormDefinitionIsValid(t *testing.T) {
	var p problems
	everyType.check(&p, "form", false)
	if len(p) != 0 {
		t.Fatalf("problems: %v", p)
	}
}

func TestFormValidatePerType(t *testing.T) {
	id := check.MakeIDNumber("320113", time.Date(1990, 5, 1, 0, 0, 0, 0, time.UTC), 12)
	uscc := check.MakeCreditCode("91320113MA1KQ7PB0")
	badUSCC := uscc[:17] + map[bool]string{true: "1", false: "0"}[uscc[17] == '0']
	cases := []struct {
		field string
		value any
		ok    bool
	}{
		{"name", "张三", true},
		{"name", strings.Repeat("张", 11), false},
		{"name", "<script>alert(1)</script>", false},
		{"name", "'; DROP TABLE x;--", false},
		{"story", strings.Repeat("说", 2000), true},
		{"story", strings.Repeat("说", 2001), false},
		{"area", "12.5", true},
		{"area", 30.0, true},
		{"area", "1e5", false},
		{"area", "NaN", false},
		{"area", "十二", false},
		{"since", "2025-03-01", true},
		{"since", "2025-02-30", false},
		{"since", "2025/03/01", false},
		{"kind", "餐饮", true},
		{"kind", "娱乐", false},
		{"extras", []any{"外卖", "网售"}, true},
		{"extras", []string{"堂食"}, true},
		{"extras", []any{"外卖", "外卖"}, false},
		{"extras", []any{"赌博"}, false},
		{"extras", "外卖", false},
		{"id", id, true},
		{"id", id[:17] + "0", id[17] == '0'},
		{"id", "12345", false},
		{"uscc", uscc, true},
		{"uscc", badUSCC, true}, // checksum warnings are accepted
		{"uscc", "ABC", false},
		{"mobile", "138 0000 0000", true},
		{"mobile", "12345678901", false},
		{"addr", "南京市栖霞区尧化街道新尧路1号", true},
		{"addr", "迈皋桥街道和燕路1号", true},
		{"addr", "南京市鼓楼区中山路1号", false},
		{"doc", "upload-42", true},
		{"doc", "<img src=x onerror=alert(1)>", false},
		{"staff", []any{map[string]any{"who": "李四", "tel": "13800000000"}}, true},
		{"staff", []map[string]any{{"who": "李四"}}, true},
		{"staff", "not a table", false},
		{"staff", []any{"row"}, false},
	}
	for _, c := range cases {
		vals := map[string]any{"name": "张三", c.field: c.value}
		got := everyType.Validate(vals)
		if c.ok && len(got) != 0 {
			t.Errorf("%s = %#v refused: %v", c.field, c.value, got)
		}
		if !c.ok && !hasPrefixKey(got, c.field) {
			t.Errorf("%s = %#v accepted: %v", c.field, c.value, got)
		}
	}
}

func TestFormValidateRequiredAndUnknown(t *testing.T) {
	got := everyType.Validate(map[string]any{"bogus": "x", "staff": []any{map[string]any{"tel": "1"}}})
	for _, k := range []string{"name", "bogus", "staff[0].who", "staff[0].tel"} {
		if got[k] == "" {
			t.Errorf("no message for %s: %v", k, got)
		}
	}
	if got["name"] != "请填写姓名" {
		t.Errorf("name message = %q", got["name"])
	}
}

func TestFormValidateInOtherArea(t *testing.T) {
	f := Form{{Name: "addr", Label: "地址", Type: FieldAddress, Required: true}}
	area := Area{District: "鼓楼区", Streets: []string{"宁海路街道"}}
	if got := f.ValidateIn(map[string]any{"addr": "宁海路街道1号"}, area); len(got) != 0 {
		t.Errorf("refused: %v", got)
	}
	if got := f.ValidateIn(map[string]any{"addr": "栖霞区1号"}, area); got["addr"] == "" {
		t.Error("address outside the area accepted")
	}
}

func FuzzFormValidate(f *testing.F) {
	for _, s := range []string{"", "张三", "2025-03-01", "12.5", "<script>", "\xff\xfe", "栖霞区", strings.Repeat("a", 3000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		vals := map[string]any{}
		for _, fd := range everyType {
			vals[fd.Name] = s
		}
		vals["extras"] = []any{s}
		vals["staff"] = []any{map[string]any{"who": s, "tel": s}}
		for k, msg := range everyType.Validate(vals) {
			if msg == "" || k == "" {
				t.Fatalf("empty message or key: %q → %q", k, msg)
			}
		}
	})
}

// hasPrefixKey reports whether a message names field or one of its cells.
func hasPrefixKey(m map[string]string, field string) bool {
	for k := range m {
		if k == field || strings.HasPrefix(k, field+"[") {
			return true
		}
	}
	return false
}
