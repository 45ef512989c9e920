package approval

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// rProblem is one thing to fix, linked to where it is on the edit page.
type rProblem struct {
	Key, Message string
	sort         string // the full key, to order cells of one table
}

// rEditView is the data of the edit page.
type rEditView struct {
	rResidentPage
	App         Application
	Fields      []rFieldView
	Parties     []rPartyView
	ShowParties bool // the items require related persons, or some are named
	Roles       []rRoleOption
	Materials   []rMaterialView
	Commitments []catalog.Item // the items that allow 告知承诺
	Notice      []Defect       // the latest one-time notice, when returned
	Problems    []rProblem
	Alert       string
	Stale       bool
	Saved       bool
}

// myEdit shows the form of a draft (or of an application returned for
// correction). ?check=1 lists everything submission would still refuse.
func (h *Handlers) myEdit(w http.ResponseWriter, r *http.Request) {
	d, ok := h.rEditable(w, r)
	if !ok {
		return
	}
	problems := map[string]string{}
	if r.URL.Query().Get("check") == "1" {
		if err := h.svc.checkComplete(r.Context(), &d.Filed); err != nil {
			if problems, _ = rFieldsOf(err); len(problems) == 0 {
				h.rFail(w, r, err)
				return
			}
		}
	}
	extra := map[string]int{}
	if add := r.URL.Query().Get("add"); add != "" {
		extra[add] = min(rAtoiOr(r.URL.Query().Get("n"), 1), 20)
	}
	v := h.rEditOf(r.Context(), d, d.Form, d.Parties, d.UseCommitment, extra, problems)
	v.Saved = r.URL.Query().Get("saved") == "1"
	h.rRender(w, r, http.StatusOK, "r_edit", v)
}

// rEditable loads the application for its edit page, or sends the reader
// to the tracking page once it can no longer be edited.
func (h *Handlers) rEditable(w http.ResponseWriter, r *http.Request) (Detail, bool) {
	id, err := rIdOf(r)
	if err != nil {
		h.rFail(w, r, err)
		return Detail{}, false
	}
	d, err := h.svc.Detail(r.Context(), rActorOf(r), id)
	if err != nil {
		h.rFail(w, r, err)
		return Detail{}, false
	}
	if d.State != StateDraft && d.State != StateReturned {
		rSee(w, r, rAppPath(id, "", nil))
		return Detail{}, false
	}
	return d, true
}

// rEditOf builds the edit page from the given answers.
func (h *Handlers) rEditOf(ctx context.Context, d Detail, form map[string]any, parties []Party, commit bool, extra map[string]int, problems map[string]string) rEditView {
	merged := MergedForm(d.Items)
	v := rEditView{rResidentPage: rAssets, App: d.Application,
		Fields:    rFieldsOfForm(merged, form, extra, problems, h.rFileNames(ctx, merged, form)),
		Parties:   rPartyRows(d.Items, parties, problems),
		Roles:     rRoleOptions(d.Items),
		Materials: rMaterialRows(d.ID, d.Items, d.Materials, problems)}
	v.App.UseCommitment = commit
	v.ShowParties = len(rRequiredRoles(d.Items)) > 0 || len(parties) > 0
	for _, it := range d.Items {
		if it.Item.Commitment.Allowed {
			v.Commitments = append(v.Commitments, it.Item)
		}
	}
	if d.State == StateReturned && len(d.Notices) > 0 {
		v.Notice = d.Notices[len(d.Notices)-1]
	}
	v.Problems = rProblemList(problems, d.Items)
	return v
}

// rFileNames maps the ids of uploaded form files to their names.
func (h *Handlers) rFileNames(ctx context.Context, form catalog.Form, values map[string]any) map[string]string {
	out := map[string]string{}
	for _, fd := range form {
		if id := rTextOf(values[fd.Name]); fd.Type == catalog.FieldFile && id != "" {
			if f, err := h.svc.Files.Stat(ctx, id); err == nil {
				out[id] = f.Name
			}
		}
	}
	return out
}

