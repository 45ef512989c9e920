package workorder

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Paths of the dispatch pages.
const (
	QueuePath     = ConsolePath + "/queue"    // a handler's queue
	ReviewPath    = ConsolePath + "/dispatch" // a dispatcher's queue
	CataloguePath = "/console/workorder-dispatch"
)

// registerDispatch adds the dispatch pages and API operations.
func (h *Handlers) registerDispatch(rt *web.Router) {
	rt.Page("GET "+QueuePath, showPage(h, "workorder/dispatch_queue", h.queueData), web.SignedIn)
	rt.Page("POST "+QueuePath+"/availability", h.availabilityPost, web.SignedIn)
	rt.Page("GET "+ReviewPath, showPage(h, "workorder/dispatch_review", h.reviewData), web.SignedIn)
	for path, fn := range map[string]dispatchForm{"accept": plainForm(h.svc.Accept), "grab": plainForm(h.svc.Grab),
		"return": textForm("reason", h.svc.Return), "assist-accept": plainForm(h.svc.AcceptAssist),
		"assist-done": textForm("opinion", h.svc.FinishAssist)} {
		rt.Page("POST "+ConsolePath+"/{number}/"+path, h.runDispatchForm(fn, QueuePath, path), web.SignedIn)
	}
	for path, fn := range map[string]dispatchForm{"assign": h.assignForm, "uphold": textForm("note", h.svc.Uphold)} {
		rt.Page("POST "+ConsolePath+"/{number}/"+path, h.runDispatchForm(fn, ReviewPath, path), web.SignedIn)
	}
	h.registerCataloguePages(rt)
	h.registerDispatchAPI(rt)
}

// queueView is the data of the handler's queue.
type queueView struct {
	Queue Queue
	// Done says what was just done (doneNotice), Error what failed.
	Done   string
	Error  string
	JS     string
	Radius float64
}

func (h *Handlers) queueData(r *http.Request) (queueView, error) {
	q, err := h.svc.Queue(r.Context(), web.ActorFrom(r.Context()))
	return queueView{Queue: q, Done: doneNotice(r), JS: h.js(), Radius: PoolRadiusKM}, err
}

func (h *Handlers) availabilityPost(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err == nil {
		in := AvailabilityInput{Available: f.Bool("available")}
		in.Lat, in.Lng = formFloat(f.Value("lat")), formFloat(f.Value("lng"))
		_, err = h.svc.SetAvailability(r.Context(), web.ActorFrom(r.Context()), in)
	}
	h.after(w, r, err, QueuePath, "availability")
}

// formFloat reads an optional number; a malformed one counts as given but
// invalid (NaN), so the service names the field.
func formFloat(s string) *float64 {
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		nan := math.NaN()
		return &nan
	}
	return &f
}

// dispatchForm runs one dispatch form of the order number.
type dispatchForm func(ctx context.Context, actor *authz.Actor, number string, f *web.Form) error

// runDispatchForm reads the form, runs it and goes back to the page,
// which says what was done (did: the form's path, see doneTexts).
func (h *Handlers) runDispatchForm(fn dispatchForm, back, did string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, err := web.ReadForm(r)
		if err == nil {
			err = fn(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"), f)
		}
		h.after(w, r, err, back, url.QueryEscape(r.PathValue("number"))+"&did="+did)
	}
}

// after redirects to the page with done=what, or shows it again with the
// error (a missing order or a refusal as the error page).
func (h *Handlers) after(w http.ResponseWriter, r *http.Request, err error, page, what string) {
	if err == nil {
		http.Redirect(w, r, page+"?done="+what, http.StatusSeeOther)
		return
	}
	code := apperr.CodeOf(err)
	if code != apperr.CodeInvalid && code != apperr.CodeConflict {
		h.rd.Error(w, r, err)
		return
	}
	msg := err.Error()
	if e, ok := apperr.As(err); ok {
		msg = e.Message
		for _, m := range e.Fields {
			msg = m // one field per form: its message says more
		}
	}
	var data any
	var derr error
	name := "workorder/dispatch_queue"
	if page == QueuePath {
		var v queueView
		v, derr = h.queueData(r)
		v.Error = msg
		data = v
	} else {
		var v reviewView
		v, derr = h.reviewData(r)
		v.Error = msg
		data, name = v, "workorder/dispatch_review"
	}
	if derr != nil {
		h.rd.Error(w, r, derr)
		return
	}
	h.rd.Render(w, r, web.StatusOf(err), name, data)
}

// dispatchStep is a step of the service on an order; dispatchStepWith
// takes one text besides (a reason, a note, an opinion).
type (
	dispatchStep     func(ctx context.Context, actor *authz.Actor, number string) (DispatchView, error)
	dispatchStepWith func(ctx context.Context, actor *authz.Actor, number, text string) (DispatchView, error)
)

// plainForm is the form of a step without fields.
func plainForm(fn dispatchStep) dispatchForm {
	return func(ctx context.Context, actor *authz.Actor, number string, _ *web.Form) error {
		_, err := fn(ctx, actor, number)
		return err
	}
}

// textForm is the form of a step taking the text of field.
func textForm(field string, fn dispatchStepWith) dispatchForm {
	return func(ctx context.Context, actor *authz.Actor, number string, f *web.Form) error {
		_, err := fn(ctx, actor, number, f.Value(field))
		return err
	}
}

func (h *Handlers) assignForm(ctx context.Context, actor *authz.Actor, number string, f *web.Form) error {
	in := AssignInput{Mode: Mode(f.Value("mode")), Note: f.Value("note")}
	if v := f.Value("unit"); v != "" {
		t, ok := ParseTarget(v)
		if !ok {
			return apperr.Invalid("unit", "请选择承办单位")
		}
		in.Unit = &t
	}
	if v := f.Value("assist"); v != "" {
		t, ok := ParseTarget(v)
		if !ok {
			return apperr.Invalid("assists", "请选择协办单位")
		}
		in.Mode, in.Assists = ModeJoint, []Target{t}
	}
	_, err := h.svc.Assign(ctx, actor, number, in)
	return err
}

// doneTexts say what a dispatch form did, by its path.
var doneTexts = map[string]string{"accept": "已签收，请及时办理", "grab": "抢单成功，已由您承接",
	"return": "已退单，等待派单员审核", "assist-accept": "已签收协办，请配合承办单位办理",
	"assist-done": "协办已完成，意见已告知承办单位", "assign": "已派出", "uphold": "已维持原派单，退回原单位办理",
	"availability": "接单状态已更新"}

// doneNotice is the notice after a form: 工单 <number> <what it did>.
func doneNotice(r *http.Request) string {
	q := r.URL.Query()
	number, did := q.Get("done"), q.Get("did")
	if number == "availability" {
		return doneTexts[number]
	}
	if number == "" {
		return ""
	}
	text, ok := doneTexts[did]
	if !ok {
		text = "已处理"
	}
	return "工单 " + number + " " + text + "。"
}
