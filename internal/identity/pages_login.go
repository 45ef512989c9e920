package identity

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// loginView is the data of the resident sign-in page. It has two steps:
// "phone" (ask for a code) and "code" (enter it). Between them the number
// travels as an encrypted phone token and is shown only masked.
type loginView struct {
	Step        string
	Next        string
	Phone       string // the typed number, shown back only when it is invalid
	MaskedPhone string
	PhoneToken  string
	Errors      map[string]string
	Alert       string
	Notice      string
	SMSNote     string
}

// notices are the confirmations a redirect asks a page to show (?done=).
var notices = map[string]string{
	"logout": msgLoggedOut, "logout_all": msgLoggedOutAll, "realname": msgRealNameSaved,
	"enterprise": msgEnterpriseSaved, "password": msgPasswordChanged, "totp_on": msgTOTPOn,
	"totp_off": msgTOTPOff, "created": msgStaffCreated, "granted": msgGrantAdded,
	"revoked": msgGrantRemoved, "reset": msgPasswordReset, "status": msgStatusChanged,
	"totp_reset": msgTOTPReset,
}

func noticeOf(r *http.Request) string { return notices[r.URL.Query().Get("done")] }

// loginPage shows the resident sign-in page. Visitors sent here from a
// console page go to the staff sign-in page instead; people already signed
// in go on.
func (h *Handlers) loginPage(w http.ResponseWriter, r *http.Request) {
	next := cleanNext(r.URL.Query().Get("next"))
	actor := web.ActorFrom(r.Context())
	switch {
	case actor != nil:
		seeOther(w, r, destination(next, AccountPath))
		return
	case strings.HasPrefix(next, ConsolePath+"/") || next == ConsolePath:
		seeOther(w, r, staffLoginURL(next))
		return
	}
	h.renderLogin(w, r, http.StatusOK, loginView{Step: "phone", Next: next, Notice: noticeOf(r)})
}

func (h *Handlers) renderLogin(w http.ResponseWriter, r *http.Request, status int, v loginView) {
	v.SMSNote = h.smsNote
	h.rd.Render(w, r, status, "identity/login", v)
}

// loginPhone reads the number of a sign-in form: the phone token of the
// code step, or the typed number. A bad number or a stale token is a
// field error on phone.
func (h *Handlers) loginPhone(f *web.Form) (string, error) {
	if tok := f.Value("phone_token"); tok != "" {
		if p, ok := h.svc.openPhoneToken(tok); ok {
			return p, nil
		}
		return "", apperr.Invalid("phone", msgPhoneAgain)
	}
	return cleanPhone(strings.TrimSpace(f.Value("phone")))
}

// codeStep is the view of the code step for a valid number.
func (h *Handlers) codeStep(phone, next string) (loginView, error) {
	tok, err := h.svc.sealPhoneToken(phone)
	if err != nil {
		return loginView{}, err
	}
	return loginView{Step: "code", Next: next, MaskedPhone: gm.MaskPhone(phone), PhoneToken: tok}, nil
}

// requestCode sends a sign-in code and shows the code step. When the
// number is valid but the code cannot be sent now (rate limits, gateway),
// the code step still shows, with the reason: a code sent a moment ago
// may well be on its way.
func (h *Handlers) requestCode(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	next := cleanNext(f.Value("next"))
	phone, err := h.loginPhone(f)
	if err != nil {
		h.phoneStepError(w, r, f, next, err)
		return
	}
	v, err := h.codeStep(phone, next)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if err := h.svc.RequestSMSCode(r.Context(), h.district, phone, clientIP(r)); err != nil {
		errs, alert, ok := formErrors(err, "phone")
		if !ok || len(errs) > 0 {
			h.phoneStepError(w, r, f, next, err)
			return
		}
		status, v.Alert = web.StatusOf(err), alert
	} else {
		v.Notice = fmt.Sprintf(msgCodeSent, v.MaskedPhone, int(h.svc.cfg.SMSCodeTTL/time.Minute))
	}
	h.renderLogin(w, r, status, v)
}

// phoneStepError shows the first step again with the error. The typed
// number is shown back only when it is invalid (a valid one is personal
// data and stays out of the page).
func (h *Handlers) phoneStepError(w http.ResponseWriter, r *http.Request, f *web.Form, next string, err error) {
	errs, alert, ok := formErrors(err, "phone")
	if !ok {
		h.rd.Error(w, r, err)
		return
	}
	v := loginView{Step: "phone", Next: next, Errors: errs, Alert: alert}
	if errs["phone"] != "" && f.Value("phone_token") == "" {
		v.Phone = f.Value("phone")
	}
	h.renderLogin(w, r, web.StatusOf(err), v)
}

// loginResident signs a resident in with the code and goes on to next or
// to the account page.
func (h *Handlers) loginResident(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	next := cleanNext(f.Value("next"))
	phone, err := h.loginPhone(f)
	if err != nil {
		h.phoneStepError(w, r, f, next, err)
		return
	}
	code := f.Text("code", "验证码", maxCodeInputLen, true)
	if err = f.Err(); err == nil {
		var sess *Session
		var token string
		if sess, token, err = h.svc.LoginResident(r.Context(), h.district, phone, code, clientIP(r)); err == nil {
			h.startSession(w, r, sess, token)
			seeOther(w, r, destination(next, AccountPath))
			return
		}
	}
	errs, alert, ok := formErrors(err, "code", "phone")
	switch {
	case !ok:
		h.rd.Error(w, r, err)
		return
	case errs["phone"] != "" || apperr.CodeOf(err) == apperr.CodeForbidden:
		h.phoneStepError(w, r, f, next, err)
		return
	}
	v, verr := h.codeStep(phone, next)
	if verr != nil {
		h.rd.Error(w, r, verr)
		return
	}
	v.Errors, v.Alert = errs, alert
	h.renderLogin(w, r, web.StatusOf(err), v)
}

// logout ends the current session and clears the cookie.
func (h *Handlers) logout(w http.ResponseWriter, r *http.Request) {
	target := web.LoginPath
	if a := web.ActorFrom(r.Context()); a != nil && a.Kind == authz.KindStaff {
		target = StaffLoginPath
	}
	if c, err := r.Cookie(web.SessionCookie); err == nil {
		if err := h.svc.Logout(r.Context(), c.Value); err != nil {
			h.rd.Error(w, r, err)
			return
		}
	}
	web.ClearSessionCookie(w, h.secure)
	seeOther(w, r, target+"?done=logout")
}

// logoutEverywhere ends every session of the account, this one included.
func (h *Handlers) logoutEverywhere(w http.ResponseWriter, r *http.Request) {
	a := web.ActorFrom(r.Context())
	if err := h.svc.LogoutEverywhere(r.Context(), a); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	web.ClearSessionCookie(w, h.secure)
	target := web.LoginPath
	if a.Kind == authz.KindStaff {
		target = StaffLoginPath
	}
	seeOther(w, r, target+"?"+url.Values{"done": {"logout_all"}}.Encode())
}
