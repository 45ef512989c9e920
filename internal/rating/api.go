package rating

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxJSONBody bounds a JSON body: a few short fields.
const maxJSONBody = 64 << 10

// decodeThen decodes a JSON body into T and answers what do returns.
func decodeThen[T, R any](w http.ResponseWriter, r *http.Request, status int, do func(*authz.Actor, T) (R, error)) {
	var in T
	if err := web.DecodeJSON(r, &in, maxJSONBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	answer(w, r, status, func(a *authz.Actor) (R, error) { return do(a, in) })
}

// answer runs do for the request's actor and writes its result.
func answer[R any](w http.ResponseWriter, r *http.Request, status int, do func(*authz.Actor) (R, error)) {
	v, err := do(web.ActorFrom(r.Context()))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, status, v)
}

// pathInt reads a positive integer path value.
func pathInt(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.Invalid(name, "编号应为正整数")
	}
	return id, nil
}

// withID decodes a body and runs do with the path's {id}.
func withID[T, R any](w http.ResponseWriter, r *http.Request, do func(*authz.Actor, int64, T) (R, error)) {
	id, err := pathInt(r, "id")
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	decodeThen(w, r, http.StatusOK, func(a *authz.Actor, in T) (R, error) { return do(a, id, in) })
}

// caseOf reads {kind} and {id} of a case path.
func caseOf(r *http.Request) (CaseKind, int64, error) {
	id, err := pathInt(r, "id")
	return CaseKind(r.PathValue("kind")), id, err
}

func (h *Handlers) apiMine(w http.ResponseWriter, r *http.Request) {
	answer(w, r, http.StatusOK, func(a *authz.Actor) ([]Rating, error) { return h.svc.Mine(r.Context(), a) })
}

func (h *Handlers) apiGet(w http.ResponseWriter, r *http.Request) {
	kind, id, err := caseOf(r)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	answer(w, r, http.StatusOK, func(a *authz.Actor) (Rating, error) { return h.svc.Get(r.Context(), a, kind, id) })
}

func (h *Handlers) apiRate(w http.ResponseWriter, r *http.Request) {
	kind, id, err := caseOf(r)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	decodeThen(w, r, http.StatusCreated, func(a *authz.Actor, in Input) (Rating, error) {
		return h.svc.Rate(r.Context(), a, kind, id, in)
	})
}

func (h *Handlers) apiStats(w http.ResponseWriter, r *http.Request) {
	answer(w, r, http.StatusOK, func(*authz.Actor) (Stats, error) { return h.svc.Stats(r.Context(), h.district) })
}

func (h *Handlers) apiList(w http.ResponseWriter, r *http.Request) {
	f := Filter{State: State(r.URL.Query().Get("state"))}
	answer(w, r, http.StatusOK, func(a *authz.Actor) ([]Rectification, error) {
		xs, err := h.svc.ListRectifications(r.Context(), a, f)
		if xs == nil {
			xs = []Rectification{}
		}
		return xs, err
	})
}

func (h *Handlers) apiRect(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	answer(w, r, http.StatusOK, func(a *authz.Actor) (Rectification, error) {
		return h.svc.GetRectification(r.Context(), a, id)
	})
}

func (h *Handlers) apiCallback(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in CallbackInput) (Rectification, error) {
		return h.svc.AddCallback(r.Context(), a, id, in)
	})
}

func (h *Handlers) apiSubmit(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in SubmitInput) (Rectification, error) {
		return h.svc.Submit(r.Context(), a, id, in)
	})
}

func (h *Handlers) apiReview(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in ReviewInput) (Rectification, error) {
		return h.svc.Review(r.Context(), a, id, in)
	})
}
