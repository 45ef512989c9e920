package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// chinaZone is China Standard Time. A fixed offset (China has no daylight
// saving) needs no tzdata on the server.
var chinaZone = time.FixedZone("CST", 8*60*60)

// InChina returns t in China Standard Time (UTC+8), for display.
func InChina(t time.Time) time.Time { return t.In(chinaZone) }

func (rd *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"csrfField": csrfField,
		"masked":    masked,
		"date":      func(v any) string { return formatTime(v, "2006-01-02") },
		"datetime":  func(v any) string { return formatTime(v, "2006-01-02 15:04") },
		"dateCN":    func(v any) string { return formatTime(v, "2006年1月2日") },
		"t":         rd.text,
		"asset":     assetURL,
		"roleNames": roleNames,
	}
}

// csrfField writes the hidden CSRF input of a form; pass it the View ($).
func csrfField(v any) template.HTML {
	var token string
	switch x := v.(type) {
	case View:
		token = x.CSRF
	case *View:
		token = x.CSRF
	case string:
		token = x
	}
	return template.HTML(`<input type="hidden" name="` + CSRFField + `" value="` +
		template.HTMLEscapeString(token) + `">`)
}

// masked shows a value the service has already masked (phone, ID number,
// name) as it is, marked as masked; it never unmasks anything.
func masked(v any) template.HTML {
	s := strings.TrimSpace(fmt.Sprint(v))
	if v == nil || s == "" {
		return `<span class="masked empty">—</span>`
	}
	return template.HTML(`<span class="masked" title="已脱敏显示">` + template.HTMLEscapeString(s) + `</span>`)
}

// formatTime shows a time.Time or *time.Time in China time; "—" when zero.
func formatTime(v any, layout string) string {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case *time.Time:
		if x != nil {
			t = *x
		}
	default:
		return fmt.Sprint(v)
	}
	if t.IsZero() {
		return "—"
	}
	return InChina(t).Format(layout)
}

// roleNames lists the actor's roles in Chinese, separated by "、".
func roleNames(a *authz.Actor) string {
	var names []string
	for _, r := range a.Roles() {
		names = append(names, r.Name())
	}
	return strings.Join(names, "、")
}
