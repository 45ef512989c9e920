package identity_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func code(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wrongCode returns a 6-digit code different from c.
func wrongCode(c string) string {
	n, _ := strconv.Atoi(c)
	return fmt.Sprintf("%06d", (n+1)%1_000_000)
}

// enrol enrols the admin's authenticator and returns its secret.
func enrol(t *testing.T, f *fixture, actor *authz.Actor) string {
	t.Helper()
	e, err := f.s.StartTOTP(f.ctx, actor)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ConfirmTOTP(f.ctx, actor, code(t, e.Secret, f.clock.Now())); err != nil {
		t.Fatal(err)
	}
	return e.Secret
}

func TestTOTPEnrolment(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	e, err := f.s.StartTOTP(f.ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(e.URL)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" || u.Query().Get("secret") != e.Secret ||
		u.Query().Get("issuer") != "善治" || !strings.Contains(u.Path, adminName) {
		t.Fatalf("URL %q", e.URL)
	}
	// Not active until confirmed.
	if _, _, err := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP); err != nil {
		t.Fatalf("pending enrolment already required: %v", err)
	}
	err = f.s.ConfirmTOTP(f.ctx, admin, wrongCode(code(t, e.Secret, f.clock.Now())))
	wantCode(t, err, apperr.CodeInvalid, "totp_code")
	if err := f.s.ConfirmTOTP(f.ctx, admin, code(t, e.Secret, f.clock.Now())); err != nil {
		t.Fatal(err)
	}
	me, _ := f.s.Me(f.ctx, admin)
	if !me.TOTPEnabled {
		t.Fatal("TOTP not enabled")
	}
	if _, err := f.s.StartTOTP(f.ctx, admin); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Fatalf("second enrolment: %v", err)
	}
	// The secret is encrypted at rest.
	var stored string
	if err := f.d.QueryRow(f.ctx, `SELECT totp_secret FROM accounts WHERE id = ?`, admin.AccountID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stored, e.Secret) || !strings.HasPrefix(stored, "v1:k1:") {
		t.Fatalf("stored secret %q is not an SM4 envelope", stored)
	}
	if f.auditCount(t, "identity.totp.enable") != 1 {
		t.Fatal("enrolment not audited")
	}
}

func TestLoginWithTOTP(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	secret := enrol(t, f, admin)
	// The confirming code cannot be replayed at sign-in.
	_, _, err := f.s.LoginStaff(f.ctx, district, adminName, adminPass, code(t, secret, f.clock.Now()), testIP)
	wantCode(t, err, apperr.CodeUnauthorized, "")
	f.clock.Advance(30 * time.Second)
	_, _, err = f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	if !identity.NeedsTOTP(err) {
		t.Fatalf("missing code: %v", err)
	}
	// A wrong password does not reveal that TOTP is on.
	_, _, err = f.s.LoginStaff(f.ctx, district, adminName, "Wrong-password-1", "", testIP)
	if identity.NeedsTOTP(err) || apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Fatalf("wrong password: %v", err)
	}
	now := f.clock.Now()
	c := code(t, secret, now)
	if _, _, err := f.s.LoginStaff(f.ctx, district, adminName, adminPass, c, testIP); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.s.LoginStaff(f.ctx, district, adminName, adminPass, c, testIP)
	if e := wantCode(t, err, apperr.CodeUnauthorized, ""); e.Message != "动态验证码错误" {
		t.Fatalf("replayed code: %q", e.Message)
	}
	// One step of drift is tolerated, two are not.
	f.clock.Advance(60 * time.Second)
	if _, _, err := f.s.LoginStaff(f.ctx, district, adminName, adminPass, code(t, secret, f.clock.Now().Add(-30*time.Second)), testIP); err != nil {
		t.Fatalf("one step late: %v", err)
	}
	f.clock.Advance(90 * time.Second)
	_, _, err = f.s.LoginStaff(f.ctx, district, adminName, adminPass, code(t, secret, f.clock.Now().Add(-90*time.Second)), testIP)
	wantCode(t, err, apperr.CodeUnauthorized, "")
}

func TestWrongTOTPCodesLockTheAccount(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	secret := enrol(t, f, admin)
	f.clock.Advance(time.Minute)
	good := code(t, secret, f.clock.Now())
	bad := wrongCode(good)
	var err error
	for range 5 {
		_, _, err = f.s.LoginStaff(f.ctx, district, adminName, adminPass, bad, testIP)
	}
	wantCode(t, err, apperr.CodeTooMany, "")
	_, _, err = f.s.LoginStaff(f.ctx, district, adminName, adminPass, good, testIP)
	wantCode(t, err, apperr.CodeTooMany, "")
}

func TestDisableAndResetTOTP(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	secret := enrol(t, f, admin)
	f.clock.Advance(time.Minute)
	if err := f.s.DisableTOTP(f.ctx, admin, "not-a-code"); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Fatalf("disable with a bad code: %v", err)
	}
	if err := f.s.DisableTOTP(f.ctx, admin, code(t, secret, f.clock.Now())); err != nil {
		t.Fatal(err)
	}
	f.loginStaff(t, adminName, adminPass)
	if err := f.s.DisableTOTP(f.ctx, admin, "123456"); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Fatalf("disable twice: %v", err)
	}

	worker, id := f.staff(t, authz.RoleInspector, authz.District(district))
	e, _ := f.s.StartTOTP(f.ctx, worker)
	if err := f.s.ConfirmTOTP(f.ctx, worker, code(t, e.Secret, f.clock.Now())); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ResetTOTP(f.ctx, worker, admin.AccountID); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("inspector reset the admin: %v", err)
	}
	if err := f.s.ResetTOTP(f.ctx, admin, id); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	f.loginStaff(t, f.username(t, id), staffPass)
	if n := f.auditCount(t, "identity.totp.reset"); n != 1 {
		t.Fatalf("%d reset audits", n)
	}
	resident, _ := f.resident(t, testPhone)
	if _, err := f.s.StartTOTP(f.ctx, resident); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("resident enrolled TOTP: %v", err)
	}
}
