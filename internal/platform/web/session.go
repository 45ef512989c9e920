package web

import (
	"context"
	"net/http"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// SessionCookie names the session cookie.
const SessionCookie = "shanzhi_session"

// maxCookieToken bounds a session or API token looked up: anything longer
// is not one of ours and is not worth a database query.
const maxCookieToken = 256

// SessionInfo is what the web layer needs to know of a session.
type SessionInfo struct {
	// ID identifies the session (not its secret token), e.g. to revoke it.
	ID string
	// CSRFToken is the token every state-changing request of the session
	// must carry.
	CSRFToken string
}

// SessionSource resolves a session cookie's token. An unknown, expired or
// revoked token returns an error whose apperr code is unauthorized or
// not_found: the visitor is then anonymous and the cookie is cleared. Any
// other error (database down) fails the request.
type SessionSource interface {
	Lookup(ctx context.Context, token string) (*authz.Actor, SessionInfo, error)
}

// SetSessionCookie sends the session cookie: HttpOnly, SameSite=Lax, Path=/,
// and Secure unless the site runs insecure for a localhost demo.
func SetSessionCookie(w http.ResponseWriter, token string, expires time.Time, secure bool) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: token, Path: "/", Expires: expires.UTC(),
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}

// ClearSessionCookie deletes the session cookie (at sign-out, or when it no
// longer names a session).
func ClearSessionCookie(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}

// SecureCookies reports whether cookies must carry the Secure flag; pass it
// to SetSessionCookie and ClearSessionCookie.
func (rt *Router) SecureCookies() bool { return !rt.cfg.InsecureCookies }

// authenticate resolves who is calling: an API key (API routes only) or the
// session cookie. An anonymous page visitor gets a signed CSRF cookie so
// that even the login form is protected.
func (rt *Router) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := stateFrom(r.Context())
		if key, ok := bearerToken(r); ok && st.api {
			if err := rt.useAPIKey(r.Context(), st, key); err != nil {
				rt.fail(w, r, err)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		if err := rt.useSession(w, r, st); err != nil {
			rt.fail(w, r, err)
			return
		}
		if st.actor == nil && !st.api {
			rt.ensureAnonToken(w, r, st)
		}
		next.ServeHTTP(w, r)
	})
}

// useSession looks the cookie's session up; a stale cookie is cleared.
func (rt *Router) useSession(w http.ResponseWriter, r *http.Request, st *reqState) error {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" || rt.cfg.Sessions == nil {
		return nil
	}
	if !plausibleToken(c.Value) {
		ClearSessionCookie(w, rt.SecureCookies())
		return nil
	}
	actor, info, err := rt.cfg.Sessions.Lookup(r.Context(), c.Value)
	if err != nil {
		switch apperr.CodeOf(err) {
		case apperr.CodeUnauthorized, apperr.CodeNotFound:
			ClearSessionCookie(w, rt.SecureCookies())
			return nil
		}
		return apperr.Wrap(apperr.CodeUnavailable, "暂时无法确认您的登录状态，请稍后重试", err)
	}
	if actor == nil {
		ClearSessionCookie(w, rt.SecureCookies())
		return nil
	}
	st.setActor(actor, info.ID)
	st.session, st.hasSess, st.csrf = info, true, info.CSRFToken
	return nil
}

// setActor stores a copy of actor that knows its session and request, so
// services can put both in the audit log.
func (st *reqState) setActor(actor *authz.Actor, sessionID string) {
	if actor == nil {
		return
	}
	a := *actor
	a.SessionID, a.RequestID = sessionID, st.id
	st.actor = &a
}

// plausibleToken rejects cookie values that cannot be tokens: too long, or
// with bytes outside printable ASCII.
func plausibleToken(s string) bool {
	if len(s) > maxCookieToken {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}
