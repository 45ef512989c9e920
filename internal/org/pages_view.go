package org

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// consoleHandler serves a console page to a signed-in staff member.
type consoleHandler func(w http.ResponseWriter, r *http.Request, actor *authz.Actor)

// console lets only staff through: the router has already sent anonymous
// visitors to the login page, and residents have nothing to do here.
func (h *Handlers) console(next consoleHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		actor := web.ActorFrom(r.Context())
		if err := h.svc.MayBrowse(actor); err != nil {
			if apperr.CodeOf(err) == apperr.CodeForbidden {
				err = apperr.Forbidden("组织机构仅供工作人员查看")
			}
			h.rd.Error(w, r, err)
			return
		}
		next(w, r, actor)
	}
}

// crumb is one step of a page's breadcrumb trail; the last one is the
// current page and is not a link.
type crumb struct {
	Label   string
	Href    string
	Current bool
}

// trail returns the breadcrumbs from the district down to a street,
// community or grid, each linking to its console page. A community's
// street is the one it is attached to, which for 东阳 and 西花 is not the
// one its code names.
func (h *Handlers) trail(ctx context.Context, actor *authz.Actor, code string) ([]crumb, error) {
	switch kindOf(code) {
	case authz.ScopeDistrict:
		d, err := h.svc.GetDistrict(ctx, actor, code)
		return []crumb{{Label: d.Name, Href: "/console/org"}}, err
	case authz.ScopeStreet:
		st, err := h.svc.GetStreet(ctx, actor, code)
		if err != nil {
			return nil, err
		}
		return h.extend(ctx, actor, st.DistrictCode, crumb{Label: st.Name, Href: "/console/org/streets/" + code})
	case authz.ScopeCommunity:
		c, err := h.svc.GetCommunity(ctx, actor, code)
		if err != nil {
			return nil, err
		}
		return h.extend(ctx, actor, c.StreetCode, crumb{Label: c.ShortName, Href: "/console/org/communities/" + code})
	case authz.ScopeGrid:
		g, err := h.svc.GetGrid(ctx, actor, code)
		if err != nil {
			return nil, err
		}
		return h.extend(ctx, actor, g.CommunityCode, crumb{Label: g.Name, Href: "/console/org/grids/" + code})
	}
	return nil, apperr.NotFound("单位不存在")
}

func (h *Handlers) extend(ctx context.Context, actor *authz.Actor, parent string, c crumb) ([]crumb, error) {
	up, err := h.trail(ctx, actor, parent)
	return append(up, c), err
}

// current marks the last crumb as the current page, after appending more.
func current(crumbs []crumb, more ...crumb) []crumb {
	out := append(slices.Clone(crumbs), more...)
	if len(out) > 0 {
		out[len(out)-1].Current = true
	}
	return out
}

// pager describes where a page of a list is and links its neighbours.
type pager struct {
	Total, From, To int
	Prev, Next      string
}

// newPager places a page of shown items out of total; the links keep the
// request's filters.
func newPager(r *http.Request, p web.Page, shown, total int) pager {
	pg := pager{Total: total, From: p.Offset + 1, To: p.Offset + shown}
	if shown == 0 {
		pg.From = 0
	}
	if p.Offset > 0 {
		pg.Prev = pageURL(r, max(p.Offset-p.Limit, 0))
	}
	if p.Offset+shown < total {
		pg.Next = pageURL(r, p.Offset+p.Limit)
	}
	return pg
}

func pageURL(r *http.Request, offset int) string {
	q := r.URL.Query()
	q.Del("offset")
	if offset > 0 {
		q.Set("offset", strconv.Itoa(offset))
	}
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}

// pageOf reads an offset page from the query, def items long unless the
// query says otherwise. Console lists page by offset only.
func pageOf(r *http.Request, def int) (web.Page, error) {
	p, err := web.ParsePage(r)
	if err != nil {
		return p, err
	}
	if p.Cursor != "" {
		return p, apperr.Invalid("cursor", "此列表按页翻页，不支持 cursor 参数")
	}
	if r.URL.Query().Get("limit") == "" {
		p.Limit = def
	}
	return p, nil
}

// orgPage turns a web page into the service's.
func orgPage(p web.Page) Page { return Page{Limit: p.Limit, Offset: p.Offset} }

