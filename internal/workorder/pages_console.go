package workorder

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// consoleListView is the data of the staff list.
type consoleListView struct {
	List     List
	Pager    pager
	States   []State
	State    State
	MayEnter bool
}

func (h *Handlers) consoleList(w http.ResponseWriter, r *http.Request) {
	actor := web.ActorFrom(r.Context())
	f := listPage(r)
	if f.State != "" && f.State.Name() == string(f.State) {
		f.State = ""
	}
	l, err := h.svc.List(r.Context(), actor, f)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "workorder/console_list", consoleListView{List: l, Pager: newPager(r, f, l),
		States: States, State: f.State, MayEnter: MayEnter(actor)})
}

func (h *Handlers) entryPage(w http.ResponseWriter, r *http.Request) {
	if err := authz.Check(web.ActorFrom(r.Context()), actEnter, authz.Scope{}); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v, err := h.newFormView(r.Context(), r, true)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v.Action = r.URL.RequestURI()
	h.rd.Render(w, r, http.StatusOK, "workorder/entry", v)
}

func (h *Handlers) entryPost(w http.ResponseWriter, r *http.Request) {
	if err := authz.Check(web.ActorFrom(r.Context()), actEnter, authz.Scope{}); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.filePost(w, r, true, "workorder/entry", ConsolePath+"/")
}

func (h *Handlers) consoleOrder(w http.ResponseWriter, r *http.Request) {
	v, err := h.svc.Get(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "workorder/console_order", orderView{Order: v, Filed: r.URL.Query().Get("filed") == "1"})
}

// revealPost shows the requester's full phone once, audited.
func (h *Handlers) revealPost(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	number := r.PathValue("number")
	phone, err := h.svc.RevealPhone(ctx, actor, number)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v, err := h.svc.Get(ctx, actor, number)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "workorder/console_order", orderView{Order: v, Phone: phone})
}
