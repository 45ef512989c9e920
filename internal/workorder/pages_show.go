package workorder

import "net/http"

// showPage serves a page whose data read builds from the request: the
// page with 200, or the error page when read fails.
func showPage[T any](h *Handlers, page string, read func(*http.Request) (T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := read(r)
		if err != nil {
			h.rd.Error(w, r, err)
			return
		}
		h.rd.Render(w, r, http.StatusOK, page, v)
	}
}
