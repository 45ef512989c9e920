package rating_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

const (
	district = "320113"
	deptA    = "320113D05"    // the deciding department of the tests' cases
	deptB    = "320113D06"    // another department
	pointA   = "320113001P01" // the accepting point, in street 320113001
)

// start is 09:00 on Monday 2026-03-02 in Nanjing.
var start = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

// Actors of the district.
var (
	admin     = staff(1, authz.RoleAdmin, authz.District(district))
	approverA = staff(2, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: deptA})
	approverB = staff(3, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: deptB})
	frontA    = staff(4, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"})
	frontB    = staff(5, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeStreet, Code: "320113002"})
	leader    = staff(6, authz.RoleLeader, authz.District(district))
	inspector = staff(8, authz.RoleInspector, authz.District(district))
	alice     = person(10)
	bob       = person(11)
)

func staff(id int64, role authz.Role, sc authz.Scope) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, District: district, Grants: []authz.Grant{{Role: role, Scope: sc}}}
}

func person(id int64) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindResident, District: district,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(id)}}}
}

// notice is one queued SMS.
type notice struct {
	account int64
	text    string
}

// notifier records notices; fail makes the next call fail.
type notifier struct {
	sent []notice
	fail bool
}

func (n *notifier) NotifyAccountTx(_ context.Context, _ *db.Tx, id int64, text string) error {
	if n.fail {
		return errors.New("sms queue down")
	}
	n.sent = append(n.sent, notice{id, text})
	return nil
}

// cases knows which undecided applications belong to whom.
type cases map[int64]int64

func (c cases) Owns(_ context.Context, actor *authz.Actor, kind rating.CaseKind, id int64) (bool, error) {
	return kind == rating.CaseApplication && c[id] == actor.AccountID, nil
}

// units names two units.
type units struct{}

func (units) UnitNames(context.Context, string) (map[string]string, error) {
	return map[string]string{deptA: "区市场监管局", pointA: "尧化街道为民服务中心"}, nil
}

type fixture struct {
	ctx   context.Context
	d     *db.DB
	clock *clock.Manual
	notes *notifier
	cases cases
	s     *rating.Service
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), clock: clock.NewManual(start), notes: &notifier{}, cases: cases{}}
	f.d = dbtest.Open(t, f.clock)
	s, err := rating.New(rating.Deps{DB: f.d, Notify: f.notes, Calendar: calendar.Default(), Cases: f.cases, Units: units{}})
	if err != nil {
		t.Fatal(err)
	}
	f.s = s
	return f
}

// decide stores a decided application with its deciding task in
// department dept, then runs the hook in a transaction as approval does.
func (f *fixture) decide(t testing.TB, appID int64, applicant *authz.Actor, dept string) {
	t.Helper()
	if err := f.decideErr(appID, applicant, dept); err != nil {
		t.Fatalf("decide %d: %v", appID, err)
	}
}

func (f *fixture) decideErr(appID int64, applicant *authz.Actor, dept string) error {
	return f.d.InTx(f.ctx, func(tx *db.Tx) error {
		if err := storeApplication(f.ctx, tx, appID, applicant.AccountID, dept); err != nil {
			return err
		}
		a := approval.Application{ID: appID, District: district, Number: fmt.Sprintf("QX20260302%04d", appID),
			ItemName: "食品经营许可", ApplicantID: applicant.AccountID, AcceptedPoint: pointA, Decision: "approved"}
		return f.s.OpenRating(f.ctx, tx, approval.Decided{Application: a})
	})
}

// storeApplication writes the rows of approval's tables the hook reads:
// an application and its completed tasks (review in deptB, then the
// decision in dept, later).
func storeApplication(ctx context.Context, tx *db.Tx, id, applicant int64, dept string) error {
	_, err := tx.Exec(ctx, `INSERT INTO applications (id, district, item_code, item_version, item_name, applicant_id,
		applicant_kind, state, form, legal_days, promised_days, created_at, updated_at)
		VALUES (?, ?, 'X', 1, '食品经营许可', ?, 'resident', 'approved', '', 20, 5, ?, ?)`, id, district, applicant, tx.Now(), tx.Now())
	if err != nil || dept == "" {
		return err
	}
	for i, d := range []string{deptB, dept} {
		_, err = tx.Exec(ctx, `INSERT INTO approval_tasks (application_id, stage, item_code, step, name, department, role,
			state, done_at) VALUES (?, ?, 'X', ?, '审查', ?, 'review', 'done', ?)`, id, i, i, d, tx.Now().Add(time.Duration(i)*time.Minute))
		if err != nil {
			return err
		}
	}
	return nil
}

// wantCode fails unless err carries code.
func wantCode(t testing.TB, err error, code apperr.Code) {
	t.Helper()
	if err == nil || apperr.CodeOf(err) != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
}

// rate rates as who, failing the test on error.
func (f *fixture) rate(t testing.TB, who *authz.Actor, appID int64, in rating.Input) rating.Rating {
	t.Helper()
	r, err := f.s.Rate(f.ctx, who, rating.CaseApplication, appID, in)
	if err != nil {
		t.Fatalf("Rate(%d): %v", appID, err)
	}
	return r
}

// badCase decides appID for alice and rates it 非常不满意, returning the
// rectification case.
func (f *fixture) badCase(t testing.TB, appID int64) rating.Rectification {
	t.Helper()
	f.decide(t, appID, alice, deptA)
	f.rate(t, alice, appID, rating.Input{Level: rating.VeryDissatisfied, Tags: []string{"多次跑腿"}, Comment: "跑了三次"})
	xs, err := f.s.ListRectifications(f.ctx, admin, rating.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range xs {
		if x.Rating.CaseID == appID {
			return x
		}
	}
	t.Fatalf("no rectification case for %d in %+v", appID, xs)
	return rating.Rectification{}
}

// invite runs InviteTx in its own transaction.
func (f *fixture) invite(in rating.Invitation) error {
	return f.d.InTx(f.ctx, func(tx *db.Tx) error { return f.s.InviteTx(f.ctx, tx, in) })
}

func calendarDefault() *calendar.Calendar { return calendar.Default() }