// rProblemList lists problems in the order of the page: the form's
// fields, the related persons, the materials, then the rest; table cells
// and party rows link to their table or section.
func rProblemList(problems map[string]string, items []catalog.Version) []rProblem {
	rank := map[string]int{}
	for _, fd := range MergedForm(items) {
		rank["form."+fd.Name] = len(rank) + 1
	}
	rank["parties"] = len(rank) + 1
	for _, r := range rRequiredRoles(items) {
		rank["parties."+string(r)] = len(rank) + 1
	}
	for _, v := range items {
		for i := range v.Item.Materials {
			rank[materialField(v.ImplCode, i)] = len(rank) + 1
		}
	}
	out := make([]rProblem, 0, len(problems))
	for k, m := range problems {
		out = append(out, rProblem{Key: rAnchorOf(k), Message: m, sort: k})
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rRankOr(rank, out[i].Key), rRankOr(rank, out[j].Key)
		if ri != rj {
			return ri < rj
		}
		return out[i].sort < out[j].sort
	})
	return out
}

// rRankOr is a key's place on the page, after everything known when not.
func rRankOr(rank map[string]int, key string) int {
	if n, ok := rank[key]; ok {
		return n
	}
	return len(rank) + 1
}

// rAnchorOf is the element a problem key links to: a table cell's table,
// a party's row.
func rAnchorOf(key string) string {
	if i := strings.IndexByte(key, '['); i > 0 && strings.HasPrefix(key, "form.") {
		return key[:i]
	}
	if strings.HasPrefix(key, "parties[") {
		return "parties"
	}
	return key
}

// mySave saves the posted form with its files, then goes where the
// pressed button leads: the form again, or the submission page.
func (h *Handlers) mySave(w http.ResponseWriter, r *http.Request) {
	d, ok := h.rEditable(w, r)
	if !ok {
		return
	}
	p, err := rParseDraft(r, MergedForm(d.Items), d.Items)
	if err == nil {
		_, err = h.svc.SaveDraftFiles(r.Context(), rActorOf(r), d.ID, p.Revision, p.Draft, p.Uploads)
	}
	if err != nil {
		h.rSaveFailed(w, r, d, p, err)
		return
	}
	q := url.Values{"saved": {"1"}}
	switch {
	case p.Action == "submit":
		rSee(w, r, rAppPath(d.ID, "submit", nil))
		return
	case strings.HasPrefix(p.Action, "addrow:"):
		name := strings.TrimPrefix(p.Action, "addrow:")
		q.Set("add", name)
		q.Set("n", rItoa(p.Extra[name]))
	}
	rSee(w, r, rAppPath(d.ID, "edit", q))
}

// rSaveFailed draws the form again with what was posted and the messages
// beside the fields; a stale page says so and offers a reload.
func (h *Handlers) rSaveFailed(w http.ResponseWriter, r *http.Request, d Detail, p rPosted, err error) {
	if !rShown(err) {
		h.rFail(w, r, err)
		return
	}
	problems, msg := rFieldsOf(err)
	if p.Draft.Form == nil {
		p.Draft.Form, p.Draft.Parties = d.Form, d.Parties
	}
	v := h.rEditOf(r.Context(), d, p.Draft.Form, p.Draft.Parties, p.Draft.UseCommitment, p.Extra, problems)
	v.Alert = msg
	if apperr.CodeOf(err) == apperr.CodeConflict {
		v.Stale, v.Alert = true, msg+"。您在本页的修改尚未保存。"
	}
	h.rRender(w, r, web.StatusOf(err), "r_edit", v)
}

// rAtoiOr reads a small number, def when it is not one.
func rAtoiOr(s string, def int) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1000 {
			return def
		}
		n = n*10 + int(c-'0')
	}
	if s == "" {
		return def
	}
	return n
}
