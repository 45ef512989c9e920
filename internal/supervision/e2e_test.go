package supervision

import (
	"testing"
)

func TestDecisionThroughApprovalQueuesThePush(t *testing.T) {
	f := newFixture(t)
	a := f.withApproval(t)
	id, err := fileAndAccept(f.ctx, a, 11)
	if err != nil {
		t.Fatal(err)
	}
	if err := approve(f.ctx, a, id); err != nil {
		t.Fatal(err)
	}
	got, err := a.Get(f.ctx, applicant(11), id)
	if err != nil || got.Decision != "approved" {
		t.Fatalf("application %s %q, %v", got.State, got.Decision, err)
	}
	args := queuedPush(t, f.d, id)
	if len(args.Commitment) != 1 || args.Commitment[0] != itemFood {
		t.Fatalf("push args %+v", args)
	}
	made, err := f.s.Push(f.ctx, args)
	if err != nil || len(made) != 2 {
		t.Fatalf("tasks %+v, %v", made, err)
	}
	for _, task := range made {
		if task.Street != f.streets["仙林街道"] || task.ApplicationNo != got.Number || task.ApplicantID != 11 {
			t.Errorf("task %+v", task)
		}
	}
	// A sole trader filed by a person without a credit code: nothing is
	// published.
	var public int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM supervision_approvals`).Scan(&public); err != nil || public != 0 {
		t.Errorf("public rows = %d, %v", public, err)
	}
	if made[0].Kind != KindRoutine || made[1].Kind != KindCommitment {
		t.Errorf("kinds %s %s", made[0].Kind, made[1].Kind)
	}
}
