package identity_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestWrongPasswordsLockTheAccount(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	for i := 1; i < 5; i++ {
		_, _, err := f.s.LoginStaff(f.ctx, district, adminName, "Wrong-password-1", "", testIP)
		e := wantCode(t, err, apperr.CodeUnauthorized, "")
		if e.Message != "用户名或密码错误" {
			t.Fatalf("attempt %d: %q", i, e.Message)
		}
	}
	f.clock.Advance(time.Minute)
	_, _, err := f.s.LoginStaff(f.ctx, district, adminName, "Wrong-password-1", "", testIP)
	e := wantCode(t, err, apperr.CodeTooMany, "")
	// 01:01 UTC + 15 min = 09:16 in Nanjing.
	if want := "密码错误次数过多，账号已锁定至 09:16"; e.Message != want {
		t.Fatalf("lockout message %q, want %q", e.Message, want)
	}
	// Locked: even the right password is refused, with the same message.
	f.clock.Advance(14 * time.Minute)
	_, _, err = f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	if e := wantCode(t, err, apperr.CodeTooMany, ""); !strings.Contains(e.Message, "09:16") {
		t.Fatalf("message %q", e.Message)
	}
	// Another node sees the same lock: it lives in the database.
	other := f.service(t, nil)
	_, _, err = other.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	wantCode(t, err, apperr.CodeTooMany, "")
	if n := f.auditCount(t, "identity.account.lockout"); n != 1 {
		t.Fatalf("%d lockout audits", n)
	}
	// After the lock period the right password works and the count restarts.
	f.clock.Advance(time.Minute)
	if _, _, err := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	if n := f.count(t, `SELECT failed_logins FROM accounts WHERE username = ?`, adminName); n != 0 {
		t.Fatalf("failed_logins = %d after a success", n)
	}
}

func TestFailuresCountAcrossNodes(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	nodes := []*identity.Service{f.s, f.service(t, nil), f.service(t, nil)}
	var last error
	for i := range 5 {
		_, _, last = nodes[i%len(nodes)].LoginStaff(f.ctx, district, adminName, "Wrong-password-1", "", testIP)
	}
	wantCode(t, last, apperr.CodeTooMany, "")
}

func TestSuccessResetsTheFailureCount(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	for range 3 {
		f.s.LoginStaff(f.ctx, district, adminName, "Wrong-password-1", "", testIP)
	}
	f.loginStaff(t, adminName, adminPass)
	for range 4 {
		_, _, err := f.s.LoginStaff(f.ctx, district, adminName, "Wrong-password-1", "", testIP)
		wantCode(t, err, apperr.CodeUnauthorized, "")
	}
}

func TestUnknownUsersAndBadInput(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	for _, c := range []struct{ district, user string }{
		{district, "nobody"}, {"320102", adminName}, {district, "<script>"}, {"x", adminName},
	} {
		_, _, err := f.s.LoginStaff(f.ctx, c.district, c.user, adminPass, "", testIP)
		if e := wantCode(t, err, apperr.CodeUnauthorized, ""); e.Message != "用户名或密码错误" {
			t.Fatalf("%+v: %q", c, e.Message)
		}
	}
	_, _, err := f.s.LoginStaff(f.ctx, district, strings.Repeat("a", 33), adminPass, "", testIP)
	wantCode(t, err, apperr.CodeInvalid, "username")
	_, _, err = f.s.LoginStaff(f.ctx, district, adminName, strings.Repeat("a", 129), "", testIP)
	wantCode(t, err, apperr.CodeInvalid, "password")
	if n := f.count(t, `SELECT failed_logins FROM accounts`); n != 0 {
		t.Fatalf("over-long input counted as a failure: %d", n)
	}
}

