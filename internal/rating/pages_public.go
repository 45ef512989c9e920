package rating

import "net/http"

func (h *Handlers) publicPage(w http.ResponseWriter, r *http.Request) {
	st, err := h.svc.Stats(r.Context(), h.district)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "rating/public", st)
}
