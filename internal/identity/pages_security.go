package identity

import (
	"context"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// changePassword changes a staff member's own password.
func (h *Handlers) changePassword(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	current, next := f.Value("current_password"), f.Value("new_password")
	switch {
	case current == "":
		f.Fail("current_password", msgCurrentEmpty)
	case next == "":
		f.Fail("new_password", msgPasswordEmpty)
	case next != f.Value("confirm_password"):
		f.Fail("confirm_password", msgConfirmMismatch)
	}
	if err = f.Err(); err == nil {
		if err = h.svc.ChangePassword(r.Context(), web.ActorFrom(r.Context()), current, next); err == nil {
			seeOther(w, r, AccountPath+"?done=password")
			return
		}
	}
	h.formFailure(w, r, err, true, func(p *accountPage, s formState) { p.Password = s }, nil,
		"current_password", "new_password", "confirm_password")
}

// startTOTP begins an authenticator enrolment; the account page then shows
// it until it is confirmed.
func (h *Handlers) startTOTP(w http.ResponseWriter, r *http.Request) {
	if _, err := h.svc.StartTOTP(r.Context(), web.ActorFrom(r.Context())); err != nil {
		h.formFailure(w, r, err, true, func(p *accountPage, s formState) { p.TOTP = s }, nil)
		return
	}
	seeOther(w, r, AccountPath+"#totp")
}

// confirmTOTP finishes the enrolment with a first code from the app.
func (h *Handlers) confirmTOTP(w http.ResponseWriter, r *http.Request) {
	h.totpCode(w, r, "totp_on", h.svc.ConfirmTOTP)
}

// disableTOTP removes the authenticator, given a current code from it.
func (h *Handlers) disableTOTP(w http.ResponseWriter, r *http.Request) {
	h.totpCode(w, r, "totp_off", h.svc.DisableTOTP)
}

// totpCode runs a TOTP action taking a code from the form. A wrong code is
// shown next to the code field; a lockout above the form.
func (h *Handlers) totpCode(w http.ResponseWriter, r *http.Request, done string,
	act func(ctx context.Context, a *authz.Actor, code string) error) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	code := f.Text("totp_code", "动态验证码", maxCodeInputLen, true)
	if err = f.Err(); err == nil {
		if err = act(r.Context(), web.ActorFrom(r.Context()), code); err == nil {
			seeOther(w, r, AccountPath+"?done="+done)
			return
		}
	}
	if e, ok := apperr.As(err); ok && e.Code == apperr.CodeUnauthorized {
		err = apperr.Invalid("totp_code", e.Message)
	}
	h.formFailure(w, r, err, true, func(p *accountPage, s formState) { p.TOTP = s }, nil, "totp_code")
}
