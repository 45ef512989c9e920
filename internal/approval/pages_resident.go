package approval

import (
	"embed"
	"net/http"
	"net/url"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// rStaticFiles are the resident pages' stylesheet and script (the site's
// CSP allows no inline style or script), served under StaticPrefix.
//
//go:embed static
var rStaticFiles embed.FS

// Paths of the resident pages other modules link to.
const (
	// StaticPrefix serves the approval pages' stylesheet and script.
	StaticPrefix = "/static/approval/"
	// MyApplicationsPath lists the applicant's own applications; a POST
	// there (item, bundle) starts one.
	MyApplicationsPath = "/my/applications"
	// NewApplicationPath confirms starting an application for ?item=.
	NewApplicationPath = "/my/applications/new"
	// MyAgentsPath lists the applicant's agent (代办) requests.
	MyAgentsPath = "/my/agents"
)

// registerResidentPages adds the applicants' pages (phone first). Every
// page needs a signed-in resident or enterprise user; the services refuse
// everyone else and hide other people's applications as not found.
func (h *Handlers) registerResidentPages(rt *web.Router) {
	rt.Static(StaticPrefix, mustSub(rStaticFiles, "static"))
	rt.Page("GET "+MyApplicationsPath, h.myList, web.SignedIn)
	rt.Page("POST "+MyApplicationsPath, h.myCreate)
	rt.Page("GET "+NewApplicationPath, h.myNew, web.SignedIn)
	rt.Page("GET /my/applications/{id}", h.myTrack, web.SignedIn)
	rt.Page("GET /my/applications/{id}/edit", h.myEdit, web.SignedIn)
	rt.Page("POST /my/applications/{id}/edit", h.mySave, web.SignedIn)
	rt.Page("GET /my/applications/{id}/submit", h.mySubmitPage, web.SignedIn)
	rt.Page("POST /my/applications/{id}/submit", h.mySubmit, web.SignedIn)
	rt.Page("POST /my/applications/{id}/verify/{step}", h.myVerifyApp, web.SignedIn)
	rt.Page("GET /my/applications/{id}/withdraw", h.myWithdrawPage, web.SignedIn)
	rt.Page("POST /my/applications/{id}/withdraw", h.myWithdraw, web.SignedIn)
	rt.Page("POST /my/applications/{id}/resume", h.myResume, web.SignedIn)
	rt.Page("POST /my/applications/{id}/messages", h.myMessage, web.SignedIn)
	rt.Page("GET /my/applications/{id}/files/{file}", h.myFile, web.SignedIn)
	rt.Page("GET "+MyAgentsPath, h.myAgents, web.SignedIn)
	rt.Page("POST "+MyAgentsPath, h.myAgentRequest, web.SignedIn)
	rt.Page("GET /my/agents/{id}", h.myAgent, web.SignedIn)
	rt.Page("POST /my/agents/{id}/verify/{step}", h.myVerifyAgency, web.SignedIn)
	rt.Page("POST /my/agents/{id}/authorise", h.myAuthorise, web.SignedIn)
	rt.Page("POST /my/agents/{id}/revoke", h.myRevoke, web.SignedIn)
}

// rResidentPage is what every resident page template gets: its own data
// and the stylesheet and script links.
type rResidentPage struct {
	CSS, JS, SignJS string
}

// rAssets are the versioned links of the pages' static files.
var rAssets = rResidentPage{CSS: StaticPrefix + "resident.css?v=" + rStaticVersion("resident.css"),
	JS: StaticPrefix + "draft.js?v=" + rStaticVersion("draft.js"), SignJS: StaticPrefix + "signpad.js?v=" + rStaticVersion("signpad.js")}

// rRender answers a resident page.
func (h *Handlers) rRender(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	h.rd.Render(w, r, status, "approval/"+name, data)
}

// rFail answers err as the error page (sign-in for anonymous GETs).
func (h *Handlers) rFail(w http.ResponseWriter, r *http.Request, err error) {
	h.rd.Error(w, r, err)
}

// rSee redirects after a successful post (303, so a reload does not post
// again).
func rSee(w http.ResponseWriter, r *http.Request, path string) {
	http.Redirect(w, r, path, http.StatusSeeOther)
}

// rAppPath is the tracking page of an application, with an optional
// sub-page and query.
func rAppPath(id int64, sub string, q url.Values) string {
	p := MyApplicationsPath + "/" + strconv.FormatInt(id, 10)
	if sub != "" {
		p += "/" + sub
	}
	if len(q) > 0 {
		p += "?" + q.Encode()
	}
	return p
}

// rActorOf is the signed-in actor; the routes already sent anonymous
// visitors to sign in.
func rActorOf(r *http.Request) *authz.Actor { return web.ActorFrom(r.Context()) }

// rIdOf reads the {id} of a page route.
func rIdOf(r *http.Request) (int64, error) { return pathID(r, "id") }

// rReadForm parses a posted page form.
func rReadForm(r *http.Request) (*web.Form, error) { return web.ReadForm(r) }

// rFieldsOf returns the per-field messages of an invalid error, and the
// message of any error as the alert.
func rFieldsOf(err error) (map[string]string, string) {
	e, ok := apperr.As(err)
	if !ok {
		return map[string]string{}, ""
	}
	fields := map[string]string{}
	for k, v := range e.Fields {
		fields[k] = v
	}
	return fields, e.Message
}

// rShown reports whether an error is one a page form can show (bad input,
// a stale page, a refusal) rather than a failure for the error page.
func rShown(err error) bool {
	switch apperr.CodeOf(err) {
	case apperr.CodeInvalid, apperr.CodeConflict, apperr.CodeForbidden, apperr.CodeTooLarge, apperr.CodeTooMany, apperr.CodeUnavailable:
		return true
	}
	return false
}
