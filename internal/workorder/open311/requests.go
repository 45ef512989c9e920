package open311

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// requests answers GET requests: the orders of the query's window, newest
// first. A full page carries a Link to the next one.
func (h *Handlers) requests(w http.ResponseWriter, r *http.Request, f format) error {
	q, err := parseList(r.URL.Query(), h.svc.DB.Clock.Now())
	if err != nil {
		return err
	}
	orders, err := h.svc.PublicOrders(r.Context(), h.district, q.filter)
	if err != nil {
		return err
	}
	if !q.byID && len(orders) == q.filter.Limit {
		next := *r.URL
		v := next.Query()
		v.Set("page", strconv.Itoa(q.page+1))
		next.RawQuery = v.Encode()
		w.Header().Set("Link", "<"+next.RequestURI()+`>; rel="next"`)
	}
	list := serviceRequests[Request]{Items: make([]Request, 0, len(orders))}
	for _, o := range orders {
		list.Items = append(list.Items, requestOf(o))
	}
	write(w, f, http.StatusOK, list)
	return nil
}

// request answers GET requests/{id}: one order, as a list of one.
func (h *Handlers) request(w http.ResponseWriter, r *http.Request, f format, id string) error {
	o, err := h.order(r, id)
	if err != nil {
		return err
	}
	write(w, f, http.StatusOK, serviceRequests[Request]{Items: []Request{requestOf(o)}})
	return nil
}

// token answers GET tokens/{token}. Requests are realtime: POST answers
// the service_request_id at once, and a token is that id.
func (h *Handlers) token(w http.ResponseWriter, r *http.Request, f format, token string) error {
	o, err := h.order(r, token)
	if err != nil {
		return err
	}
	write(w, f, http.StatusOK, serviceRequests[Token]{Items: []Token{{ID: o.Number, Token: token}}})
	return nil
}

// order returns one public order, 404 naming the id when unknown.
func (h *Handlers) order(r *http.Request, id string) (workorder.PublicOrder, error) {
	o, err := h.svc.PublicOrder(r.Context(), h.district, id)
	if apperr.CodeOf(err) == apperr.CodeNotFound {
		return o, notFound("service_request_id：请求「" + clip(id) + "」不存在")
	}
	return o, err
}

// requestOf maps an order to a request: open while it is worked on,
// closed once resolved (已办结) or closed (已关闭), with the public state
// and the outcome as status_notes. The address is the order's street and
// community; the requester and the typed address are never shown.
func requestOf(o workorder.PublicOrder) Request {
	q := Request{ID: o.Number, Status: "open", StatusNotes: o.State.PublicName(), ServiceName: o.CategoryName,
		ServiceCode: o.CategoryCode, Description: o.Description, Requested: w3c(o.FiledAt), Updated: w3c(o.UpdatedAt),
		Address: o.StreetName + o.CommunityName, AddressID: o.Community, Lat: o.Lat, Long: o.Lng}
	if o.DueAt != nil {
		q.Expected = w3c(*o.DueAt)
	}
	if o.State.Open() {
		return q
	}
	q.Status = "closed"
	if o.Outcome != "" {
		q.StatusNotes += "：" + o.Outcome.Name()
	}
	// For closed requests the spec's updated_datetime is when they closed.
	switch {
	case o.State == workorder.StateClosed && o.ClosedAt != nil:
		q.Updated = w3c(*o.ClosedAt)
	case o.ResolvedAt != nil:
		q.Updated = w3c(*o.ResolvedAt)
	}
	return q
}
