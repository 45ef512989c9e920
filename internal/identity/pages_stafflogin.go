package identity

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// staffLoginView is the data of the staff sign-in page.
type staffLoginView struct {
	Next     string
	Username string
	// ShowTOTP shows the dynamic-code field: the password was right and
	// the account has an authenticator (or the form already asked).
	ShowTOTP bool
	Errors   map[string]string
	Alert    string
	Notice   string
}

// staffLoginPage shows the staff sign-in page; staff already signed in go
// on to the console.
func (h *Handlers) staffLoginPage(w http.ResponseWriter, r *http.Request) {
	next := cleanNext(r.URL.Query().Get("next"))
	if a := web.ActorFrom(r.Context()); a != nil && a.Kind == authz.KindStaff {
		seeOther(w, r, destination(next, ConsolePath))
		return
	}
	h.rd.Render(w, r, http.StatusOK, "identity/console_login", staffLoginView{Next: next, Notice: noticeOf(r)})
}

// loginStaff checks username, password and (when enrolled) the TOTP code.
// Refusals show the service's message as given: wrong credentials, the
// lockout with its end time, a disabled account.
func (h *Handlers) loginStaff(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v := staffLoginView{Next: cleanNext(f.Value("next")), Username: f.Value("username"),
		ShowTOTP: f.Value("totp") == "1"}
	password := f.Value("password")
	if password == "" {
		f.Fail("password", msgPasswordEmpty)
	}
	f.Text("username", "用户名", maxUsernameLen, true)
	if err = f.Err(); err == nil {
		var sess *Session
		var token string
		sess, token, err = h.svc.LoginStaff(r.Context(), h.district, v.Username, password,
			f.Value("totp_code"), clientIP(r))
		if err == nil {
			h.startSession(w, r, sess, token)
			seeOther(w, r, destination(v.Next, ConsolePath))
			return
		}
	}
	status := web.StatusOf(err)
	if NeedsTOTP(err) && !v.ShowTOTP {
		// The first time the code is asked for is a step, not a mistake.
		v.ShowTOTP, v.Notice, status = true, msgTOTPStep, http.StatusOK
	} else {
		var ok bool
		if v.Errors, v.Alert, ok = formErrors(err, "username", "password", "totp_code"); !ok {
			h.rd.Error(w, r, err)
			return
		}
		v.ShowTOTP = v.ShowTOTP || v.Errors["totp_code"] != ""
	}
	h.rd.Render(w, r, status, "identity/console_login", v)
}
