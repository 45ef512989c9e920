package approval

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Handlers serves the approval API (and, later, its pages).
type Handlers struct {
	svc *Service
}

// NewHandlers returns the module's handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// Register adds the module's routes.
func (h *Handlers) Register(rt *web.Router) {
	h.registerApplicantAPI(rt)
	h.registerStaffAPI(rt)
	h.registerMessageAPI(rt)
	h.registerDetailAPI(rt)
	h.registerOverviewAPI(rt)
}

// maxBody bounds JSON bodies: a form with tables of staff fits.
const maxBody = 512 << 10

// pathID reads the {id} wildcard.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.NotFound("办件不存在")
	}
	return id, nil
}

// handle decodes a JSON body into In (when In is not struct{}), reads the
// {id}, calls fn and writes its result.
func handle[In any](status int, fn func(r *http.Request, id int64, in In) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var id int64
		if r.PathValue("id") != "" {
			var err error
			if id, err = pathID(r, "id"); err != nil {
				web.WriteError(w, r, err)
				return
			}
		}
		var in In
		if r.Method != http.MethodGet && r.ContentLength != 0 {
			if err := web.DecodeJSON(r, &in, maxBody); err != nil {
				web.WriteError(w, r, err)
				return
			}
		}
		out, err := fn(r, id, in)
		if err != nil {
			web.WriteError(w, r, err)
			return
		}
		web.WriteJSON(w, status, out)
	}
}

// none is the input of operations without a body.
type none struct{}
