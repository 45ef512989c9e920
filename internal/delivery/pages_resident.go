package delivery

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// myListPage is the data of the applicant's list.
type myListPage struct {
	Rows []Delivery
	CSS  string
}

// myPage is the data of one delivery's page.
type myPage struct {
	D         Delivery
	Groups    []StreetPoints
	Found     int
	Q         string
	Provinces []string
	Picked    string       // the point selected in the form
	Express   ExpressInput // the express form as typed
	Code      string       // the new pickup code, shown once
	Error     string
	Fields    map[string]string
	Flash     string
	CSS       string
}

func (h *Handlers) myList(w http.ResponseWriter, r *http.Request) {
	ds, err := h.svc.Mine(r.Context(), web.ActorFrom(r.Context()))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "delivery/mine", myListPage{Rows: ds, CSS: h.css})
}

func (h *Handlers) myDelivery(w http.ResponseWriter, r *http.Request) {
	p, err := h.myPage(r, r.URL.Query().Get("q"))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "express" {
		p.Flash = "已选择快递寄送，证照寄出后将短信通知您运单号。"
	}
	h.rd.Render(w, r, http.StatusOK, "delivery/delivery", p)
}

// myPickup answers a pickup choice with the page itself rather than a
// redirect: the code is shown this once and never put in a URL.
func (h *Handlers) myPickup(w http.ResponseWriter, r *http.Request) {
	f, id, ok := h.form(w, r)
	if !ok {
		return
	}
	in := PickupInput{Point: f.Value("point"), Revision: revisionOf(f)}
	c, err := h.svc.ChoosePickup(r.Context(), web.ActorFrom(r.Context()), id, in)
	if err != nil {
		h.myFailed(w, r, err, func(p *myPage) { p.Picked = in.Point })
		return
	}
	p, err := h.myPage(r, "")
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p.D, p.Code, p.Picked = c.Delivery, c.PickupCode, in.Point
	p.Flash = "已选择同城取件。取件码已短信发送给您，请妥善保管。"
	h.rd.Render(w, r, http.StatusOK, "delivery/delivery", p)
}

func (h *Handlers) myExpress(w http.ResponseWriter, r *http.Request) {
	f, id, ok := h.form(w, r)
	if !ok {
		return
	}
	in := ExpressInput{Name: f.Value("name"), Phone: f.Value("phone"), Province: f.Value("province"),
		Detail: f.Value("detail"), Postcode: f.Value("postcode"), Revision: revisionOf(f)}
	if _, err := h.svc.ChooseExpress(r.Context(), web.ActorFrom(r.Context()), id, in); err != nil {
		h.myFailed(w, r, err, func(p *myPage) { p.Express = in })
		return
	}
	http.Redirect(w, r, MyDeliveryPath(id)+"?done=express", http.StatusSeeOther)
}

// myFailed shows the page again with the message, or the error page when
// the error is not about the input.
func (h *Handlers) myFailed(w http.ResponseWriter, r *http.Request, err error, keep func(*myPage)) {
	e, ok := shownError(err)
	if !ok {
		h.rd.Error(w, r, err)
		return
	}
	p, perr := h.myPage(r, "")
	if perr != nil {
		h.rd.Error(w, r, perr)
		return
	}
	keep(&p)
	p.Error, p.Fields = e.Message, e.Fields
	if p.Fields == nil {
		p.Fields = map[string]string{}
	}
	h.rd.Render(w, r, web.StatusOf(err), "delivery/delivery", p)
}

// myPage loads the delivery of the request and the points matching q.
func (h *Handlers) myPage(r *http.Request, q string) (myPage, error) {
	id, err := pathID(r)
	if err != nil {
		return myPage{}, err
	}
	d, err := h.svc.Get(r.Context(), web.ActorFrom(r.Context()), id)
	if err != nil {
		return myPage{}, err
	}
	p := myPage{D: d, Q: q, Provinces: Provinces, Fields: map[string]string{}, CSS: h.css, Picked: d.Point}
	if d.State.Choosable() {
		ps, err := h.svc.Points.PickupPoints(r.Context(), d.District)
		if err != nil {
			return myPage{}, err
		}
		p.Groups = GroupByStreet(ps, q)
		for _, g := range p.Groups {
			p.Found += len(g.Points)
		}
	}
	return p, nil
}

// form reads a posted form and the path's id, answering errors itself.
func (h *Handlers) form(w http.ResponseWriter, r *http.Request) (*web.Form, int64, bool) {
	f, err := web.ReadForm(r)
	var id int64
	if err == nil {
		id, err = pathID(r)
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return nil, 0, false
	}
	return f, id, true
}

// revisionOf reads the hidden revision field; 0 when missing or bad, which
// the service refuses.
func revisionOf(f *web.Form) int {
	n, err := strconv.Atoi(f.Value("revision"))
	if err != nil {
		return 0
	}
	return n
}
