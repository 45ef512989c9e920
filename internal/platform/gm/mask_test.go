package gm

import "testing"

func TestMasks(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) string
		in   string
		want string
	}{
		{"id", MaskIDNumber, "32011319900101123X", "320113********123X"},
		{"id 15", MaskIDNumber, "320113900101123", "320113*****1123"},
		{"id short", MaskIDNumber, "E12345678", "*********"},
		{"id empty", MaskIDNumber, "", ""},
		{"phone", MaskPhone, "13812345678", "138****5678"},
		{"phone landline", MaskPhone, "025-12345678", "025*****5678"},
		{"phone short", MaskPhone, "12345", "*****"},
		{"name 3", MaskName, "张三丰", "张*丰"},
		{"name 2", MaskName, "张三", "张*"},
		{"name 1", MaskName, "张", "*"},
		{"name 4", MaskName, "欧阳娜娜", "欧**娜"},
		{"name spaces", MaskName, " 张三 ", "张*"},
		{"name latin", MaskName, "John Smith", "J********h"},
		{"name empty", MaskName, "", ""},
		{"invalid utf8", MaskName, "\xff\xfe\xfd", "\uFFFD*\uFFFD"},
	}
	for _, tc := range tests {
		if got := tc.f(tc.in); got != tc.want {
			t.Errorf("%s: mask(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestMaskMiddle(t *testing.T) {
	for _, tc := range []struct {
		in         string
		head, tail int
		want       string
	}{
		{"abcdef", 2, 2, "ab**ef"},
		{"abcd", 2, 2, "****"},
		{"abc", -1, -5, "***"},
		{"abc", 0, 0, "***"},
	} {
		if got := MaskMiddle(tc.in, tc.head, tc.tail); got != tc.want {
			t.Errorf("MaskMiddle(%q, %d, %d) = %q", tc.in, tc.head, tc.tail, got)
		}
	}
}
