package pdfdoc

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// unitWidth measures every rune as one unit, so that expected breaks can be
// written down by counting characters.
func unitWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) }

func TestWrapText(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"fits", "办事指南", 4, []string{"办事指南"}},
		{"empty", "", 4, []string{""}},
		{"hanzi break anywhere", "食品经营许可新办", 3, []string{"食品经", "营许可", "新办"}},
		{"newline", "受理\n条件", 10, []string{"受理", "条件"}},
		{"comma not at line head", "一二三，四五", 3, []string{"一二", "三，四", "五"}},
		{"closing marks stay behind", "一二三。”四", 3, []string{"一二", "三。”", "四"}},
		{"opening mark not at line tail", "一二（三）", 3, []string{"一二", "（三）"}},
		{"latin word whole", "电话025-12345", 10, []string{"电话", "025-12345"}},
		{"spaces dropped at breaks", "ab cd ef", 5, []string{"ab cd", "ef"}},
		{"word wider than line split", "0123456789", 4, []string{"0123", "4567", "89"}},
		{"lone word gives a character to a stop", "电话025-12345。", 9, []string{"电话", "025-1234", "5。"}},
		{"time kept whole", "上午8:00", 4, []string{"上午", "8:00"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := wrapText(c.text, c.width, unitWidth)
			if !slices.Equal(got, c.want) {
				t.Fatalf("wrapText(%q, %g) = %q, want %q", c.text, c.width, got, c.want)
			}
		})
	}
}

// TestWrapKeepsEveryCharacter wraps a long guide text at many widths with
// the real font, checking that no line is too wide, none starts with a
// closing mark, and nothing is lost or doubled.
func TestWrapKeepsEveryCharacter(t *testing.T) {
	d := New("测试", Uncompressed())
	d.pdf.SetFont(fontFamily, "", sizeBody)
	text := "本人（本单位）承诺：已知晓食品经营许可的全部条件和要求；所填报信息和提交的材料真实、准确；" +
		"周一至周六 8:00—20:00（区政务服务中心），咨询电话025-12345。GB/T 39046-2020规定的要素。"
	for w := 12.0; w <= 170; w += 7 {
		lines := wrapText(text, w, d.pdf.GetStringWidth)
		if got := strings.Join(lines, ""); strip(got) != strip(text) {
			t.Fatalf("width %g: lines %q lose or add text", w, lines)
		}
		for _, l := range lines {
			if d.pdf.GetStringWidth(l) > w+0.01 {
				t.Errorf("width %g: line %q is %.1f mm wide", w, l, d.pdf.GetStringWidth(l))
			}
			if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune("，。；：、）", r) {
				t.Errorf("width %g: line %q starts with a closing mark", w, l)
			}
		}
	}
}

func strip(s string) string { return strings.ReplaceAll(s, " ", "") }
