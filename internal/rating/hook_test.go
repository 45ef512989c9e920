package rating_test

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

// TestDecisionInvites: the hook creates the invitation with the deciding
// department and the accepting point, and queues one SMS with no personal
// data, in the decision's transaction.
func TestDecisionInvites(t *testing.T) {
	f := newFixture(t)
	f.decide(t, 1, alice, deptA)
	r, err := f.s.Get(f.ctx, alice, rating.CaseApplication, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Rated() || r.RaterID != alice.AccountID || r.Department != deptA || r.Point != pointA ||
		r.CaseNo != "QX202603020001" || r.CaseTitle != "食品经营许可" || !r.InvitedAt.Equal(start) {
		t.Fatalf("invitation = %+v", r)
	}
	if len(f.notes.sent) != 1 || f.notes.sent[0].account != alice.AccountID || !strings.Contains(f.notes.sent[0].text, "QX202603020001") {
		t.Fatalf("notices = %+v", f.notes.sent)
	}
	// The hook run again (a retried decision) changes nothing and fails nothing.
	err = f.d.InTx(f.ctx, func(tx *db.Tx) error {
		return f.s.OpenRating(f.ctx, tx, approval.Decided{Application: approval.Application{ID: 1, District: district, ApplicantID: bob.AccountID}})
	})
	if err != nil || len(f.notes.sent) != 1 {
		t.Fatalf("second hook run: %v, notices %+v", err, f.notes.sent)
	}
	mine, err := f.s.Mine(f.ctx, alice)
	if err != nil || len(mine) != 1 || mine[0].ID != r.ID {
		t.Fatalf("Mine = %+v, %v", mine, err)
	}
	if mine, _ := f.s.Mine(f.ctx, bob); len(mine) != 0 {
		t.Fatalf("bob sees %+v", mine)
	}
}

// TestDecisionWithoutTasks: an application decided with no task done
// (none in the department) still invites, answerable by the point.
func TestDecisionWithoutTasks(t *testing.T) {
	f := newFixture(t)
	f.decide(t, 2, alice, "")
	r, err := f.s.Get(f.ctx, alice, rating.CaseApplication, 2)
	if err != nil || r.Department != "" || r.Point != pointA {
		t.Fatalf("invitation = %+v, %v", r, err)
	}
}

// TestHookFailureRollsBack: when the SMS cannot be queued the decision's
// transaction fails and no invitation is left behind.
func TestHookFailureRollsBack(t *testing.T) {
	f := newFixture(t)
	f.notes.fail = true
	if err := f.decideErr(3, alice, deptA); err == nil {
		t.Fatal("decision with a failing notifier succeeded")
	}
	_, err := f.s.Get(f.ctx, alice, rating.CaseApplication, 3)
	wantCode(t, err, apperr.CodeNotFound)
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM ratings`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("ratings = %d, %v", n, err)
	}
}

// TestInviteOnce: a case is invited once.
func TestInviteOnce(t *testing.T) {
	f := newFixture(t)
	in := rating.Invitation{District: district, Kind: rating.CaseInspection, CaseID: 9, RaterID: bob.AccountID, Point: pointA}
	if err := f.invite(in); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.invite(in), apperr.CodeConflict)
	in.RaterID = 0
	in.CaseID = 10
	wantCode(t, f.invite(in), apperr.CodeInvalid)
	if len(f.notes.sent) != 1 {
		t.Fatalf("notices = %+v", f.notes.sent)
	}
}
