package workorder

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// ConsolePhotoPath is where staff redact photos and administrators open
// the originals of redacted ones.
const ConsolePhotoPath = "/console/workorder-photos/"

// registerHandling adds the handling pages and API operations.
func (h *Handlers) registerHandling(rt *web.Router) {
	rt.Page("POST "+MinePath+"/{number}/followup", h.mine(h.followUpForm), web.SignedIn)
	rt.Page("POST "+MinePath+"/{number}/reopen", h.mine(h.reopenForm), web.SignedIn)
	for path, fn := range map[string]formAction{"note": h.noteForm, "photos": h.photosForm, "close": h.closeForm,
		"verify": h.verifyForm, "followup": h.followUpForm, "reopen": h.reopenForm, "merge": h.mergeForm} {
		rt.Page("POST "+ConsolePath+"/{number}/"+path, h.console(fn), web.SignedIn)
	}
	rt.Page("POST "+ConsolePhotoPath+"{id}/redact", h.redactPost, web.SignedIn)
	// The original of a redacted photo, to administrators.
	rt.Page("GET "+ConsolePhotoPath+"{id}/original", h.photo(h.svc.OpenOriginal), web.SignedIn)
	h.registerHandlingAPI(rt)
}

// formAction runs one handling form of the order number.
type formAction func(ctx context.Context, actor *authz.Actor, number string, r *http.Request, f *web.Form) (OrderView, error)

// mine serves a form of the requester's order page.
func (h *Handlers) mine(fn formAction) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { h.runForm(w, r, fn, "workorder/order", MinePath) }
}

// console serves a form of the staff order page.
func (h *Handlers) console(fn formAction) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h.runForm(w, r, fn, "workorder/console_order", ConsolePath)
	}
}

// runForm reads the form and runs fn: back to the order's page when done;
// an input error shows the page again with the problems (422).
func (h *Handlers) runForm(w http.ResponseWriter, r *http.Request, fn formAction, page, base string) {
	ctx, actor, number := r.Context(), web.ActorFrom(r.Context()), r.PathValue("number")
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	_, err = fn(ctx, actor, number, r, f)
	if e, ok := apperr.As(err); ok && e.Code == apperr.CodeInvalid && len(e.Fields) > 0 {
		v, gerr := h.svc.Get(ctx, actor, number)
		if gerr != nil {
			h.rd.Error(w, r, err)
			return
		}
		h.rd.Render(w, r, http.StatusUnprocessableEntity, page, orderView{Order: v, Error: fieldMessages(e.Fields)})
		return
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, base+"/"+url.PathEscape(number), http.StatusSeeOther)
}

// fieldMessages joins the messages of bad fields, in field order.
func fieldMessages(fields map[string]string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	msgs := make([]string, 0, len(keys))
	for _, k := range keys {
		msgs = append(msgs, fields[k])
	}
	return strings.Join(msgs, "；")
}

func (h *Handlers) noteForm(ctx context.Context, a *authz.Actor, n string, _ *http.Request, f *web.Form) (OrderView, error) {
	return h.svc.AddNote(ctx, a, n, NoteInput{Text: f.Value("text"), Reply: f.Bool("reply")})
}

func (h *Handlers) photosForm(ctx context.Context, a *authz.Actor, n string, r *http.Request, f *web.Form) (OrderView, error) {
	photos, err := readPhotos(r, h.svc.Limits.PhotoBytes)
	if err != nil {
		return OrderView{}, err
	}
	return h.svc.AddPhotos(ctx, a, n, PhotosInput{Stage: f.Value("stage"), Photos: photos})
}

func (h *Handlers) closeForm(ctx context.Context, a *authz.Actor, n string, r *http.Request, f *web.Form) (OrderView, error) {
	photos, err := readPhotos(r, h.svc.Limits.PhotoBytes)
	if err != nil {
		return OrderView{}, err
	}
	return h.svc.Close(ctx, a, n, CloseInput{Outcome: Outcome(f.Value("outcome")), Note: f.Value("note"), Photos: photos})
}

func (h *Handlers) verifyForm(ctx context.Context, a *authz.Actor, n string, _ *http.Request, f *web.Form) (OrderView, error) {
	if r := f.Value("result"); r != "pass" && r != "fail" {
		return OrderView{}, apperr.Invalid("result", "请选择核查结果")
	}
	return h.svc.Verify(ctx, a, n, VerifyInput{Pass: f.Value("result") == "pass", Note: f.Value("note")})
}

func (h *Handlers) followUpForm(ctx context.Context, a *authz.Actor, n string, _ *http.Request, f *web.Form) (OrderView, error) {
	in := FollowUpInput{Comment: f.Value("comment"), Channel: f.Value("channel")}
	switch f.Value("fixed") {
	case "yes":
		in.Fixed = new(bool)
		*in.Fixed = true
	case "no":
		in.Fixed = new(bool)
	}
	level, _ := strconv.Atoi(f.Value("satisfaction"))
	in.Satisfaction = Satisfaction(level)
	return h.svc.FollowUp(ctx, a, n, in)
}

func (h *Handlers) reopenForm(ctx context.Context, a *authz.Actor, n string, _ *http.Request, f *web.Form) (OrderView, error) {
	return h.svc.Reopen(ctx, a, n, f.Value("reason"))
}

func (h *Handlers) mergeForm(ctx context.Context, a *authz.Actor, n string, _ *http.Request, f *web.Form) (OrderView, error) {
	return h.svc.Merge(ctx, a, n, MergeInput{Into: f.Value("into"), Note: f.Value("note")})
}

// redactPost hides a photo and goes back to its order.
func (h *Handlers) redactPost(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v, err := h.svc.Redact(r.Context(), web.ActorFrom(r.Context()), r.PathValue("id"), f.Value("reason"))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, ConsolePath+"/"+url.PathEscape(v.Number), http.StatusSeeOther)
}
