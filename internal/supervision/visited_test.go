package supervision

import (
	"context"
	"errors"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

func TestVisitedHooksRunInTheVisitsTransaction(t *testing.T) {
	f := newFixture(t)
	task := f.commitmentTask(t, 1, "仙林街道")
	var got []VisitDone
	fail := errors.New("rating down")
	var failing bool
	f.s.OnVisited(func(_ context.Context, tx *db.Tx, v VisitDone) error {
		var n int
		if err := tx.QueryRow(f.ctx, `SELECT COUNT(*) FROM inspection_visits WHERE task_id = ?`, v.TaskID).Scan(&n); err != nil || n != 1 {
			t.Errorf("the hook does not see the visit: %d, %v", n, err)
		}
		got = append(got, v)
		if failing {
			return fail
		}
		return nil
	})
	mine := inspector(7, f.streets["仙林街道"])
	before := f.state(t)
	failing = true
	if _, err := f.s.RecordVisit(f.ctx, mine, task.ID, compliant(task)); !errors.Is(err, fail) || f.state(t) != before {
		t.Fatalf("a failing hook: %v, state %v → %v", err, before, f.state(t))
	}
	failing = false
	if _, err := f.s.RecordVisit(f.ctx, mine, task.ID, compliant(task)); err != nil {
		t.Fatal(err)
	}
	v := got[len(got)-1]
	if v.TaskID != task.ID || v.ApplicantID != applicantOf(1) || v.Street != f.streets["仙林街道"] ||
		v.Outcome != OutcomeCompliant || v.InspectorID != 7 || v.ApplicationNo != "QX1" || v.VisitedAt.IsZero() {
		t.Fatalf("hook saw %+v", v)
	}
	// A second submission is refused before any hook runs.
	if _, err := f.s.RecordVisit(f.ctx, mine, task.ID, compliant(task)); err == nil || len(got) != 2 {
		t.Fatalf("second visit: %v, hooks run %d times", err, len(got))
	}
}
