package catalog

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// problem is one field error of a refused item, as the page lists it.
type problem struct {
	Path, Message string
	Line          int // line of the editor's JSON, 0 when unknown
}

// refusal is an error shown on a page: its message and every field problem
// in path order.
type refusal struct {
	Message  string
	Problems []problem
}

// refusalOf returns what a page shows of an invalid or conflicting
// change; ok is false for errors the error page answers (forbidden, not
// found, internal).
func refusalOf(err error) (refusal, bool) {
	e, ok := apperr.As(err)
	if !ok || (e.Code != apperr.CodeInvalid && e.Code != apperr.CodeConflict) {
		return refusal{}, false
	}
	r := refusal{Message: e.Message}
	for path, msg := range e.Fields {
		r.Problems = append(r.Problems, problem{Path: path, Message: msg})
	}
	sort.Slice(r.Problems, func(i, j int) bool { return r.Problems[i].Path < r.Problems[j].Path })
	return r, true
}

// itemPage is the data of console_item.
type itemPage struct {
	ImplCode   string
	Shown      Version   // the version summarised
	Latest     Version   // the newest version
	Versions   []Version // newest first
	CanEdit    bool
	CanPublish bool
	HasDraft   bool
	Published  bool // the item is offered now (it may be withdrawn)
	Date       string
	Done       string
	Refused    *refusal
	DiffFrom   int
	Names      staffLabels // who created and published each version
}

// consoleItem shows an item's latest version (or ?version=N) and its
// version history.
func (h *Handlers) consoleItem(w http.ResponseWriter, r *http.Request) {
	p, err := h.itemPage(r, r.PathValue("implCode"))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	if n := r.URL.Query().Get("version"); n != "" {
		if p.Shown, err = pickVersion(p.Versions, n); err != nil {
			h.rd.Error(w, r, err)
			return
		}
	}
	switch r.URL.Query().Get("done") {
	case "saved":
		p.Done = "草稿已保存。核对无误后可发布。"
	case "published":
		p.Done = "已发布，自生效日期起对外提供。"
	case "withdrawn":
		p.Done = "已撤回，群众不再能申请该事项；历史版本仍可查阅。"
	}
	h.rd.Render(w, r, http.StatusOK, "catalog/console_item", p)
}

// itemPage reads an item's history for the actor.
func (h *Handlers) itemPage(r *http.Request, code string) (itemPage, error) {
	actor := web.ActorFrom(r.Context())
	vs, err := h.svc.History(r.Context(), actor, code)
	if err != nil {
		return itemPage{}, err
	}
	p := itemPage{ImplCode: code, Versions: vs, Shown: vs[0], Latest: vs[0], HasDraft: vs[0].State == StateDraft,
		CanEdit: may(actor, actEdit), CanPublish: may(actor, actPublish), Date: today(h.svc.db.Clock.Now()),
		Names: h.namesOf(r.Context(), vs)}
	for _, v := range vs {
		p.Published = p.Published || v.State == StatePublished
	}
	if len(vs) > 1 {
		p.DiffFrom = vs[1].Number
	}
	return p, nil
}

func pickVersion(vs []Version, s string) (Version, error) {
	n, err := strconv.Atoi(s)
	for _, v := range vs {
		if err == nil && v.Number == n {
			return v, nil
		}
	}
	return Version{}, apperr.NotFound("没有第" + s + "版")
}

// today is the date in China, as the publish form's default.
func today(now time.Time) string { return web.InChina(now).Format(time.DateOnly) }

// consolePublish publishes the latest draft from the chosen date: today
// means at once, a later date at midnight China time.
func (h *Handlers) consolePublish(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("implCode")
	actor := web.ActorFrom(r.Context())
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	date := f.Text("effective_from", "生效日期", 10, true)
	eff, err := h.effectiveFrom(date)
	if err == nil {
		_, err = h.svc.Publish(r.Context(), actor, code, eff)
	}
	if err == nil {
		http.Redirect(w, r, "/console/catalog/"+url.PathEscape(code)+"?done=published", http.StatusSeeOther)
		return
	}
	h.refuse(w, r, code, err, date)
}

// effectiveFrom reads the publish form's date; zero means now.
func (h *Handlers) effectiveFrom(date string) (time.Time, error) {
	now := h.svc.db.Clock.Now()
	d, err := time.ParseInLocation(time.DateOnly, date, web.InChina(now).Location())
	switch {
	case err != nil:
		return time.Time{}, apperr.Invalid("effective_from", "生效日期应为 年-月-日 格式，例如 "+today(now))
	case date == today(now):
		return time.Time{}, nil
	case d.Before(now):
		return time.Time{}, apperr.Invalid("effective_from", "生效日期不能早于今天")
	}
	return d.UTC(), nil
}

// consoleWithdraw takes the item off the catalogue.
func (h *Handlers) consoleWithdraw(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("implCode")
	actor := web.ActorFrom(r.Context())
	err := authz.Check(actor, actPublish, districtOf(actor))
	if err == nil {
		err = confirmed(r)
	}
	if err == nil {
		err = h.svc.Withdraw(r.Context(), actor, code)
	}
	if err == nil {
		http.Redirect(w, r, "/console/catalog/"+url.PathEscape(code)+"?done=withdrawn", http.StatusSeeOther)
		return
	}
	h.refuse(w, r, code, err, "")
}

// confirmed refuses a withdrawal whose confirmation box was not ticked:
// one stray click must not take an item away from residents.
func confirmed(r *http.Request) error {
	f, err := web.ReadForm(r)
	if err != nil {
		return err
	}
	if !f.Bool("confirm") {
		return apperr.Invalid("confirm", "请先勾选“确认撤回”")
	}
	return nil
}

// refuse shows the item page again with why a publish or withdraw was
// refused, or the error page when the refusal is not about the item.
func (h *Handlers) refuse(w http.ResponseWriter, r *http.Request, code string, err error, date string) {
	ref, ok := refusalOf(err)
	if !ok {
		h.rd.Error(w, r, err)
		return
	}
	p, perr := h.itemPage(r, code)
	if perr != nil {
		h.rd.Error(w, r, perr)
		return
	}
	if strings.TrimSpace(date) != "" {
		p.Date = date
	}
	p.Refused = &ref
	h.rd.Render(w, r, web.StatusOf(err), "catalog/console_item", p)
}
