package identity_test

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

func (f *fixture) welcomeJobs(t testing.TB) int {
	t.Helper()
	return f.count(t, `SELECT COUNT(*) FROM river_job WHERE kind = ?`, identity.WelcomeStaffArgs{}.Kind())
}

// startQueue registers the module's workers and works jobs until the test ends.
func (f *fixture) startQueue(t testing.TB, s *identity.Service) {
	t.Helper()
	identity.RegisterWorkers(f.q, s)
	if err := f.q.Start(f.ctx, jobs.Options{PollInterval: 50 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = f.q.Stop(ctx)
	})
}

func TestRolledBackStaffCreationLeavesNoJob(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	jobsBefore := f.welcomeJobs(t)
	in := identity.StaffInput{Username: "rollback", Password: staffPass, Phone: otherPhone,
		Grants: []authz.Grant{{Role: authz.RoleLeader, Scope: authz.District(district)}}}
	draft, err := f.s.PrepareStaff(withDistrict(in))
	if err != nil {
		t.Fatal(err)
	}
	// The first insert queues its job; the second, in the same
	// transaction, fails on the duplicate username and rolls both back.
	err = f.d.InTx(f.ctx, func(tx *db.Tx) error {
		if _, err := f.s.CreateStaffTx(f.ctx, tx, admin, draft); err != nil {
			return err
		}
		_, err := f.s.CreateStaffTx(f.ctx, tx, admin, draft)
		return err
	})
	wantCode(t, err, apperr.CodeConflict, "username")
	// A forced error after a successful insert rolls back too.
	forced := errors.New("forced")
	err = f.d.InTx(f.ctx, func(tx *db.Tx) error {
		if _, err := f.s.CreateStaffTx(f.ctx, tx, admin, draft); err != nil {
			return err
		}
		return forced
	})
	if !errors.Is(err, forced) {
		t.Fatalf("InTx = %v", err)
	}
	if n := f.welcomeJobs(t); n != jobsBefore {
		t.Fatalf("river_job holds %d welcome jobs, want %d", n, jobsBefore)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM accounts WHERE username = 'rollback'`); n != 0 {
		t.Fatalf("%d accounts survived", n)
	}
	// And nothing is sent once a queue runs.
	f.startQueue(t, f.s)
	if _, ok := f.sms.WaitFor(otherPhone, nil, 500*time.Millisecond); ok {
		t.Fatal("a rolled-back creation sent a welcome message")
	}
}

func TestCommittedStaffCreationSendsTheWelcome(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	_, err := f.s.CreateStaff(f.ctx, admin, identity.StaffInput{Username: "newcomer", Password: staffPass,
		DisplayName: "新同事", Phone: otherPhone,
		Grants: []authz.Grant{{Role: authz.RoleFrontDesk, Scope: street1}}})
	if err != nil {
		t.Fatal(err)
	}
	// The job waits in river_job, without the phone number, until a node works it.
	var args string
	if err := f.d.QueryRow(f.ctx, `SELECT CAST(args AS TEXT) FROM river_job WHERE kind = 'identity.welcome_staff' ORDER BY id DESC LIMIT 1`).Scan(&args); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(args, otherPhone) || !strings.Contains(args, "account_id") {
		t.Fatalf("job args %s", args)
	}
	f.startQueue(t, f.s)
	m, ok := f.sms.WaitFor(otherPhone, nil, 20*time.Second)
	if !ok {
		t.Fatal("the welcome message never came")
	}
	if !strings.Contains(m.Text, "新同事") || !strings.Contains(m.Text, "newcomer") || strings.Contains(m.Text, staffPass) {
		t.Fatalf("welcome text %q", m.Text)
	}
}

func TestWelcomeWithoutPhoneLogsANotice(t *testing.T) {
	f := newFixture(t)
	var buf webtest.LogBuffer
	s := f.service(t, slog.New(slog.NewJSONHandler(&buf, nil)))
	f.startQueue(t, s)
	id, err := s.Bootstrap(f.ctx, identity.StaffInput{District: district, Username: "nophone", Password: staffPass})
	if err != nil {
		t.Fatal(err)
	}
	waitLog(t, &buf, "no welcome SMS")
	if !strings.Contains(buf.String(), `"account_id":`+strconv.FormatInt(id, 10)) {
		t.Fatalf("notice does not name the account: %s", buf.String())
	}
	if len(f.sms.Messages()) != 0 {
		t.Fatal("a message was sent without a phone")
	}
}

func TestWelcomeRetriesWhenTheGatewayFails(t *testing.T) {
	f := newFixture(t)
	f.sms.Fail(errors.New("gateway down"))
	s := f.s
	if _, err := s.Bootstrap(f.ctx, identity.StaffInput{District: district, Username: "retry", Password: staffPass,
		Phone: otherPhone}); err != nil {
		t.Fatal(err)
	}
	f.startQueue(t, s)
	deadline := time.Now().Add(20 * time.Second)
	for f.count(t, `SELECT COUNT(*) FROM river_job WHERE kind = 'identity.welcome_staff' AND attempt >= 1 AND state <> 'running'`) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the failing job was never attempted")
		}
		time.Sleep(20 * time.Millisecond)
	}
	var state string
	if err := f.d.QueryRow(f.ctx, `SELECT state FROM river_job WHERE kind = 'identity.welcome_staff'`).Scan(&state); err != nil {
		t.Fatal(err)
	}
	if state != "retryable" && state != "available" && state != "scheduled" {
		t.Fatalf("failed job state %q, want it kept for a retry", state)
	}
}

// waitLog waits until the log holds text; jobs log from other goroutines.
func waitLog(t *testing.T, buf *webtest.LogBuffer, text string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(buf.String(), text) {
		if time.Now().After(deadline) {
			t.Fatalf("%q never logged; log: %s", text, buf.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func withDistrict(in identity.StaffInput) identity.StaffInput {
	in.District = district
	return in
}
