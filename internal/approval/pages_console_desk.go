package approval

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// registerDeskActions adds the forms of the application page that act on
// the application itself: pre-review, acceptance, resumption and
// consultation.
func (h *Handlers) registerDeskActions(rt *web.Router) {
	rt.Page("POST /console/applications/{id}/claim", h.appAction("claimed", func(r *http.Request, id int64, _ *web.Form) error {
		_, err := h.svc.Claim(r.Context(), web.ActorFrom(r.Context()), id)
		return err
	}), web.SignedIn)
	rt.Page("POST /console/applications/{id}/unclaim", h.appAction("unclaimed", func(r *http.Request, id int64, _ *web.Form) error {
		return h.svc.Unclaim(r.Context(), web.ActorFrom(r.Context()), id)
	}), web.SignedIn)
	rt.Page("POST /console/applications/{id}/notice", h.appAction("returned", func(r *http.Request, id int64, f *web.Form) error {
		return h.svc.ReturnForCorrection(r.Context(), web.ActorFrom(r.Context()), id, defectsOf(f))
	}), web.SignedIn)
	rt.Page("POST /console/applications/{id}/accept", h.appAction("accepted", func(r *http.Request, id int64, _ *web.Form) error {
		_, err := h.svc.Accept(r.Context(), web.ActorFrom(r.Context()), id)
		return err
	}), web.SignedIn)
	rt.Page("POST /console/applications/{id}/reject", h.appAction("rejected", func(r *http.Request, id int64, f *web.Form) error {
		return h.svc.Reject(r.Context(), web.ActorFrom(r.Context()), id, f.Value("reasons"))
	}), web.SignedIn)
	rt.Page("POST /console/applications/{id}/resume", h.appAction("resumed", func(r *http.Request, id int64, _ *web.Form) error {
		return h.svc.Resume(r.Context(), web.ActorFrom(r.Context()), id, nil)
	}), web.SignedIn)
	rt.Page("POST /console/applications/{id}/messages", h.appAction("message", func(r *http.Request, id int64, f *web.Form) error {
		return h.svc.PostMessage(r.Context(), web.ActorFrom(r.Context()), id, f.Value("body"))
	}), web.SignedIn)
}

// appAction wraps a form POST on an application: on success back to the
// page with a flash; an invalid or conflicting request shows the page
// again with the error and what was entered; anything else is the error
// page.
func (h *Handlers) appAction(done string, fn func(r *http.Request, id int64, f *web.Form) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := formID(r, "id")
		if err == nil {
			err = mayConsole(web.ActorFrom(r.Context()))
		}
		var f *web.Form
		if err == nil {
			f, err = web.ReadForm(r)
		}
		if err == nil {
			err = fn(r, id, f)
		}
		if err == nil {
			redirectApp(w, r, id, done)
			return
		}
		fl, errs, ok := refusalFlash(err)
		if !ok {
			h.rd.Error(w, r, err)
			return
		}
		h.renderApplication(w, r, id, web.StatusOf(err), fl, errs, keepEntered(f))
	}
}

// keepEntered puts what was typed back into the page's forms.
func keepEntered(f *web.Form) func(*appPage) {
	return func(p *appPage) {
		if f == nil {
			return
		}
		for i := range p.Desk.Defects {
			p.Desk.Defects[i] = Defect{Target: f.Value(defectField(i, "target")), Reason: f.Value(defectField(i, "reason")),
				Fix: f.Value(defectField(i, "fix"))}
		}
		p.Desk.Reasons = f.Value("reasons")
		p.Approver.Opinion = f.Value("opinion")
	}
}

// defectField names one cell of the notice editor.
func defectField(i int, part string) string { return fmt.Sprintf("defect_%d_%s", i, part) }

// defectsOf reads the notice editor's rows; rows left wholly empty are
// ignored, partly filled ones go to the service, which names what is
// missing.
func defectsOf(f *web.Form) []Defect {
	var out []Defect
	for i := range noticeRows {
		d := Defect{Target: strings.TrimSpace(f.Value(defectField(i, "target"))),
			Reason: strings.TrimSpace(f.Value(defectField(i, "reason"))), Fix: strings.TrimSpace(f.Value(defectField(i, "fix")))}
		if d.Target+d.Reason+d.Fix != "" {
			out = append(out, d)
		}
	}
	return out
}
