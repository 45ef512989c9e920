package license

import (
	"context"
	"net/http"
	"sort"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// consoleAct is one lifecycle form of the console: it reads the form and
// calls the service, returning the licence to show next.
type consoleAct struct {
	name string
	do   func(s *Service, ctx context.Context, a *authz.Actor, id int64, f *web.Form, r *http.Request) (Licence, error)
}

// consoleActions are the lifecycle forms, posted to ConsolePath/{id}/name.
var consoleActions = []consoleAct{
	{"suspend", func(s *Service, ctx context.Context, a *authz.Actor, id int64, f *web.Form, _ *http.Request) (Licence, error) {
		return s.Suspend(ctx, a, id, StatusInput{Reason: f.Value("reason")})
	}},
	{"reinstate", func(s *Service, ctx context.Context, a *authz.Actor, id int64, f *web.Form, _ *http.Request) (Licence, error) {
		return s.Reinstate(ctx, a, id, StatusInput{Reason: f.Value("reason")})
	}},
	{"revoke", func(s *Service, ctx context.Context, a *authz.Actor, id int64, f *web.Form, _ *http.Request) (Licence, error) {
		return s.Revoke(ctx, a, id, StatusInput{Reason: f.Value("reason")})
	}},
	{"renew", func(s *Service, ctx context.Context, a *authz.Actor, id int64, f *web.Form, _ *http.Request) (Licence, error) {
		return s.Renew(ctx, a, id, RenewInput{ValidFrom: f.Value("valid_from"), ValidUntil: f.Value("valid_until"),
			Reason: f.Value("reason")})
	}},
	{"change", changeAction},
}

// changeAction turns the change form's rows into the data changes:
// edited and new rows are set, emptied and dropped keys removed.
func changeAction(s *Service, ctx context.Context, a *authz.Actor, id int64, f *web.Form, r *http.Request) (Licence, error) {
	old, err := s.StaffGet(ctx, a, id)
	if err != nil {
		return Licence{}, err
	}
	posted := map[string]string{}
	keys, vals := r.PostForm["data_key"], r.PostForm["data_value"]
	for i, k := range keys {
		if k = strings.TrimSpace(k); k != "" && i < len(vals) {
			posted[k] = strings.TrimSpace(vals[i])
		}
	}
	changes := map[string]string{}
	for k := range old.Licence.Meta.Data {
		if _, kept := posted[k]; !kept {
			changes[k] = ""
		}
	}
	for k, v := range posted {
		if old.Licence.Meta.Data[k] != v {
			changes[k] = v
		}
	}
	return s.Change(ctx, a, id, ChangeInput{HolderName: f.Value("holder_name"), Data: changes, Reason: f.Value("reason")})
}

// consoleAction runs a lifecycle form: on success it goes to the licence
// (the new version after a change or renewal); bad input and conflicts
// show the page again with the message beside the form.
func (h *Handlers) consoleAction(a consoleAct) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, err := web.ReadForm(r)
		if err != nil {
			h.rd.Error(w, r, err)
			return
		}
		id, err := parseID(r.PathValue("id"))
		var l Licence
		if err == nil {
			l, err = a.do(h.svc, r.Context(), web.ActorFrom(r.Context()), id, f, r)
		}
		if err == nil {
			http.Redirect(w, r, ConsolePath+"/"+idString(l.ID)+"?done="+a.name, http.StatusSeeOther)
			return
		}
		h.actionFailed(w, r, a.name, f, err)
	}
}

// actionFailed shows the licence again with a refused action's message.
func (h *Handlers) actionFailed(w http.ResponseWriter, r *http.Request, action string, f *web.Form, err error) {
	e, ok := apperr.As(err)
	if !ok || (e.Code != apperr.CodeInvalid && e.Code != apperr.CodeConflict) {
		h.rd.Error(w, r, err)
		return
	}
	v, derr := h.detail(r)
	if derr != nil {
		h.rd.Error(w, r, derr)
		return
	}
	v.Error, v.Failed, v.Fields = e.Message, action, e.Fields
	for _, k := range []string{"reason", "valid_from", "valid_until", "holder_name"} {
		v.Form[k] = f.Value(k)
	}
	h.rd.Render(w, r, web.StatusOf(err), "license/console_detail", v)
}

// sortRows orders the change form's rows by key.
func sortRows(rows []dataRow) {
	sort.Slice(rows, func(i, j int) bool { return rows[i].Key < rows[j].Key })
}
