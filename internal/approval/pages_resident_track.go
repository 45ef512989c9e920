package approval

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// rTrackView is the data of the tracking page.
type rTrackView struct {
	rResidentPage
	App         Application
	Days        string
	Clock       Clock
	Timeline    []Entry
	Rounds      []rRound
	Messages    []Message
	Correction  string // what the approver asked to correct (suspended)
	CanWithdraw bool
	CanMessage  bool
	Flash       string
	Body        string
	BodyError   string
	Alert       string
}

// rRound is one one-time notice (一次性告知) with its number from 1.
type rRound struct {
	N       int
	Defects []Defect
}

// rFlashes are the one-line confirmations after a redirect.
var rFlashes = map[string]string{
	"submitted": "申请已签名提交，请留意短信通知。", "withdrawn": "申请已撤回。",
	"resumed": "已告知审批人员补正完成，恢复计时。", "sent": "留言已发送。",
}

// myTrack shows where an application stands: state, number, time left,
// the timeline, the one-time notices, correction and consultation.
func (h *Handlers) myTrack(w http.ResponseWriter, r *http.Request) {
	v, err := h.rTrackOf(r)
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	for k, msg := range rFlashes {
		if r.URL.Query().Get(k) == "1" {
			v.Flash = msg
		}
	}
	h.rRender(w, r, http.StatusOK, "r_track", v)
}

// rTrackOf loads everything the tracking page shows.
func (h *Handlers) rTrackOf(r *http.Request) (rTrackView, error) {
	id, err := rIdOf(r)
	if err != nil {
		return rTrackView{}, err
	}
	ctx, actor := r.Context(), rActorOf(r)
	d, err := h.svc.Detail(ctx, actor, id)
	if err != nil {
		return rTrackView{}, err
	}
	v := rTrackView{rResidentPage: rAssets, App: d.Application, Clock: d.Clock,
		Days:        rDaysText(d.State, d.Clock.DaysLeft, d.Clock.Standing),
		CanWithdraw: d.State == StateDraft || d.State == StateSubmitted || d.State == StateReturned,
		CanMessage:  d.State != StateDraft}
	if len(d.Items) > 0 && d.Items[0].Item.Instant && !d.State.Final() && d.State != StateDraft {
		v.Days = "即办件，受理后当场办结"
	}
	for i, n := range d.Notices {
		v.Rounds = append(v.Rounds, rRound{N: i + 1, Defects: n})
	}
	if v.Timeline, err = h.svc.Timeline(ctx, actor, id); err != nil {
		return rTrackView{}, err
	}
	if v.CanMessage {
		if v.Messages, err = h.svc.Messages(ctx, actor, id); err != nil {
			return rTrackView{}, err
		}
	}
	if d.State == StateSuspended {
		v.Correction = rLastNote(v.Timeline, "suspend")
	}
	return v, nil
}

// rLastNote is the note of the latest timeline entry of a kind.
func rLastNote(es []Entry, kind string) string {
	for i := len(es) - 1; i >= 0; i-- {
		if es[i].Kind == kind {
			return es[i].Note
		}
	}
	return ""
}

// myWithdrawPage asks the applicant to confirm withdrawing.
func (h *Handlers) myWithdrawPage(w http.ResponseWriter, r *http.Request) {
	v, err := h.rTrackOf(r)
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	h.rRender(w, r, http.StatusOK, "r_withdraw", v)
}

// myWithdraw withdraws an application before acceptance.
func (h *Handlers) myWithdraw(w http.ResponseWriter, r *http.Request) {
	h.rAct(w, r, "withdrawn", func(id int64) error { return h.svc.Withdraw(r.Context(), rActorOf(r), id) })
}

// myResume tells the approver the requested correction is done.
func (h *Handlers) myResume(w http.ResponseWriter, r *http.Request) {
	h.rAct(w, r, "resumed", func(id int64) error { return h.svc.Resume(r.Context(), rActorOf(r), id, nil) })
}

// myMessage posts a consultation message.
func (h *Handlers) myMessage(w http.ResponseWriter, r *http.Request) {
	body := r.PostFormValue("body")
	h.rAct(w, r, "sent", func(id int64) error { return h.svc.PostMessage(r.Context(), rActorOf(r), id, body) })
}

// rAct runs an action on the application and returns to its tracking
// page, with the refusal shown there when the action was refused.
func (h *Handlers) rAct(w http.ResponseWriter, r *http.Request, flash string, fn func(id int64) error) {
	id, err := rIdOf(r)
	if err == nil {
		err = fn(id)
	}
	if err == nil {
		rSee(w, r, rAppPath(id, "", url.Values{flash: {"1"}}))
		return
	}
	if !rShown(err) {
		h.rFail(w, r, err)
		return
	}
	v, err2 := h.rTrackOf(r)
	if err2 != nil {
		h.rFail(w, r, err2)
		return
	}
	fields, msg := rFieldsOf(err)
	v.BodyError, v.Alert = fields["body"], msg
	if v.BodyError != "" {
		v.Alert, v.Body = "", strings.TrimSpace(r.PostFormValue("body"))
	}
	h.rRender(w, r, web.StatusOf(err), "r_track", v)
}

// myFile sends one of the application's uploaded materials.
func (h *Handlers) myFile(w http.ResponseWriter, r *http.Request) {
	id, err := rIdOf(r)
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	f, data, err := h.svc.OpenMaterial(r.Context(), rActorOf(r), id, r.PathValue("file"))
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	writeFile(w, f, data)
}
