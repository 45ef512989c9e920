package workorder

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Lengths of extra field values.
const (
	maxStringRunes = 100
	maxTextRunes   = 1000
)

// datetimeLayouts are the accepted forms of a datetime value, in China
// time: what an HTML datetime-local input sends, with or without seconds,
// and RFC 3339 from other systems.
var datetimeLayouts = []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", time.RFC3339}

// checkValues validates the extra field values of a request against the
// (effective) category and returns them normalised: strings for text,
// lists and datetimes, float64 for numbers, []string for multi lists.
// Problems are reported as fields.<key>.
func checkValues(v *violations, c Category, in map[string]any) map[string]any {
	out := map[string]any{}
	for _, key := range sortedKeys(in) {
		if _, ok := c.Field(key); !ok {
			v.add("fields."+key, ReasonUnknownField, "分类「"+c.Name+"」没有字段「"+key+"」")
		}
	}
	for _, f := range c.Fields {
		val, present := normalise(f, in[f.Key])
		path := "fields." + f.Key
		switch {
		case !present && f.Required:
			v.add(path, ReasonRequired, "请填写「"+f.Label+"」")
		case !present:
		default:
			if r, msg := checkValue(f, val); r != "" {
				v.add(path, r, msg)
				continue
			}
			if f.Type == FieldNumber {
				val = numberValue(val.(string))
			}
			out[f.Key] = val
		}
	}
	return out
}

// normalise turns what a form or JSON sent into the field's Go shape;
// present is false for nothing, empty strings and empty lists.
func normalise(f Field, raw any) (any, bool) {
	if f.Type == FieldMulti {
		list := toStrings(raw)
		return list, len(list) > 0
	}
	var s string
	switch x := raw.(type) {
	case nil:
		return nil, false
	case string:
		s = strings.TrimSpace(x)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		s = x.String()
	case []string:
		if len(x) == 1 {
			s = strings.TrimSpace(x[0])
		} else if len(x) > 1 {
			return x, true // refused below: one value expected
		}
	default:
		return x, true
	}
	return s, s != ""
}

// toStrings reads a list sent as []string, []any of strings, or one string.
func toStrings(raw any) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	switch x := raw.(type) {
	case string:
		add(x)
	case []string:
		for _, s := range x {
			add(s)
		}
	case []any:
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return []string{fmt.Sprint(e) + "\x00"} // not a key: refused as not in the list
			}
			add(s)
		}
	}
	return out
}

// checkValue validates one present value; it returns "" when good.
func checkValue(f Field, val any) (Reason, string) {
	if list, ok := val.([]string); ok && f.Type == FieldMulti {
		for _, k := range list {
			if f.OptionName(k) == "" {
				return ReasonNotInList, "「" + f.Label + "」的选项「" + short(k) + "」不在可选范围内"
			}
		}
		return "", ""
	}
	s, ok := val.(string)
	if !ok {
		return ReasonInvalid, "「" + f.Label + "」应填写一个值"
	}
	switch f.Type {
	case FieldString, FieldText:
		max := maxStringRunes
		if f.Type == FieldText {
			max = maxTextRunes
		}
		if !utf8.ValidString(s) || utf8.RuneCountInString(s) > max {
			return ReasonTooLong, fmt.Sprintf("「%s」不能超过%d个字", f.Label, max)
		}
	case FieldNumber:
		if n, err := strconv.ParseFloat(s, 64); err != nil || n != n || n > 1e12 || n < -1e12 {
			return ReasonNotNumber, "「" + f.Label + "」应填写数字"
		}
	case FieldDatetime:
		if _, err := parseDatetime(s); err != nil {
			return ReasonBadDatetime, "「" + f.Label + "」应为日期时间，如 2026-03-02T09:30"
		}
	case FieldSingle:
		if f.OptionName(s) == "" {
			return ReasonNotInList, "「" + f.Label + "」的选项「" + short(s) + "」不在可选范围内"
		}
	}
	return "", ""
}

// parseDatetime reads a datetime value in China time.
func parseDatetime(s string) (time.Time, error) {
	var err error
	for _, l := range datetimeLayouts {
		var t time.Time
		if t, err = time.ParseInLocation(l, s, chinaZone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

// numberValue stores a number field as float64 for JSON.
func numberValue(s string) float64 {
	n, _ := strconv.ParseFloat(s, 64)
	return n
}

// short cuts a value for a message.
func short(s string) string {
	if r := []rune(s); len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return strings.ReplaceAll(s, "\x00", "")
}

// sortedKeys returns m's keys in order, for stable messages.
func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// chinaZone is China Standard Time.
var chinaZone = time.FixedZone("CST", 8*60*60)
