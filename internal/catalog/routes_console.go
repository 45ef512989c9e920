package catalog

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// registerConsole adds the staff console pages of the catalogue. Every page
// needs a signed-in actor; the service checks the roles.
func (h *Handlers) registerConsole(rt *web.Router) {
	rt.Handle("GET "+consoleCSSPath, http.HandlerFunc(serveConsoleCSS))
	rt.Page("GET /console/catalog", h.consoleList, web.SignedIn)
	rt.Page("GET /console/catalog/new", h.consoleNew, web.SignedIn)
	rt.Page("GET /console/catalog/export", h.consoleExport, web.SignedIn)
	rt.Page("GET /console/catalog/import", h.consoleImportForm, web.SignedIn)
	rt.Page("POST /console/catalog/import", h.consoleImport, web.SignedIn)
	rt.Page("GET /console/catalog/import/template", h.consoleTemplate, web.SignedIn)
	rt.Page("POST /console/catalog/new", h.consoleCreate, web.SignedIn)
	rt.Page("GET /console/catalog/{implCode}", h.consoleItem, web.SignedIn)
	rt.Page("GET /console/catalog/{implCode}/diff", h.consoleDiff, web.SignedIn)
	rt.Page("GET /console/catalog/{implCode}/edit", h.consoleEdit, web.SignedIn)
	rt.Page("POST /console/catalog/{implCode}/edit", h.consoleSave, web.SignedIn)
	rt.Page("POST /console/catalog/{implCode}/publish", h.consolePublish, web.SignedIn)
	rt.Page("POST /console/catalog/{implCode}/withdraw", h.consoleWithdraw, web.SignedIn)
}
