package workorder

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// TimeRequestsPath is the supervisors' page of extension and parking
// requests; an order's clocks are at ConsolePath/{number}/time.
const TimeRequestsPath = "/console/workorder-time"

// ClockHandlers serves the clocks' pages and API operations.
type ClockHandlers struct {
	c  *Clocks
	rd *web.Renderer
}

// NewClockHandlers returns the handlers of the clocks.
func NewClockHandlers(c *Clocks, rd *web.Renderer) *ClockHandlers {
	return &ClockHandlers{c: c, rd: rd}
}

// Register adds the pages and API operations to the router.
func (h *ClockHandlers) Register(rt *web.Router) {
	rt.Page("GET "+ConsolePath+"/{number}/time", h.timePage, web.SignedIn)
	rt.Page("POST "+ConsolePath+"/{number}/time/extension", h.extensionPost, web.SignedIn)
	rt.Page("POST "+ConsolePath+"/{number}/time/parking", h.parkingPost, web.SignedIn)
	rt.Page("POST "+ConsolePath+"/{number}/time/unpark", h.unparkPost, web.SignedIn)
	rt.Page("GET "+TimeRequestsPath, h.requestsPage, web.SignedIn)
	rt.Page("POST "+TimeRequestsPath+"/extensions/{id}", h.decideExtensionPost, web.SignedIn)
	rt.Page("POST "+TimeRequestsPath+"/parkings/{id}", h.decideParkingPost, web.SignedIn)
	h.registerAPI(rt)
}

// ClockNav returns the supervisors' console entry.
func ClockNav() []web.NavItem {
	return []web.NavItem{{Shell: web.ShellConsole, Label: "延期挂账审批", Href: TimeRequestsPath,
		Hint: "审批工单延期、挂账申请，复核到期的挂账工单", Roles: slices.Clone(actTimeApprove.Roles), Order: 63}}
}

// timePageView is the data of an order's time page.
type timePageView struct {
	Time   TimeView
	Form   string // the form that failed: extension, parking, unpark
	Errors map[string]string
	Values map[string]string
	Error  string
	Done   string
}

func (h *ClockHandlers) timePage(w http.ResponseWriter, r *http.Request) {
	h.renderTime(w, r, http.StatusOK, timePageView{Done: r.URL.Query().Get("done")})
}

// renderTime renders an order's time page with v's form state.
func (h *ClockHandlers) renderTime(w http.ResponseWriter, r *http.Request, status int, v timePageView) {
	t, err := h.c.Time(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v.Time = t
	if v.Errors == nil {
		v.Errors, v.Values = map[string]string{}, map[string]string{}
	}
	h.rd.Render(w, r, status, "workorder/clock_order", v)
}

// timeForm handles a post of an order's time page: run acts on the form,
// bad input comes back on the page, success returns to it.
func (h *ClockHandlers) timeForm(w http.ResponseWriter, r *http.Request, name string, fields []string,
	run func(f *web.Form) error) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	err = run(f)
	if err == nil {
		http.Redirect(w, r, ConsolePath+"/"+r.PathValue("number")+"/time?done="+name, http.StatusSeeOther)
		return
	}
	e, ok := apperr.As(err)
	if !ok || (e.Code != apperr.CodeInvalid && e.Code != apperr.CodeConflict) {
		h.rd.Error(w, r, err)
		return
	}
	v := timePageView{Form: name, Errors: e.Fields, Values: map[string]string{}, Error: e.Message}
	if v.Errors == nil {
		v.Errors = map[string]string{}
	}
	for _, k := range fields {
		v.Values[k] = f.Value(k)
	}
	h.renderTime(w, r, web.StatusOf(err), v)
}

func (h *ClockHandlers) extensionPost(w http.ResponseWriter, r *http.Request) {
	h.timeForm(w, r, "extension", []string{"reason", "new_due"}, func(f *web.Form) error {
		_, err := h.c.RequestExtension(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"),
			ExtensionInput{Reason: f.Value("reason"), NewDue: f.Value("new_due")})
		return err
	})
}

func (h *ClockHandlers) parkingPost(w http.ResponseWriter, r *http.Request) {
	h.timeForm(w, r, "parking", []string{"reason", "review_on"}, func(f *web.Form) error {
		_, err := h.c.RequestParking(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"),
			ParkingInput{Reason: f.Value("reason"), ReviewOn: f.Value("review_on")})
		return err
	})
}

func (h *ClockHandlers) unparkPost(w http.ResponseWriter, r *http.Request) {
	h.timeForm(w, r, "unpark", []string{"note"}, func(f *web.Form) error {
		return h.c.Unpark(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"), f.Value("note"))
	})
}

// requestsView is the data of the supervisors' page.
type requestsView struct {
	Requests TimeRequests
	Error    string
	Done     string
}

func (h *ClockHandlers) requestsPage(w http.ResponseWriter, r *http.Request) {
	h.renderRequests(w, r, http.StatusOK, requestsView{Done: r.URL.Query().Get("done")})
}

func (h *ClockHandlers) renderRequests(w http.ResponseWriter, r *http.Request, status int, v requestsView) {
	reqs, err := h.c.PendingRequests(r.Context(), web.ActorFrom(r.Context()))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v.Requests = reqs
	h.rd.Render(w, r, status, "workorder/clock_requests", v)
}

// decide handles a decision form: approve=1 or 0, note.
func (h *ClockHandlers) decide(w http.ResponseWriter, r *http.Request, run func(id int64, d TimeDecision) error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.rd.Error(w, r, apperr.NotFound("申请不存在"))
		return
	}
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	d := TimeDecision{Approve: f.Value("approve") == "1", Note: f.Value("note")}
	err = run(id, d)
	if e, ok := apperr.As(err); ok && (e.Code == apperr.CodeInvalid || e.Code == apperr.CodeConflict) {
		h.renderRequests(w, r, web.StatusOf(err), requestsView{Error: e.Message})
		return
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	done := "refused"
	if d.Approve {
		done = "approved"
	}
	http.Redirect(w, r, TimeRequestsPath+"?done="+done, http.StatusSeeOther)
}

func (h *ClockHandlers) decideExtensionPost(w http.ResponseWriter, r *http.Request) {
	h.decide(w, r, func(id int64, d TimeDecision) error {
		_, err := h.c.DecideExtension(r.Context(), web.ActorFrom(r.Context()), id, d)
		return err
	})
}

func (h *ClockHandlers) decideParkingPost(w http.ResponseWriter, r *http.Request) {
	h.decide(w, r, func(id int64, d TimeDecision) error {
		_, err := h.c.DecideParking(r.Context(), web.ActorFrom(r.Context()), id, d)
		return err
	})
}

// MayApproveTime reports whether the actor may decide extension and
// parking requests somewhere (for links to TimeRequestsPath).
func MayApproveTime(actor *authz.Actor) bool { return actor.May(actTimeApprove, authz.Scope{}) }
