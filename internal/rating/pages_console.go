package rating

import (
	"net/http"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// consoleListPage is the data of the rectification list.
type consoleListPage struct {
	Cases  []Rectification
	State  State
	States []State
	Names  map[string]string
}

// consoleCasePage is the data of one rectification case.
type consoleCasePage struct {
	Case      Rectification
	Names     map[string]string
	People    map[int64]string
	CanHandle bool
	CanReview bool
	Error     string
	Fields    map[string]string
	Flash     string
	Form      map[string]string
}

// consoleFlashes confirm a change after its redirect.
var consoleFlashes = map[string]string{"callback": "回访已记录", "submit": "整改已提交审核", "review": "审核意见已保存"}

func (h *Handlers) consoleList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	f := Filter{State: State(r.URL.Query().Get("state"))}
	xs, err := h.svc.ListRectifications(ctx, actor, f)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	names, err := h.svc.names(ctx, actor.District)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "rating/console_list", consoleListPage{Cases: xs, State: f.State,
		States: []State{StateOpen, StateSubmitted, StateClosed}, Names: names})
}

func (h *Handlers) consoleCase(w http.ResponseWriter, r *http.Request) {
	p, err := h.casePage(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p.Flash = consoleFlashes[r.URL.Query().Get("done")]
	h.rd.Render(w, r, http.StatusOK, "rating/console_case", p)
}

func (h *Handlers) consoleCallback(w http.ResponseWriter, r *http.Request) {
	h.consoleAction(w, r, "callback", func(a *authz.Actor, id int64, f *web.Form) error {
		in := CallbackInput{Reached: f.Value("reached") == "yes", Note: f.Value("note")}
		if v := f.Value("called_at"); v != "" {
			t, err := time.ParseInLocation("2006-01-02T15:04", v, chinaTime)
			if err != nil {
				return apperr.Invalid("called_at", "回访时间格式不正确")
			}
			in.CalledAt = t
		}
		_, err := h.svc.AddCallback(r.Context(), a, id, in)
		return err
	})
}

func (h *Handlers) consoleSubmit(w http.ResponseWriter, r *http.Request) {
	h.consoleAction(w, r, "submit", func(a *authz.Actor, id int64, f *web.Form) error {
		_, err := h.svc.Submit(r.Context(), a, id, SubmitInput{Measures: f.Value("measures")})
		return err
	})
}

func (h *Handlers) consoleReview(w http.ResponseWriter, r *http.Request) {
	h.consoleAction(w, r, "review", func(a *authz.Actor, id int64, f *web.Form) error {
		_, err := h.svc.Review(r.Context(), a, id, ReviewInput{Outcome: Outcome(f.Value("outcome")), Note: f.Value("note")})
		return err
	})
}

// consoleAction runs a change from a posted form: redirects to the case on
// success, shows the case again with the message on bad input or conflict.
func (h *Handlers) consoleAction(w http.ResponseWriter, r *http.Request, done string,
	do func(a *authz.Actor, id int64, f *web.Form) error) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	id, err := pathInt(r, "id")
	if err == nil {
		err = do(web.ActorFrom(r.Context()), id, f)
	}
	if err == nil {
		http.Redirect(w, r, ConsolePath+"/"+r.PathValue("id")+"?done="+done, http.StatusSeeOther)
		return
	}
	e, ok := apperr.As(err)
	if !ok || (e.Code != apperr.CodeInvalid && e.Code != apperr.CodeConflict) {
		h.rd.Error(w, r, err)
		return
	}
	p, perr := h.casePage(r)
	if perr != nil {
		h.rd.Error(w, r, perr)
		return
	}
	p.Error, p.Fields = e.Message, e.Fields
	p.Form = map[string]string{"note": f.Value("note"), "measures": f.Value("measures"), "called_at": f.Value("called_at")}
	h.rd.Render(w, r, web.StatusOf(err), "rating/console_case", p)
}

// casePage loads the case of the request with what the actor may do.
func (h *Handlers) casePage(r *http.Request) (consoleCasePage, error) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	id, err := pathInt(r, "id")
	if err != nil {
		return consoleCasePage{}, err
	}
	x, err := h.svc.GetRectification(ctx, actor, id)
	if err != nil {
		return consoleCasePage{}, err
	}
	names, err := h.svc.names(ctx, x.District)
	if err != nil {
		return consoleCasePage{}, err
	}
	return consoleCasePage{Case: x, Names: names, People: h.people(ctx, x), Fields: map[string]string{}, Form: map[string]string{},
		CanHandle: x.State == StateOpen && mayCase(actor, actRectify, x),
		CanReview: x.State == StateSubmitted && actor.May(actReview, authz.District(x.District))}, nil
}

// chinaTime is the zone staff enter callback times in.
var chinaTime = time.FixedZone("CST", 8*60*60)
