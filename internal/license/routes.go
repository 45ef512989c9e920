package license

import (
	"embed"
	"io/fs"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed all:templates
var templateFiles embed.FS

// Templates holds the module's pages, named "license/…".
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// Handlers serves the public verification page and the licence API.
type Handlers struct {
	svc *Service
	rd  *web.Renderer
}

// NewHandlers returns the module's handlers.
func NewHandlers(svc *Service, rd *web.Renderer) *Handlers { return &Handlers{svc: svc, rd: rd} }

// Register adds the public page and the API operations to the router.
func (h *Handlers) Register(rt *web.Router) {
	rt.Page("GET /licences/verify", h.verifyPage)
	h.registerAPI(rt)
}