// formState is a form shown again: what was typed and what is wrong.
type formState struct {
	Values map[string]string
	Errors map[string]string
	// Message is the summary shown above the form, or an error that
	// belongs to no field.
	Message string
}

// Value returns what was typed in a field.
func (f formState) Value(name string) string { return f.Values[name] }

// Error returns a field's message, "" when it is good.
func (f formState) Error(name string) string { return f.Errors[name] }

// Checked reports whether a checkbox was ticked.
func (f formState) Checked(name string) bool { return f.Values[name] == "on" }

// failedForm returns the form again with the error's field messages;
// ok is false when err is not about the input (it is then answered as
// an error page).
func failedForm(values map[string]string, err error, fields ...string) (formState, bool) {
	e, ok := apperr.As(err)
	if !ok || (e.Code != apperr.CodeInvalid && e.Code != apperr.CodeConflict) {
		return formState{}, false
	}
	f := formState{Values: values, Errors: map[string]string{}, Message: e.Message}
	for name, msg := range e.Fields {
		if slices.Contains(fields, name) {
			f.Errors[name] = msg
		} else if !strings.Contains(f.Message, msg) {
			f.Message += "：" + msg
		}
	}
	return f, true
}

// formValues reads the named fields of a posted form as they were typed.
func formValues(r *http.Request, names ...string) (map[string]string, error) {
	f, err := web.ReadForm(r)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(names))
	for _, n := range names {
		out[n] = f.Value(n)
	}
	return out, nil
}

// formID reads an optional account id or number: 0 when empty, -1 when
// it is not a whole number, so the service names the field in its
// refusal (after its permission check, which comes first).
func formID(v string) int64 {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// people returns the display names of the accounts, if the wiring gave
// a lookup.
func (h *Handlers) people(ctx context.Context, ids []int64) map[int64]string {
	if h.names == nil || len(ids) == 0 {
		return map[int64]string{}
	}
	if m := h.names(ctx, ids); m != nil {
		return m
	}
	return map[int64]string{}
}

// person shows an account: its name and id, or the id alone.
func person(id int64, names map[int64]string) string {
	if id == 0 {
		return ""
	}
	if n := names[id]; n != "" {
		return fmt.Sprintf("%s（账号 %d）", n, id)
	}
	return fmt.Sprintf("账号 %d", id)
}

// telURL is a tel: link for a phone number, or "" when it holds anything
// but digits, dashes and a leading plus.
func telURL(phone string) template.URL {
	digits := strings.ReplaceAll(phone, "-", "")
	if digits == "" || strings.Trim(strings.TrimPrefix(digits, "+"), "0123456789") != "" {
		return ""
	}
	return template.URL("tel:" + digits)
}

// pathCode is a code from the URL path. A code of the wrong shape, or of
// another district than the site's, names nothing here: a 404 rather
// than a complaint about input.
func (h *Handlers) pathCode(r *http.Request, kind authz.ScopeKind, what string) (string, error) {
	code := r.PathValue("code")
	if kindOf(code) != kind || districtOf(code) != h.district {
		return "", apperr.NotFound(what + "不存在")
	}
	return code, nil
}

// fieldView is one input of a form, ready for the "org-field" partial.
type fieldView struct {
	Name, Label, Type, Value, Error, Hint string
	Max                                   int
	// Numeric asks phones for the digit keypad. The input stays a text
	// input: a number input would drop what was typed when it is not a
	// number, and a refused form must show it again.
	Numeric           bool
	Required, Checked bool
}

// Text describes an optional one-line text input.
func (f formState) Text(name, label string, max int, hint string) fieldView {
	return fieldView{Name: name, Label: label, Type: "text", Value: f.Value(name), Error: f.Error(name), Hint: hint, Max: max}
}

// Required describes a one-line text input that must be filled in.
func (f formState) Required(name, label string, max int, hint string) fieldView {
	v := f.Text(name, label, max, hint)
	v.Required = true
	return v
}

// Number describes an optional whole-number input.
func (f formState) Number(name, label, hint string) fieldView {
	v := f.Text(name, label, 20, hint)
	v.Numeric = true
	return v
}

// Check describes a checkbox.
func (f formState) Check(name, label, hint string) fieldView {
	return fieldView{Name: name, Label: label, Type: "checkbox", Checked: f.Checked(name), Error: f.Error(name), Hint: hint}
}
