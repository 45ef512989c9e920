package identity

import (
	"net/http"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxAPIBody bounds the JSON body of an identity API call.
const maxAPIBody = 16 << 10

// apiSMSCode sends a sign-in code by SMS.
func (h *Handlers) apiSMSCode(w http.ResponseWriter, r *http.Request) {
	var in SMSCodeRequest
	if err := web.DecodeJSON(r, &in, maxAPIBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	phone, err := cleanPhone(in.Phone)
	if err == nil {
		err = h.svc.RequestSMSCode(r.Context(), h.district, phone, clientIP(r))
	}
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	cfg := h.svc.Config()
	web.WriteJSON(w, http.StatusOK, SMSCodeSent{Phone: gm.MaskPhone(phone),
		ExpiresInSeconds: int(cfg.SMSCodeTTL / time.Second), ResendInSeconds: int(cfg.SMSPhoneGap / time.Second)})
}

// apiLoginResident signs a resident in: the session cookie is set and the
// CSRF token returned.
func (h *Handlers) apiLoginResident(w http.ResponseWriter, r *http.Request) {
	var in ResidentLoginRequest
	if err := web.DecodeJSON(r, &in, maxAPIBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	sess, token, err := h.svc.LoginResident(r.Context(), h.district, in.Phone, in.Code, clientIP(r))
	h.answerSession(w, r, sess, token, err)
}

// apiLoginStaff signs a staff member in.
func (h *Handlers) apiLoginStaff(w http.ResponseWriter, r *http.Request) {
	var in StaffLoginRequest
	if err := web.DecodeJSON(r, &in, maxAPIBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	sess, token, err := h.svc.LoginStaff(r.Context(), h.district, in.Username, in.Password, in.TOTPCode, clientIP(r))
	h.answerSession(w, r, sess, token, err)
}

// answerSession sets the cookie of a new session and answers 201 with the
// account and the CSRF token.
func (h *Handlers) answerSession(w http.ResponseWriter, r *http.Request, sess *Session, token string, err error) {
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	actor, _, err := h.svc.Lookup(r.Context(), token)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	me, err := h.svc.Me(r.Context(), actor)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	h.startSession(w, r, sess, token)
	web.WriteJSON(w, http.StatusCreated, SessionResource{Account: accountResource(me), CSRFToken: sess.CSRFToken,
		ExpiresAt: sess.ExpiresAt})
}

// apiLogout ends the caller's session.
func (h *Handlers) apiLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(web.SessionCookie); err == nil {
		if err := h.svc.Logout(r.Context(), c.Value); err != nil {
			web.WriteError(w, r, err)
			return
		}
	}
	web.ClearSessionCookie(w, h.secure)
	web.WriteJSON(w, http.StatusNoContent, nil)
}

// apiMe answers the caller's account, masked.
func (h *Handlers) apiMe(w http.ResponseWriter, r *http.Request) {
	me, err := h.svc.Me(r.Context(), web.ActorFrom(r.Context()))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, accountResource(me))
}

// apiRealName records the caller's real name and answers the account.
func (h *Handlers) apiRealName(w http.ResponseWriter, r *http.Request) {
	var in RealNameRequest
	if err := web.DecodeJSON(r, &in, maxAPIBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	if err := h.svc.UpdateRealName(r.Context(), web.ActorFrom(r.Context()), in.Name, in.IDNumber); err != nil {
		web.WriteError(w, r, err)
		return
	}
	h.apiMe(w, r)
}
