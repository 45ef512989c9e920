package identity

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// staffShowPage is the data of one staff account's page.
type staffShowPage struct {
	Account    AccountView
	Roles      []grantRow
	StatusName string
	// Own is the administrator's own account: its status and admin grants
	// are left to another administrator.
	Own    bool
	Notice string
	// Grant is the add-a-role form with its choices.
	Grant    staffFormPage
	Revoke   formState
	Password formState
	Status   formState
	TOTP     formState
}

// staffShow shows a staff account with its grants and the forms that
// manage it.
func (h *Handlers) staffShow(w http.ResponseWriter, r *http.Request) {
	h.renderStaffShow(w, r, http.StatusOK, staffShowPage{Notice: noticeOf(r)})
}

func (h *Handlers) renderStaffShow(w http.ResponseWriter, r *http.Request, status int, p staffShowPage) {
	id := pathID(r)
	if id == 0 {
		h.rd.Error(w, r, errNoAccount)
		return
	}
	a := web.ActorFrom(r.Context())
	acc, err := h.svc.Account(r.Context(), a, id)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	if acc.Kind != authz.KindStaff {
		h.rd.Error(w, r, errNoAccount)
		return
	}
	p.Account, p.Roles, p.Own = acc, grantRows(acc.Grants, true, h.unitNamer(r.Context())), acc.ID == a.AccountID
	p.StatusName = statusName(acc.Status, acc.LockedUntil, h.svc.now())
	p.Grant.Roles, p.Grant.ScopeKinds = roleOptions(), scopeOptions()
	if p.Grant.Form.Values == nil {
		p.Grant.Form.Values = defaultScope(a)
	}
	h.rd.Render(w, r, status, "identity/staff_show", p)
}

// staffAction runs one management action from a form of the staff page:
// done on success (back to the page with a notice), the page again with
// the form's errors on failure.
func (h *Handlers) staffAction(w http.ResponseWriter, r *http.Request, done string,
	run func(f *web.Form, a *authz.Actor, id int64) error,
	set func(p *staffShowPage, s formState), values func(f *web.Form) map[string]string, fields ...string) {
	id := pathID(r)
	if id == 0 {
		h.rd.Error(w, r, errNoAccount)
		return
	}
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	if err = run(f, web.ActorFrom(r.Context()), id); err == nil {
		seeOther(w, r, staffURL(id)+"?done="+done)
		return
	}
	errs, alert, ok := formErrors(err, fields...)
	if !ok {
		h.rd.Error(w, r, err)
		return
	}
	var p staffShowPage
	s := formState{Errors: errs, Alert: alert}
	if values != nil {
		s.Values = values(f)
	}
	set(&p, s)
	h.renderStaffShow(w, r, web.StatusOf(err), p)
}

// staffGrant gives the account a role over a scope.
func (h *Handlers) staffGrant(w http.ResponseWriter, r *http.Request) {
	h.staffAction(w, r, "granted", func(f *web.Form, a *authz.Actor, id int64) error {
		g := readGrant(f)
		if err := f.Err(); err != nil {
			return err
		}
		return h.svc.GrantRole(r.Context(), a, id, g)
	}, func(p *staffShowPage, s formState) { p.Grant.Form = s }, grantValues, "role", "scope_kind", "scope_code", "scope")
}

// staffRevoke takes a role back.
func (h *Handlers) staffRevoke(w http.ResponseWriter, r *http.Request) {
	h.staffAction(w, r, "revoked", func(f *web.Form, a *authz.Actor, id int64) error {
		g := readGrant(f)
		if err := f.Err(); err != nil {
			return err
		}
		return h.svc.RevokeRole(r.Context(), a, id, g)
	}, func(p *staffShowPage, s formState) { p.Revoke = s }, nil)
}

// staffResetPassword sets a new password chosen by the administrator.
func (h *Handlers) staffResetPassword(w http.ResponseWriter, r *http.Request) {
	h.staffAction(w, r, "reset", func(f *web.Form, a *authz.Actor, id int64) error {
		pw := f.Value("password")
		switch {
		case pw == "":
			f.Fail("password", msgPasswordEmpty)
		case pw != f.Value("confirm_password"):
			f.Fail("confirm_password", msgConfirmMismatch)
		}
		if err := f.Err(); err != nil {
			return err
		}
		return h.svc.ResetPassword(r.Context(), a, id, pw)
	}, func(p *staffShowPage, s formState) { p.Password = s }, nil, "password", "confirm_password")
}

// staffSetStatus disables or re-enables (and unlocks) the account.
func (h *Handlers) staffSetStatus(w http.ResponseWriter, r *http.Request) {
	h.staffAction(w, r, "status", func(f *web.Form, a *authz.Actor, id int64) error {
		st := f.Choice("status", "账号状态", []string{string(StatusActive), string(StatusDisabled)}, true)
		if err := f.Err(); err != nil {
			return err
		}
		return h.svc.SetStatus(r.Context(), a, id, Status(st))
	}, func(p *staffShowPage, s formState) { p.Status = s }, nil)
}

// staffResetTOTP removes the account's authenticator.
func (h *Handlers) staffResetTOTP(w http.ResponseWriter, r *http.Request) {
	h.staffAction(w, r, "totp_reset", func(_ *web.Form, a *authz.Actor, id int64) error {
		return h.svc.ResetTOTP(r.Context(), a, id)
	}, func(p *staffShowPage, s formState) { p.TOTP = s }, nil)
}
