package approval

import (
	"context"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

func TestClockFlagsAndReminders(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.accepted(t, 11)
	// The demo items promise one day; watch a ten-day promise instead.
	err := f.svc.DB.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE applications SET promised_days = 10 WHERE id = ?`, app.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	app.PromisedDays = 10
	tasks, _ := f.svc.tasksOf(ctx, f.svc.DB, app.ID)
	if _, err := f.svc.ClaimTask(ctx, reviewer, tasks[0].ID); err != nil {
		t.Fatal(err)
	}
	l := Limit{Days: app.PromisedDays, Start: app.AcceptedAt}
	warnAt := f.svc.flagAt(l, FlagWarning, testNow)
	// Too early: the job waits exactly until the warning window opens.
	wait, err := f.svc.RaiseFlag(ctx, district, app.ID, FlagWarning)
	if err != nil || wait != warnAt.Sub(testNow) {
		t.Fatalf("early run: wait %v (want %v), %v", wait, warnAt.Sub(testNow), err)
	}
	f.clock.Set(warnAt.Add(time.Minute))
	if wait, err := f.svc.RaiseFlag(ctx, district, app.ID, FlagWarning); err != nil || wait != 0 {
		t.Fatalf("warning run: %v %v", wait, err)
	}
	got, _ := f.svc.Get(ctx, resident(11), app.ID)
	if got.SLAFlag != FlagWarning {
		t.Fatalf("flag = %q", got.SLAFlag)
	}
	if n := len(f.notes.sent[reviewer.AccountID]); n != 1 {
		t.Errorf("reviewer reminded %d times, want 1", n)
	}
	// A suspension stops the overdue timer from firing.
	if err := f.svc.Suspend(ctx, reviewer, tasks[0].ID, SuspendTesting, "送检"); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(f.svc.flagAt(l, FlagOverdue, testNow).Add(time.Hour))
	if wait, err := f.svc.RaiseFlag(ctx, district, app.ID, FlagOverdue); err != nil || wait != 24*time.Hour {
		t.Fatalf("suspended run: %v %v", wait, err)
	}
	if err := f.svc.Resume(ctx, reviewer, app.ID, nil); err != nil {
		t.Fatal(err)
	}
	// After the suspension the limit has moved: the job waits again.
	wait, err = f.svc.RaiseFlag(ctx, district, app.ID, FlagOverdue)
	if err != nil || wait <= 0 {
		t.Fatalf("after resume: wait %v, %v", wait, err)
	}
	f.clock.Advance(wait + time.Minute)
	if wait, err := f.svc.RaiseFlag(ctx, district, app.ID, FlagOverdue); err != nil || wait != 0 {
		t.Fatalf("overdue run: %v %v", wait, err)
	}
	got, _ = f.svc.Get(ctx, resident(11), app.ID)
	if got.SLAFlag != FlagOverdue {
		t.Fatalf("flag = %q", got.SLAFlag)
	}
}

func TestExpiringView(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.accepted(t, 11)
	f.clock.Set(f.svc.flagAt(Limit{Days: app.PromisedDays, Start: app.AcceptedAt}, FlagOverdue, testNow).Add(time.Hour))
	if _, err := f.svc.RaiseFlag(ctx, district, app.ID, FlagOverdue); err != nil {
		t.Fatal(err)
	}
	leader := staff(40, authz.RoleLeader, authz.ScopeDistrict, district)
	for _, who := range []*authz.Actor{leader, reviewer} {
		v, err := f.svc.Expiring(ctx, who)
		if err != nil || len(v.Items) != 1 || len(v.ByDepartment) != 1 || v.ByDepartment[0].Overdue != 1 ||
			len(v.ByPoint) != 1 || v.ByPoint[0].Code != "320113001P01" {
			t.Fatalf("%v: %+v, %v", who.Roles(), v, err)
		}
	}
	if v, err := f.svc.Expiring(ctx, otherDept); err != nil || len(v.Items) != 0 {
		t.Errorf("another department sees %+v, %v", v, err)
	}
	if _, err := f.svc.Expiring(ctx, resident(11)); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("resident saw the view: %v", err)
	}
}

func TestDecidedHooksRunInTheDecisionTransaction(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var got []Decided
	f.svc.OnDecided(func(_ context.Context, tx *db.Tx, d Decided) error {
		if tx == nil {
			t.Error("hook without the transaction")
		}
		got = append(got, d)
		return nil
	})
	app := f.accepted(t, 11)
	tasks, _ := f.svc.tasksOf(ctx, f.svc.DB, app.ID)
	for _, task := range tasks[:2] {
		f.complete(t, reviewer, task.ID, OutcomeApprove)
	}
	for _, task := range tasks[2:] {
		f.complete(t, checker, task.ID, OutcomeApprove)
	}
	if len(got) != 1 || got[0].Application.State != StateApproved || len(got[0].Items) != 2 ||
		len(got[0].Commitment) != 1 || got[0].Commitment[0] != itemFood {
		t.Fatalf("hooks saw %+v", got)
	}
}

func TestAFailingDecidedHookRollsTheDecisionBack(t *testing.T) {
	ctx := context.Background()
	f2 := newFixture(t)
	f2.svc.OnDecided(func(context.Context, *db.Tx, Decided) error { return apperr.Conflict("下游失败") })
	app2 := f2.accepted(t, 11)
	tasks2, _ := f2.svc.tasksOf(ctx, f2.svc.DB, app2.ID)
	for _, task := range tasks2[:2] {
		f2.complete(t, reviewer, task.ID, OutcomeApprove)
	}
	f2.complete(t, checker, tasks2[2].ID, OutcomeApprove)
	if _, err := f2.svc.ClaimTask(ctx, checker, tasks2[3].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f2.svc.CompleteTask(ctx, checker, tasks2[3].ID, OutcomeApprove, ""); err == nil {
		t.Fatal("decision stood although its hook failed")
	}
	if a, _ := f2.svc.Get(ctx, resident(11), app2.ID); a.State != StateAccepted {
		t.Errorf("state after a failed hook = %s", a.State)
	}
}
