package approval

import "github.com/shanzhi-gov/shanzhi/internal/platform/web"

// registerConsolePages adds the front desks', approvers' and leaders' pages.
func (h *Handlers) registerConsolePages(rt *web.Router) {}
