package approval

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// registerConsolePages adds the front desks', approvers' and leaders' pages.
// Every page needs a signed-in actor; the service checks the roles, and
// pages about one application first check that the actor works on
// applications at all, so that a worker of another trade gets 403 rather
// than a misleading 404.
func (h *Handlers) registerConsolePages(rt *web.Router) {
	rt.Handle("GET "+consoleCSSPath, http.HandlerFunc(serveConsoleCSS))
	rt.Page("GET /console/prereview", h.queuePage, web.SignedIn)
	rt.Page("POST /console/prereview/{id}/claim", h.queueClaim, web.SignedIn)
	rt.Page("POST /console/prereview/{id}/unclaim", h.queueUnclaim, web.SignedIn)
	rt.Page("GET /console/applications/{id}", h.applicationPage, web.SignedIn)
	h.registerDeskActions(rt)
	h.registerTaskPages(rt)
	rt.Page("GET /console/approval/expiring", h.expiringPage, web.SignedIn)
	h.registerNoticePDFs(rt)
}

// consoleActions are the actions of staff who work on applications.
var consoleActions = []*authz.Action{actPreReview, actApprove, actOversee}

// mayConsole refuses actors who hold none of the roles working on
// applications.
func mayConsole(actor *authz.Actor) error {
	for _, act := range consoleActions {
		if actor.May(act, authz.Scope{}) {
			return nil
		}
	}
	return authz.Check(actor, actPreReview, authz.Scope{})
}

// flash is a one-line message shown above a page's content.
type flash struct {
	Kind string // ok | warn | error
	Text string
}

// doneMessages are the flashes shown after a successful POST, by ?done=.
var doneMessages = map[string]string{
	"claimed":     "已认领，请预审材料后受理、告知补正或不予受理。",
	"unclaimed":   "已放回待预审队列。",
	"returned":    "一次性告知书已发送申请人，办件进入待补正。",
	"accepted":    "已受理，受理通知书已生成，办件已转审批部门。",
	"rejected":    "已作出不予受理决定，通知书已生成。",
	"task":        "已认领审批任务。",
	"completed":   "审批意见已提交。",
	"transferred": "已转办。",
	"added":       "已加签。",
	"suspended":   "已中止计时。",
	"resumed":     "已恢复计时。",
	"message":     "留言已发送。",
}

// flashOf returns the flash of a request's ?done=, nil when none.
func flashOf(r *http.Request) *flash {
	if msg, ok := doneMessages[r.URL.Query().Get("done")]; ok {
		return &flash{Kind: "ok", Text: msg}
	}
	return nil
}

// refusalFlash turns an invalid or conflicting action into a flash shown
// on the page again; ok is false for errors the error page answers.
func refusalFlash(err error) (*flash, map[string]string, bool) {
	e, ok := apperr.As(err)
	if !ok || (e.Code != apperr.CodeInvalid && e.Code != apperr.CodeConflict) {
		return nil, nil, false
	}
	msg := e.Message
	for _, m := range e.Fields {
		if msg == "" || msg == "请检查填写的内容" {
			msg = m
		}
	}
	return &flash{Kind: "error", Text: msg}, e.Fields, true
}

// formID reads the {name} wildcard as a positive id.
func formID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.NotFound("办件或任务不存在")
	}
	return id, nil
}

// redirectApp sends the browser back to an application's page with a
// flash.
func redirectApp(w http.ResponseWriter, r *http.Request, id int64, done string) {
	http.Redirect(w, r, "/console/applications/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// itoa formats an id for a form value.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
