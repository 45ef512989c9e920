package identity_test

import (
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

// TestPersonalDataNeverLogged runs every flow that touches phone and ID
// numbers with the service's and the job queue's logs captured, and scans
// the logs, the audit log and the job table for the raw values.
func TestPersonalDataNeverLogged(t *testing.T) {
	f := newFixture(t)
	var buf webtest.LogBuffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f.q = mustQueue(t, f.d, log)
	f.s = f.service(t, log)
	const staffPhone = "13511112222"
	secrets := []string{testPhone, otherPhone, staffPhone, testID, testID[6:14] + testID[14:17]}

	// Resident: code request, a wrong guess, sign-in, real name, enterprise, agent.
	if err := f.s.RequestSMSCode(f.ctx, district, testPhone, testIP); err != nil {
		t.Fatal(err)
	}
	good, _ := f.sms.LastCode(testPhone)
	f.s.LoginResident(f.ctx, district, testPhone, wrongCode(good), testIP)
	_, token, err := f.s.LoginResident(f.ctx, district, testPhone, good, testIP)
	if err != nil {
		t.Fatal(err)
	}
	resident := f.lookup(t, token)
	if err := f.s.UpdateRealName(f.ctx, resident, "赵六", testID); err != nil {
		t.Fatal(err)
	}
	e, err := f.s.RegisterEnterprise(f.ctx, resident, validCredit(t, "MA1L0G00"), "日志公司")
	if err != nil {
		t.Fatal(err)
	}
	f.resident(t, otherPhone)
	if err := f.s.AddEnterpriseAgent(f.ctx, f.lookup(t, token), e.ID, otherPhone); err != nil {
		t.Fatal(err)
	}
	// A gateway failure is logged, masked.
	f.sms.Fail(errors.New("gateway down"))
	f.clock.Advance(2 * time.Minute)
	if err := f.s.RequestSMSCode(f.ctx, district, testPhone, testIP); err == nil {
		t.Fatal("gateway failure not reported")
	}
	f.sms.Fail(nil)

	// Staff: creation with a phone (welcome job), failed logins to a lockout, a reveal.
	admin := f.bootstrapAdmin(t)
	if _, err := f.s.CreateStaff(f.ctx, admin, identity.StaffInput{Username: "logged", Password: staffPass,
		Phone: staffPhone, Grants: []authz.Grant{{Role: authz.RoleApprover, Scope: authz.District(district)}}}); err != nil {
		t.Fatal(err)
	}
	for range 6 {
		f.s.LoginStaff(f.ctx, district, "logged", "Wrong-password-1", "", testIP)
	}
	if _, err := f.s.RevealPII(f.ctx, admin, resident.AccountID); err != nil {
		t.Fatal(err)
	}
	f.startQueue(t, f.s)
	if _, ok := f.sms.WaitFor(staffPhone, nil, 20*time.Second); !ok {
		t.Fatal("welcome message not sent")
	}
	waitLog(t, &buf, "no welcome SMS") // the administrator's welcome job, without a phone
	f.clock.Advance(8 * 24 * time.Hour)
	if _, err := f.s.Cleanup(f.ctx); err != nil {
		t.Fatal(err)
	}

	logs := buf.String()
	for _, want := range []string{"locked after failed logins", "sms code not sent", `"phone":"[REDACTED]"`, "no welcome SMS"} {
		if !strings.Contains(logs, want) {
			t.Errorf("expected log %q missing; the test would prove nothing. Logs:\n%s", want, logs)
		}
	}
	stored := f.dump(t, `SELECT actor_name || '|' || object_id || '|' || action FROM audit_log`) +
		f.dump(t, `SELECT CAST(args AS TEXT) FROM river_job`) +
		f.dump(t, `SELECT bucket FROM rate_limits`)
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain %q", s)
		}
		if strings.Contains(stored, s) {
			t.Errorf("audit log, jobs or rate limits contain %q", s)
		}
	}
}

// dump concatenates a one-column query's rows.
func (f *fixture) dump(t *testing.T, query string) string {
	t.Helper()
	rows, err := f.d.Query(f.ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		b.WriteString(s + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
