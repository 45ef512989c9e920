package gm

import "strings"

// MaskMiddle keeps the first head and last tail runes of s and replaces
// each rune between them with '*'. If that would reveal all of s, every
// rune is masked instead. Surrounding white space is trimmed.
func MaskMiddle(s string, head, tail int) string {
	r := []rune(strings.TrimSpace(s))
	head, tail = max(head, 0), max(tail, 0)
	if head+tail >= len(r) {
		return strings.Repeat("*", len(r))
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}

// MaskIDNumber shows the first six and last four characters of an ID
// number: "32011319900101123X" → "320113********123X".
func MaskIDNumber(s string) string { return MaskMiddle(s, 6, 4) }

// MaskPhone shows the first three and last four digits of a phone number:
// "13812345678" → "138****5678".
func MaskPhone(s string) string { return MaskMiddle(s, 3, 4) }

// MaskName masks a personal name: two characters keep the first
// ("张三" → "张*"), longer names keep the first and last ("张三丰" → "张*丰",
// "欧阳娜娜" → "欧**娜"), and a single character is fully masked.
func MaskName(s string) string {
	n := len([]rune(strings.TrimSpace(s)))
	if n == 2 {
		return MaskMiddle(s, 1, 0)
	}
	return MaskMiddle(s, 1, 1)
}
