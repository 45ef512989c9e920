package web

import (
	"net/url"
	"strings"
	"testing"
)

func TestForm(t *testing.T) {
	t.Parallel()
	f := NewForm(url.Values{
		"name": {"  张三  "}, "long": {strings.Repeat("长", 11)}, "fits": {strings.Repeat("长", 10)},
		"ctrl": {"a\x00b"}, "bad": {"\xff"}, "note": {"第一行\n第二行"}, "oneline": {"a\nb"},
		"age": {"30"}, "old": {"300"}, "nan": {"三十"}, "kind": {"b"}, "odd": {"z"}, "agree": {"on"},
	})
	tests := []struct {
		name   string
		get    func() any
		want   any
		errMsg string
		field  string
	}{
		{"trimmed", func() any { return f.Text("name", "姓名", 20, true) }, "张三", "", "name"},
		{"required empty", func() any { return f.Text("missing", "地址", 20, true) }, "", "地址不能为空", "missing"},
		{"optional empty", func() any { return f.Text("missing2", "备注", 20, false) }, "", "", "missing2"},
		{"runes not bytes", func() any { return f.Text("fits", "标题", 10, true) }, strings.Repeat("长", 10), "", "fits"},
		{"too long", func() any { return f.Text("long", "标题", 10, true) }, strings.Repeat("长", 11), "标题不能超过 10 个字", "long"},
		{"control", func() any { return f.Text("ctrl", "姓名", 20, true) }, "", "姓名含有不允许的字符", "ctrl"},
		{"invalid utf-8", func() any { return f.Text("bad", "姓名", 20, true) }, "", "姓名含有不允许的字符", "bad"},
		{"line break in one line", func() any { return f.Text("oneline", "标题", 20, true) }, "", "标题含有不允许的字符", "oneline"},
		{"multiline", func() any { return f.Multiline("note", "说明", 20, true) }, "第一行\n第二行", "", "note"},
		{"int", func() any { return f.Int("age", "年龄", 0, 150, true) }, int64(30), "", "age"},
		{"int out of range", func() any { return f.Int("old", "年龄", 0, 150, true) }, int64(300), "年龄应在 0 到 150 之间", "old"},
		{"not an int", func() any { return f.Int("nan", "年龄", 0, 150, true) }, int64(0), "年龄必须是整数", "nan"},
		{"choice", func() any { return f.Choice("kind", "类型", []string{"a", "b"}, true) }, "b", "", "kind"},
		{"bad choice", func() any { return f.Choice("odd", "类型", []string{"a", "b"}, true) }, "", "类型的选项无效", "odd"},
		{"missing choice", func() any { return f.Choice("none", "类型", []string{"a"}, true) }, "", "请选择类型", "none"},
		{"checkbox", func() any { return f.Bool("agree") }, true, "", "agree"},
		{"unticked", func() any { return f.Bool("nope") }, false, "", "nope"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.get(); got != tc.want {
				t.Errorf("value %#v, want %#v", got, tc.want)
			}
			if got := f.Errors()[tc.field]; got != tc.errMsg {
				t.Errorf("error %q, want %q", got, tc.errMsg)
			}
		})
	}
	err := f.Err()
	if err == nil || StatusOf(err) != 400 {
		t.Fatalf("Err() = %v", err)
	}
	if NewForm(url.Values{"a": {"1"}}).Err() != nil {
		t.Error("a clean form reports an error")
	}
}

func TestReadFormIgnoresQuery(t *testing.T) {
	t.Parallel()
	r := formReq("POST", "/x?name=query", "", url.Values{"other": {"1"}})
	f, err := ReadForm(r)
	if err != nil {
		t.Fatal(err)
	}
	if f.Value("name") != "" || f.Value("other") != "1" {
		t.Errorf("form read the query string: %q %q", f.Value("name"), f.Value("other"))
	}
}
