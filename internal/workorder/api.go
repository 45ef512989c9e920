package workorder

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Body limits of the API: an order is small; a photo is base64 (4/3 of
// 20 MB plus the envelope). Uploads are sent without an Idempotency-Key
// (the router hashes such bodies whole, up to 1 MB).
const (
	maxOrderJSON = 256 << 10
	maxPhotoJSON = 28 << 20
)

// apiErrorBody is the house error envelope plus a machine reason per bad
// field: {"error":{"code":"invalid","message":"…","fields":{…},"reasons":{…}}}.
type apiErrorBody struct {
	Error apiErrorDetail `json:"error"`
}

type apiErrorDetail struct {
	web.ErrorDetail
	Reasons map[string]Reason `json:"reasons,omitempty"`
}

// errorBody builds the envelope of an input error.
func errorBody(err error, requestID string) apiErrorBody {
	d := apiErrorDetail{Reasons: ReasonsOf(err)}
	d.Code, d.RequestID = apperr.CodeOf(err), requestID
	if e, ok := apperr.As(err); ok {
		d.Message, d.Fields = e.Message, e.Fields
	}
	return apiErrorBody{Error: d}
}

// writeError answers err: input errors with their reasons, anything else
// through the web layer (which logs internal errors).
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	if ReasonsOf(err) == nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, web.StatusOf(err), errorBody(err, web.RequestID(r.Context())))
}

func (h *Handlers) apiCategories(w http.ResponseWriter, r *http.Request) {
	t, err := h.svc.CurrentTree(r.Context(), h.district)
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, publicTree(t))
}

func (h *Handlers) apiPlaces(w http.ResponseWriter, r *http.Request) {
	sts, err := h.svc.Gazetteer(r.Context(), h.district)
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, web.List[StreetPlace]{Items: sts, Total: len(sts)})
}

func (h *Handlers) apiFile(w http.ResponseWriter, r *http.Request) {
	var in FileInput
	if err := web.DecodeJSON(r, &in, maxOrderJSON); err != nil {
		writeError(w, r, err)
		return
	}
	in.IdempotencyKey = r.Header.Get(web.IdempotencyHeader)
	actor := web.ActorFrom(r.Context())
	f, err := h.svc.File(r.Context(), actor, in)
	if err != nil {
		writeError(w, r, err)
		return
	}
	v, err := h.svc.view(r.Context(), actor, f.Order)
	if err != nil {
		writeError(w, r, err)
		return
	}
	status := http.StatusCreated
	if f.Replayed {
		status = http.StatusOK
	}
	web.WriteJSON(w, status, v)
}

func (h *Handlers) apiPhoto(w http.ResponseWriter, r *http.Request) {
	var in PhotoInput
	if err := web.DecodeJSON(r, &in, maxPhotoJSON); err != nil {
		writeError(w, r, err)
		return
	}
	p, err := h.svc.UploadPhoto(r.Context(), web.ActorFrom(r.Context()), in)
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, p)
}

func (h *Handlers) apiList(w http.ResponseWriter, r *http.Request) {
	p, err := web.ParsePage(r)
	if err != nil {
		writeError(w, r, err)
		return
	}
	f := Filter{State: State(r.URL.Query().Get("state")), Limit: p.Limit, Offset: p.Offset}
	if f.State != "" && f.State.Name() == string(f.State) {
		writeError(w, r, apperr.Invalid("state", "state 不是有效的工单状态"))
		return
	}
	l, err := h.svc.List(r.Context(), web.ActorFrom(r.Context()), f)
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, web.OffsetList(r, l.Items, p, l.Total))
}

func (h *Handlers) apiGet(w http.ResponseWriter, r *http.Request) {
	v, err := h.svc.Get(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"))
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, v)
}

// cancelInput is the body of a cancellation.
type cancelInput struct {
	Reason string `json:"reason"`
}

func (h *Handlers) apiCancel(w http.ResponseWriter, r *http.Request) {
	var in cancelInput
	if err := web.DecodeJSON(r, &in, 16<<10); err != nil {
		writeError(w, r, err)
		return
	}
	v, err := h.svc.Cancel(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"), in.Reason)
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, v)
}
