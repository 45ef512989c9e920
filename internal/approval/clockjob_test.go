package approval

import (
	"context"
	"testing"
	"time"

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
