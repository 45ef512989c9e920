package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// CSRF token carriers.
const (
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

// msgCSRF is what a person sees when a form's token is missing or stale.
const msgCSRF = "页面已过期或请求无效，请刷新后重试"

// ensureAnonToken gives an anonymous visitor a valid signed token, reusing
// the cookie's while it has more than half its life left.
func (rt *Router) ensureAnonToken(w http.ResponseWriter, r *http.Request, st *reqState) {
	now := rt.cfg.Clock.Now()
	if c, err := r.Cookie(AnonCSRFCookie); err == nil {
		if exp, ok := rt.anon.verify(c.Value, now); ok {
			st.csrf = c.Value
			if exp.Sub(now) > anonTokenLife/2 {
				return
			}
		}
	}
	fresh := rt.anon.issue(now)
	http.SetCookie(w, &http.Cookie{
		Name: AnonCSRFCookie, Value: fresh, Path: "/", MaxAge: int(anonTokenLife.Seconds()),
		HttpOnly: true, Secure: rt.SecureCookies(), SameSite: http.SameSiteLaxMode,
	})
	// The token of this request's own cookie stays acceptable until it
	// expires; a page rendered now carries the fresh one.
	st.csrf = fresh
}

// checkCSRF refuses a state-changing request whose token does not match the
// session's (or the anonymous visitor's signed cookie). API calls made with
// an API key carry no cookies and need none; API calls without any session
// cookie have no ambient authority to abuse.
func (rt *Router) checkCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := stateFrom(r.Context())
		if safeMethod(r.Method) || st.apiKeyID != "" || (st.api && !st.hasSess) {
			next.ServeHTTP(w, r)
			return
		}
		expected := rt.expectedCSRF(r, st)
		got, err := rt.submittedCSRF(w, r, st)
		if err != nil {
			rt.fail(w, r, err)
			return
		}
		if expected == "" || got == "" || subtle.ConstantTimeCompare([]byte(expected), []byte(got)) != 1 {
			rt.fail(w, r, apperr.Forbidden(msgCSRF))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// expectedCSRF is the session's token, or the token of the anonymous
// visitor's own cookie when it is genuine and unexpired (the freshly issued
// one cannot be in a form sent before it existed).
func (rt *Router) expectedCSRF(r *http.Request, st *reqState) string {
	if st.hasSess {
		return st.session.CSRFToken
	}
	c, err := r.Cookie(AnonCSRFCookie)
	if err != nil {
		return ""
	}
	if _, ok := rt.anon.verify(c.Value, rt.cfg.Clock.Now()); !ok {
		return ""
	}
	return c.Value
}

// submittedCSRF reads the header, or for pages the form field; the form is
// parsed here under the configured size limits.
func (rt *Router) submittedCSRF(w http.ResponseWriter, r *http.Request, st *reqState) (string, error) {
	if h := r.Header.Get(CSRFHeader); h != "" || st.api {
		return h, nil
	}
	if err := rt.parseForm(w, r); err != nil {
		return "", err
	}
	return r.PostForm.Get(CSRFField), nil
}

// parseForm parses a page post within MaxFormBytes (MaxUploadBytes for
// multipart); only the body counts, never the query string.
func (rt *Router) parseForm(w http.ResponseWriter, r *http.Request) error {
	if r.PostForm != nil {
		return nil
	}
	ct := r.Header.Get("Content-Type")
	var err error
	if strings.HasPrefix(ct, "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, rt.cfg.MaxUploadBytes)
		err = r.ParseMultipartForm(8 << 20)
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, rt.cfg.MaxFormBytes)
		err = r.ParseForm()
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return errTooLarge(tooBig.Limit)
		}
		return apperr.Wrap(apperr.CodeInvalid, "提交的表单无法读取", err)
	}
	return nil
}

// safeMethod reports whether m changes nothing by HTTP's rules.
func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}