func TestDisabledAndUnlockedAccounts(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	_, id := f.staff(t, authz.RoleGridWorker, authz.District(district))
	username := f.username(t, id)
	if err := f.s.SetStatus(f.ctx, admin, id, identity.StatusDisabled); err != nil {
		t.Fatal(err)
	}
	_, _, err := f.s.LoginStaff(f.ctx, district, username, staffPass, "", testIP)
	if e := wantCode(t, err, apperr.CodeForbidden, ""); e.Message != "账号已停用，请联系管理员" {
		t.Fatalf("disabled: %q", e.Message)
	}
	// A wrong password on a disabled account says only "wrong".
	_, _, err = f.s.LoginStaff(f.ctx, district, username, "Wrong-password-1", "", testIP)
	wantCode(t, err, apperr.CodeUnauthorized, "")
	if err := f.s.SetStatus(f.ctx, admin, id, identity.StatusActive); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		f.s.LoginStaff(f.ctx, district, username, "Wrong-password-1", "", testIP)
	}
	_, _, err = f.s.LoginStaff(f.ctx, district, username, staffPass, "", testIP)
	wantCode(t, err, apperr.CodeTooMany, "")
	// The administrator unlocks before the period ends.
	if err := f.s.SetStatus(f.ctx, admin, id, identity.StatusActive); err != nil {
		t.Fatal(err)
	}
	f.loginStaff(t, username, staffPass)
	if err := f.s.SetStatus(f.ctx, admin, admin.AccountID, identity.StatusDisabled); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("admin disabled themselves: %v", err)
	}
	if err := f.s.SetStatus(f.ctx, admin, id, identity.StatusLocked); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Fatalf("status locked by hand: %v", err)
	}
}

func TestLoginUpgradesOldPasswordHashes(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	before := f.passwordHash(t, adminName)
	f.cfg.Password = identity.PasswordParams{Memory: 128, Time: 2, Threads: 1}
	upgraded := f.service(t, nil)
	if _, _, err := upgraded.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP); err != nil {
		t.Fatal(err)
	}
	after := f.passwordHash(t, adminName)
	if after == before || !strings.HasPrefix(after, "$argon2id$v=19$m=128,t=2,p=1$") {
		t.Fatalf("hash not upgraded: %q -> %q", before, after)
	}
	if _, _, err := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP); err != nil {
		t.Fatalf("upgraded hash does not verify: %v", err)
	}
}

func TestAdminResetsPassword(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	_, id := f.staff(t, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D01"})
	username := f.username(t, id)
	_, token, err := f.s.LoginStaff(f.ctx, district, username, staffPass, "", testIP)
	if err != nil {
		t.Fatal(err)
	}
	err = f.s.ResetPassword(f.ctx, admin, id, "short")
	wantCode(t, err, apperr.CodeInvalid, "password")
	if err := f.s.ResetPassword(f.ctx, admin, id, "New-password-2026"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.Lookup(f.ctx, token); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Fatalf("session survived a reset: %v", err)
	}
	f.loginStaff(t, username, "New-password-2026")
	_, _, err = f.s.LoginStaff(f.ctx, district, username, staffPass, "", testIP)
	wantCode(t, err, apperr.CodeUnauthorized, "")
}

func TestChangeOwnPassword(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	_, keep, _ := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	_, other, _ := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	actor := f.lookup(t, keep)
	err := f.s.ChangePassword(f.ctx, actor, "Wrong-password-1", "Better-password-1")
	wantCode(t, err, apperr.CodeInvalid, "current_password")
	err = f.s.ChangePassword(f.ctx, actor, adminPass, "weak")
	wantCode(t, err, apperr.CodeInvalid, "new_password")
	if err := f.s.ChangePassword(f.ctx, actor, adminPass, "Better-password-1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.Lookup(f.ctx, keep); err != nil {
		t.Fatalf("current session ended: %v", err)
	}
	if _, _, err := f.s.Lookup(f.ctx, other); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Fatalf("other session survived: %v", err)
	}
	f.loginStaff(t, adminName, "Better-password-1")
	resident, _ := f.resident(t, testPhone)
	err = f.s.ChangePassword(f.ctx, resident, "x", "Better-password-1")
	wantCode(t, err, apperr.CodeForbidden, "")
}

func (f *fixture) passwordHash(t *testing.T, username string) string {
	t.Helper()
	var h string
	if err := f.d.QueryRow(f.ctx, `SELECT password_hash FROM accounts WHERE username = ?`, username).Scan(&h); err != nil {
		t.Fatal(err)
	}
	return h
}

func (f *fixture) username(t testing.TB, id int64) string {
	t.Helper()
	var u string
	if err := f.d.QueryRow(f.ctx, `SELECT username FROM accounts WHERE id = ?`, id).Scan(&u); err != nil {
		t.Fatal(err)
	}
	return u
}
