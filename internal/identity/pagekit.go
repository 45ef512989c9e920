package identity

import (
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Refusals of the identity pages themselves.
var (
	errSignInFirst = apperr.New(apperr.CodeUnauthorized, msgNotSignedIn)
	errStaffOnly   = apperr.Forbidden(msgStaffOnly)
	errNoAccount   = apperr.NotFound(msgAccountMissing)
)

// maxNext bounds the ?next= target carried through the sign-in forms.
const maxNext = 2048

// cleanNext returns a same-site path to go to after sign-in, or "".
func cleanNext(v string) string {
	if v == "" || len(v) > maxNext {
		return ""
	}
	if n := web.SafeNext(v); n != "/" || v == "/" {
		return n
	}
	return ""
}

// destination is next, or def when there is none.
func destination(next, def string) string {
	if next == "" {
		return def
	}
	return next
}

// staffLoginURL is the staff sign-in page returning to next.
func staffLoginURL(next string) string {
	if next = cleanNext(next); next == "" {
		return StaffLoginPath
	}
	return StaffLoginPath + "?next=" + url.QueryEscape(next)
}

// clientIP is the address rate limits count against: the connection's
// peer. A proxy in front of the site must pass the client's address on
// as the peer (e.g. PROXY protocol) for per-address limits to be fair.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// formErrors sorts a service error for a page form: messages of the
// form's own fields go next to them, anything else into the alert. ok is
// false for errors no form can show (internal failures): those go to the
// error page.
func formErrors(err error, fields ...string) (errs map[string]string, alert string, ok bool) {
	e, isApp := apperr.As(err)
	if !isApp || e.Code == apperr.CodeInternal {
		return nil, "", false
	}
	errs = map[string]string{}
	for name, msg := range e.Fields {
		if containsString(fields, name) {
			errs[name] = msg
		} else if alert == "" {
			alert = msg
		}
	}
	if len(errs) == 0 && alert == "" {
		alert = e.Message
	}
	return errs, alert, true
}

func containsString(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// pathID reads the {id} of a console URL; 0 when it is not an id.
func pathID(r *http.Request) int64 {
	v := r.PathValue("id")
	if len(v) > 18 || strings.HasPrefix(v, "0") {
		return 0
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// seeOther redirects after a successful post (POST/redirect/GET).
func seeOther(w http.ResponseWriter, r *http.Request, target string) {
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// failFrom records the field messages of a validation error on the form,
// so that a page can show every bad field at once instead of the first
// one the service stops at. Errors without fields are ignored: the
// service reports them when it runs.
func failFrom(f *web.Form, err error) {
	if e, ok := apperr.As(err); ok {
		for name, msg := range e.Fields {
			f.Fail(name, msg)
		}
	}
}

// startSession sets the new session's cookie and ends the session the
// browser held before: signing in as someone else on a shared counter
// computer must not leave the previous person's session alive behind it.
func (h *Handlers) startSession(w http.ResponseWriter, r *http.Request, sess *Session, token string) {
	if c, err := r.Cookie(web.SessionCookie); err == nil && c.Value != token {
		if err := h.svc.Logout(r.Context(), c.Value); err != nil {
			h.svc.log.WarnContext(r.Context(), "identity: could not end the previous session at sign-in", "error", err)
		}
	}
	web.SetSessionCookie(w, token, sess.ExpiresAt, h.secure)
}
