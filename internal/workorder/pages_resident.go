package workorder

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// mineView is the data of the resident's list.
type mineView struct {
	List  List
	Pager pager
}

// pager links the pages of a list.
type pager struct {
	Prev, Next string
	Total      int
}

// listPage reads ?offset for a list of 20.
func listPage(r *http.Request) Filter {
	off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	return Filter{State: State(r.URL.Query().Get("state")), Limit: 20, Offset: max(off, 0)}
}

func newPager(r *http.Request, f Filter, l List) pager {
	link := func(off int) string {
		q := r.URL.Query()
		q.Set("offset", strconv.Itoa(off))
		return r.URL.Path + "?" + q.Encode()
	}
	p := pager{Total: l.Total}
	if f.Offset > 0 {
		p.Prev = link(max(f.Offset-f.Limit, 0))
	}
	if f.Offset+len(l.Items) < l.Total {
		p.Next = link(f.Offset + f.Limit)
	}
	return p
}

func (h *Handlers) minePage(w http.ResponseWriter, r *http.Request) {
	actor := web.ActorFrom(r.Context())
	if err := authz.Check(actor, actFile, authz.Self(actor.AccountID)); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	f := listPage(r)
	l, err := h.svc.List(r.Context(), actor, f)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "workorder/mine", mineView{List: l, Pager: newPager(r, f, l)})
}

func (h *Handlers) newPage(w http.ResponseWriter, r *http.Request) {
	actor := web.ActorFrom(r.Context())
	if err := authz.Check(actor, actFile, authz.Self(actor.AccountID)); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v, err := h.newFormView(r.Context(), r, false)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v.Action = r.URL.RequestURI()
	h.rd.Render(w, r, http.StatusOK, "workorder/new", v)
}

func (h *Handlers) newPost(w http.ResponseWriter, r *http.Request) {
	h.filePost(w, r, false, "workorder/new", MinePath+"/")
}

// filePost reads a filing form (resident or staff), files the order and
// goes to it; on bad input the form comes back with every problem.
func (h *Handlers) filePost(w http.ResponseWriter, r *http.Request, staff bool, page, done string) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	if _, err := callerOf(actor); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v, err := h.newFormView(ctx, r, staff)
	if err != nil || v.Category == nil {
		h.rd.Error(w, r, orDefault(err, apperr.Invalid("category", "请先选择诉求分类")))
		return
	}
	v.Action = r.URL.RequestURI()
	in, err := readFileForm(r, &v, h.svc.Limits.PhotoBytes)
	var f Filed
	if err == nil {
		f, err = h.svc.File(ctx, actor, in)
	}
	if e, ok := apperr.As(err); ok && e.Code == apperr.CodeInvalid && len(e.Fields) > 0 {
		v.Errors = e.Fields
		if lerr := h.loadGrids(ctx, &v); lerr != nil {
			h.rd.Error(w, r, lerr)
			return
		}
		h.rd.Render(w, r, http.StatusUnprocessableEntity, page, v)
		return
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, done+url.PathEscape(f.Order.Number)+"?filed=1", http.StatusSeeOther)
}

// orDefault returns err, or def when err is nil.
func orDefault(err, def error) error {
	if err != nil {
		return err
	}
	return def
}

// orderView is the data of an order's page.
type orderView struct {
	Order OrderView
	Filed bool
	Phone string // revealed to staff on request
	Error string
}

func (h *Handlers) myOrderPage(w http.ResponseWriter, r *http.Request) {
	v, err := h.svc.Get(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "workorder/order", orderView{Order: v, Filed: r.URL.Query().Get("filed") == "1"})
}

func (h *Handlers) cancelPost(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	number := r.PathValue("number")
	if _, err := h.svc.Cancel(r.Context(), web.ActorFrom(r.Context()), number, f.Value("reason")); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, MinePath+"/"+url.PathEscape(number), http.StatusSeeOther)
}

// photoOpener opens the photo file id for the actor, or refuses.
type photoOpener func(ctx context.Context, actor *authz.Actor, id string) (files.File, []byte, error)

// photo serves the photo {id} that open lets the viewer see: never
// cached, as its type says (no sniffing).
func (h *Handlers) photo(open photoOpener) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, data, err := open(r.Context(), web.ActorFrom(r.Context()), r.PathValue("id"))
		if err != nil {
			h.rd.Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", f.Kind.ContentType())
		w.Header().Set("Cache-Control", "private, no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(data)
	}
}
