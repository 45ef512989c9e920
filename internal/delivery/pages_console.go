package delivery

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// deskListPage is the data of the front desk's list.
type deskListPage struct {
	Points []Point
	Rows   []Delivery
	Q      string
	Flash  string
}

// deskPage is the data of one handover.
type deskPage struct {
	D      DeskDelivery
	Error  string
	Fields map[string]string
	Code   string // the code as typed, shown again after a refusal
	Locked bool   // too many wrong tries: locked until D.LockedUntil
	CSS    string
}

func (h *Handlers) deskList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	q := r.URL.Query().Get("q")
	rows, err := h.svc.Waiting(ctx, actor, q)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	points, err := h.svc.DeskPoints(ctx, actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p := deskListPage{Points: points, Rows: rows, Q: q}
	if no := r.URL.Query().Get("done"); no != "" {
		p.Flash = "办件" + no + "的证照已交付，已短信告知申请人。"
	}
	h.rd.Render(w, r, http.StatusOK, "delivery/desk_list", p)
}

func (h *Handlers) deskDelivery(w http.ResponseWriter, r *http.Request) {
	p, err := h.deskPage(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "delivery/desk_handover", p)
}

// deskHandover hands over and goes back to the list, or shows the form
// again with the refusal. The ID number typed is never shown again.
func (h *Handlers) deskHandover(w http.ResponseWriter, r *http.Request) {
	f, id, ok := h.form(w, r)
	if !ok {
		return
	}
	in := HandoverInput{Code: f.Value("code"), IDNumber: f.Value("id_number")}
	d, err := h.svc.Handover(r.Context(), web.ActorFrom(r.Context()), id, in)
	if err == nil {
		http.Redirect(w, r, PickupPath+"?done="+urlSafe(d.ApplicationNo, id), http.StatusSeeOther)
		return
	}
	e, shown := shownError(err)
	if !shown {
		h.rd.Error(w, r, err)
		return
	}
	p, perr := h.deskPage(r)
	if perr != nil {
		h.rd.Error(w, r, perr)
		return
	}
	p.Error, p.Code = e.Message, in.Code
	if e.Fields != nil {
		p.Fields = e.Fields
	}
	h.rd.Render(w, r, web.StatusOf(err), "delivery/desk_handover", p)
}

// urlSafe is the application number for the flash, or the id when the
// number holds anything but letters, digits and hyphens.
func urlSafe(no string, id int64) string {
	for _, c := range no {
		if (c < '0' || c > '9') && (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') && c != '-' {
			return strconv.FormatInt(id, 10)
		}
	}
	if no == "" {
		return strconv.FormatInt(id, 10)
	}
	return no
}

// deskPage loads the delivery of the request for the front desk.
func (h *Handlers) deskPage(r *http.Request) (deskPage, error) {
	id, err := pathID(r)
	if err != nil {
		return deskPage{}, err
	}
	d, err := h.svc.ForDesk(r.Context(), web.ActorFrom(r.Context()), id)
	if err != nil {
		return deskPage{}, err
	}
	locked := d.Locked(h.svc.DB.Clock.Now())
	return deskPage{D: d, Fields: map[string]string{}, Locked: locked, CSS: h.css}, nil
}

func (h *Handlers) overview(w http.ResponseWriter, r *http.Request) {
	o, err := h.svc.Overview(r.Context(), web.ActorFrom(r.Context()))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "delivery/overview", o)
}

// deskPrint sends a document's PDF to the desk's printer (the browser's).
func (h *Handlers) deskPrint(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	doc, err := strconv.ParseInt(r.PathValue("doc"), 10, 64)
	if err != nil || doc <= 0 {
		h.rd.Error(w, r, apperr.Invalid("doc", "文书编号应为正整数"))
		return
	}
	p, err := h.svc.PrintAtDesk(r.Context(), web.ActorFrom(r.Context()), id, doc)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="`+p.Filename+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(p.PDF)
}
