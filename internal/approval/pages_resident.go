package approval

import "github.com/shanzhi-gov/shanzhi/internal/platform/web"

// registerResidentPages adds the applicants' pages (phone first).
func (h *Handlers) registerResidentPages(rt *web.Router) {}
