package catalog

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Cell encodings of the Excel template. Every value is written as text so
// that Excel keeps codes such as "012300100000" intact; every decoder
// returns a Chinese reason ("" when the cell is fine).

const (
	// xlListSep joins short lists (levels, keywords, bundles) in one cell.
	xlListSep = "；"
	// xlLineSep joins long texts (受理条件) one per line, as staff type them
	// with Alt+Enter.
	xlLineSep = "\n"
	// xlMaxCellChars is Excel's own limit of a cell, in UTF-16 units.
	xlMaxCellChars = 32767
)

// xlYesNo encodes a flag as staff read it.
func xlYesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// xlParseBool accepts 是/否 and the spellings Excel itself produces; an
// empty cell means 否.
func xlParseBool(s string, v *bool) string {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "是", "TRUE", "1", "Y", "YES":
		*v = true
	case "否", "FALSE", "0", "N", "NO", "":
		*v = false
	default:
		return "应填写「是」或「否」"
	}
	return ""
}

// xlParseInt reads a whole number; an empty cell is 0.
func xlParseInt(s string, v *int) string {
	s = strings.TrimSpace(s)
	if s == "" {
		*v = 0
		return ""
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return "应填写整数"
	}
	*v = n
	return ""
}

// xlYuan renders an amount in fen as yuan with two decimals.
func xlYuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}

// xlParseYuan reads an amount in yuan exactly (no floating point: 0.1 yuan
// must stay 10 fen); an empty cell is 0.
func xlParseYuan(s string, v *int64) string {
	s = strings.TrimSpace(s)
	if s == "" {
		*v = 0
		return ""
	}
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if len(frac) > 2 || whole == "" || !xlDigits(whole) || !xlDigits(frac) || len(whole) > 12 {
		return "金额应为最多两位小数的元数"
	}
	frac = (frac + "00")[:2]
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	*v = w*100 + f
	if neg {
		*v = -*v
	}
	return ""
}

func xlDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// xlJoin writes a list joined by sep, or as a JSON array when an element
// is empty, has surrounding spaces or contains the separator, so that
// every list survives the round trip.
func xlJoin(vs []string, sep string) string {
	joined := strings.Join(vs, sep)
	plain := !strings.HasPrefix(joined, "[")
	for _, v := range vs {
		if v == "" || strings.Contains(v, sep) || strings.TrimSpace(v) != v || (sep == xlListSep && strings.Contains(v, ";")) {
			plain = false
		}
	}
	if plain {
		return joined
	}
	raw, _ := json.Marshal(vs)
	return string(raw)
}

// xlSplit reads what xlJoin wrote; it always returns a non-nil slice
// (the contract writes empty lists as []). Staff typing a list by hand
// may use the ASCII ";" as well.
func xlSplit(s, sep string) ([]string, string) {
	out := []string{}
	t := strings.TrimSpace(s)
	if t == "" {
		return out, ""
	}
	if strings.HasPrefix(t, "[") {
		if err := json.Unmarshal([]byte(t), &out); err != nil {
			return []string{}, "列表格式不正确（以“[”开头时应为JSON数组）"
		}
		return out, ""
	}
	seps := sep
	if sep == xlListSep {
		seps = xlListSep + ";"
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if p := strings.TrimSpace(strings.TrimRight(part, "\r")); p != "" {
			out = append(out, p)
		}
	}
	return out, ""
}

// xlEnumName renders a code by its Chinese name.
func xlEnumName[K ~string](names map[K]string, k K) string { return nameOr(names, k) }

// xlParseEnum accepts a Chinese name or the code itself. An empty cell is
// the empty code when allowEmpty, for optional enums.
func xlParseEnum[K ~string](names map[K]string, s string, v *K, allowEmpty bool, what string) string {
	s = strings.TrimSpace(s)
	if s == "" && allowEmpty {
		*v = ""
		return ""
	}
	for k, n := range names {
		if s == n || s == string(k) {
			*v = k
			return ""
		}
	}
	*v = K(s)
	return "未知的" + what + "「" + short(s) + "」"
}

// xlJoinEnums renders a list of codes by their names.
func xlJoinEnums[K ~string](names map[K]string, ks []K) string {
	vs := make([]string, len(ks))
	for i, k := range ks {
		vs[i] = nameOr(names, k)
	}
	return xlJoin(vs, xlListSep)
}

// xlParseEnums reads a list of names or codes.
func xlParseEnums[K ~string](names map[K]string, s string, v *[]K, what string) string {
	parts, msg := xlSplit(s, xlListSep)
	*v = nil // an empty cell reads back as no list, as JSON without the key does
	if msg != "" || len(parts) == 0 {
		return msg
	}
	for _, p := range parts {
		var k K
		if m := xlParseEnum(names, p, &k, false, what); m != "" {
			msg = m
		}
		*v = append(*v, k)
	}
	return msg
}

// xlCellTooLong reports whether a value passes Excel's cell limit.
func xlCellTooLong(s string) bool {
	if len(s) <= xlMaxCellChars {
		return false
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
		if n > xlMaxCellChars {
			return true
		}
	}
	return false
}
