package identity_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestSessionIsStoredHashedWithACSRFToken(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	sess, token, err := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	if err != nil {
		t.Fatal(err)
	}
	if len(token) != 43 || len(sess.CSRFToken) != 43 || token == sess.CSRFToken || sess.ID == "" {
		t.Fatalf("token %q, session %+v", token, sess)
	}
	if !sess.IdleExpiresAt.Equal(start.Add(30*time.Minute)) || !sess.ExpiresAt.Equal(start.Add(12*time.Hour)) {
		t.Fatalf("staff expiry %v / %v", sess.IdleExpiresAt, sess.ExpiresAt)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM sessions WHERE token_hash = ? OR id = ?`, token, token); n != 0 {
		t.Fatal("the raw token is stored")
	}
	actor, got, err := f.s.Lookup(f.ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	if *got != *sess {
		t.Fatalf("lookup session %+v, created %+v", got, sess)
	}
	if actor.SessionID != sess.ID || actor.AccountID != sess.AccountID || !actor.Has(authz.RoleAdmin) {
		t.Fatalf("actor %+v", actor)
	}
	for _, bad := range []string{"", "x", token + "x", strings.Repeat("a", 100)} {
		if _, _, err := f.s.Lookup(f.ctx, bad); apperr.CodeOf(err) != apperr.CodeUnauthorized {
			t.Fatalf("Lookup(%q) = %v", bad, err)
		}
	}
}

func TestPublicSessionsLastLonger(t *testing.T) {
	f := newFixture(t)
	_, token := f.resident(t, testPhone)
	_, sess, _ := f.s.Lookup(f.ctx, token)
	if !sess.IdleExpiresAt.Equal(start.Add(7*24*time.Hour)) || !sess.ExpiresAt.Equal(start.Add(30*24*time.Hour)) {
		t.Fatalf("public expiry %v / %v", sess.IdleExpiresAt, sess.ExpiresAt)
	}
}

func TestIdleExpiryAndTouch(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	created, token, _ := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	lastSeen := func() time.Time {
		var ts time.Time
		if err := f.d.QueryRow(f.ctx, `SELECT last_seen_at FROM sessions WHERE id = ?`, created.ID).Scan(&ts); err != nil {
			t.Fatal(err)
		}
		return ts.UTC()
	}
	// Within a minute: no write.
	f.clock.Advance(50 * time.Second)
	f.lookup(t, token)
	if !lastSeen().Equal(start) {
		t.Fatalf("touched after 50 s: %v", lastSeen())
	}
	// After a minute: one write moves the idle expiry.
	f.clock.Advance(20 * time.Second)
	_, sess, _ := f.s.Lookup(f.ctx, token)
	if want := start.Add(70 * time.Second); !lastSeen().Equal(want) || !sess.IdleExpiresAt.Equal(want.Add(30*time.Minute)) {
		t.Fatalf("last seen %v, idle %v", lastSeen(), sess.IdleExpiresAt)
	}
	// 29 minutes idle is fine, 30 is not.
	f.clock.Advance(29 * time.Minute)
	f.lookup(t, token)
	f.clock.Advance(30 * time.Minute)
	_, _, err := f.s.Lookup(f.ctx, token)
	if e := wantCode(t, err, apperr.CodeUnauthorized, ""); e.Message != "登录已失效，请重新登录" {
		t.Fatalf("message %q", e.Message)
	}
}

func TestAbsoluteExpiry(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	_, token, _ := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	for range 12 * 3 {
		f.clock.Advance(20 * time.Minute)
		if _, sess, err := f.s.Lookup(f.ctx, token); err != nil {
			if f.clock.Now().Before(start.Add(12 * time.Hour)) {
				t.Fatalf("ended early at %v: %v", f.clock.Now(), err)
			}
			return
		} else if sess.IdleExpiresAt.After(sess.ExpiresAt) {
			t.Fatalf("idle expiry %v past absolute %v", sess.IdleExpiresAt, sess.ExpiresAt)
		}
	}
	t.Fatal("an active session outlived its absolute expiry")
}

func TestLogoutAndLogoutEverywhere(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	_, t1, _ := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	_, t2, _ := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	_, t3, _ := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	_, rt := f.resident(t, testPhone)
	if err := f.s.Logout(f.ctx, t1); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.Lookup(f.ctx, t1); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Fatalf("logged-out session: %v", err)
	}
	if err := f.s.Logout(f.ctx, t1); err != nil {
		t.Fatalf("second logout: %v", err)
	}
	actor := f.lookup(t, t2)
	if err := f.s.LogoutEverywhere(f.ctx, actor); err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{t2, t3} {
		if _, _, err := f.s.Lookup(f.ctx, tok); apperr.CodeOf(err) != apperr.CodeUnauthorized {
			t.Fatalf("session survived logout everywhere: %v", err)
		}
	}
	if _, _, err := f.s.Lookup(f.ctx, rt); err != nil {
		t.Fatalf("another account's session ended: %v", err)
	}
	if err := f.s.LogoutEverywhere(f.ctx, nil); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Fatalf("anonymous logout everywhere: %v", err)
	}
	if f.auditCount(t, "identity.session.delete") != 1 || f.auditCount(t, "identity.session.delete_all") != 1 {
		t.Fatal("logouts not audited")
	}
}

func TestRevokedRoleTakesEffectAtTheNextRequest(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	scope := authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"}
	worker, id := f.staff(t, authz.RoleGridWorker, scope)
	_, token, _ := f.s.LoginStaff(f.ctx, district, f.username(t, id), staffPass, "", testIP)
	if err := f.s.RevokeRole(f.ctx, admin, worker.AccountID, authz.Grant{Role: authz.RoleGridWorker, Scope: scope}); err != nil {
		t.Fatal(err)
	}
	if a := f.lookup(t, token); len(a.Grants) != 0 {
		t.Fatalf("grants after revoke: %+v", a.Grants)
	}
}

func TestCleanupRemovesExpiredRows(t *testing.T) {
	f := newFixture(t)
	f.bootstrapAdmin(t)
	_, staffToken, _ := f.s.LoginStaff(f.ctx, district, adminName, adminPass, "", testIP)
	_, residentToken := f.resident(t, testPhone)
	_ = f.s.RequestSMSCode(f.ctx, district, otherPhone, testIP)
	f.clock.Advance(31 * time.Minute)
	r, err := f.s.Cleanup(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Two staff sessions (bootstrapAdmin signs in too) have been idle 31 minutes.
	if r.Sessions != 2 || r.SMSCodes != 1 || r.RateLimits < 2 {
		t.Fatalf("cleanup %+v", r)
	}
	if _, _, err := f.s.Lookup(f.ctx, residentToken); err != nil {
		t.Fatalf("live session removed: %v", err)
	}
	if _, _, err := f.s.Lookup(f.ctx, staffToken); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Fatalf("expired session: %v", err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM sessions`); n != 1 {
		t.Fatalf("%d sessions left", n)
	}
}

// BenchmarkSessionLookup measures Lookup of a staff session holding three
// grants: one read query, no write (the clock stands still).
func BenchmarkSessionLookup(b *testing.B) {
	f := newFixture(b)
	id, err := f.s.Bootstrap(f.ctx, staffInputWith(authz.Grant{Role: authz.RoleAdmin, Scope: authz.District(district)},
		authz.Grant{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D01"}},
		authz.Grant{Role: authz.RoleLeader, Scope: authz.District(district)}))
	if err != nil {
		b.Fatal(err)
	}
	_, token, err := f.s.LoginStaff(f.ctx, district, "bench", staffPass, "", testIP)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		a, _, err := f.s.Lookup(f.ctx, token)
		if err != nil || a.AccountID != id || len(a.Grants) != 3 {
			b.Fatalf("lookup: %v", err)
		}
	}
}
