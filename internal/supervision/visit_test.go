package supervision

import (
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// commitmentTask pushes a food licence in street and returns its task.
func (f *fixture) commitmentTask(t *testing.T, id int64, street string) Task {
	t.Helper()
	f.decided(t, id, foodShop(street), itemFood)
	made, err := f.s.Push(f.ctx, PushArgs{ApplicationID: id, District: district, Commitment: []string{itemFood}})
	if err != nil || len(made) != 1 {
		t.Fatalf("push: %+v, %v", made, err)
	}
	return made[0]
}

// state snapshots what a refused visit must not change.
func (f *fixture) state(t *testing.T) [4]int {
	t.Helper()
	var s [4]int
	err := f.d.QueryRow(f.ctx, `SELECT (SELECT COUNT(*) FROM inspection_visits),
		(SELECT COUNT(*) FROM inspection_tasks WHERE state = 'open'), (SELECT COUNT(*) FROM revocation_proposals),
		(SELECT COUNT(*) FROM inspection_tasks)`).Scan(&s[0], &s[1], &s[2], &s[3])
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRecordVisitRefusesBadInputWithNothingChanged(t *testing.T) {
	f := newFixture(t)
	task := f.commitmentTask(t, 1, "仙林街道")
	mine := inspector(7, f.streets["仙林街道"])
	other := inspector(8, f.streets["尧化街道"])
	outside := compliant(task)
	outside.Lat, outside.Lng = 31.23, 121.47 // 上海
	short := compliant(task)
	short.Checks = short.Checks[:1]
	late := compliant(task)
	late.Outcome, late.RectifyBy = OutcomeRectify, "2026-03-01"
	noOutcome := compliant(task)
	noOutcome.Outcome = "fine"
	tests := []struct {
		name  string
		who   *authz.Actor
		in    VisitInput
		code  apperr.Code
		field string
	}{
		{"inspector of another street", other, compliant(task), apperr.CodeForbidden, ""},
		{"leader records no visit", staff(9, authz.RoleLeader), compliant(task), apperr.CodeForbidden, ""},
		{"resident", &authz.Actor{AccountID: 5, Kind: authz.KindResident, District: district,
			Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(5)}}}, compliant(task), apperr.CodeForbidden, ""},
		{"position outside the district", mine, outside, apperr.CodeInvalid, "position"},
		{"checklist not filled in", mine, short, apperr.CodeInvalid, "checks"},
		{"deadline in the past", mine, late, apperr.CodeInvalid, "rectify_by"},
		{"unknown outcome", mine, noOutcome, apperr.CodeInvalid, "outcome"},
		{"someone else's photo", mine, withPhoto(compliant(task), "nope"), apperr.CodeInvalid, "photos"},
	}
	before := f.state(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.s.RecordVisit(f.ctx, tt.who, task.ID, tt.in)
			e, _ := apperr.As(err)
			if apperr.CodeOf(err) != tt.code || (tt.field != "" && (e == nil || e.Fields[tt.field] == "")) {
				t.Fatalf("err = %v, want %s on %q", err, tt.code, tt.field)
			}
			if got := f.state(t); got != before {
				t.Fatalf("state changed: %v → %v", before, got)
			}
		})
	}
	// Submitted once, then refused.
	if _, err := f.s.RecordVisit(f.ctx, mine, task.ID, compliant(task)); err != nil {
		t.Fatal(err)
	}
	after := f.state(t)
	if _, err := f.s.RecordVisit(f.ctx, mine, task.ID, compliant(task)); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Fatalf("second visit: %v", err)
	}
	if f.state(t) != after {
		t.Fatal("second visit changed something")
	}
}

func withPhoto(in VisitInput, id string) VisitInput {
	in.Photos = []string{id}
	return in
}

func TestRectificationCreatesARevisit(t *testing.T) {
	f := newFixture(t)
	task := f.commitmentTask(t, 1, "仙林街道")
	mine := inspector(7, f.streets["仙林街道"])
	in := compliant(task)
	in.Checks[0], in.Outcome, in.RectifyBy = false, OutcomeRectify, "2026-03-20"
	got, err := f.s.RecordVisit(f.ctx, mine, task.ID, in)
	if err != nil || got.State != StateDone || got.Outcome != OutcomeRectify {
		t.Fatalf("visit: %+v, %v", got, err)
	}
	list, err := f.s.MyTasks(f.ctx, mine, Position{})
	if err != nil || len(list) != 1 || list[0].Kind != KindRevisit || list[0].ParentID != task.ID ||
		list[0].DueOn != "2026-03-20" || len(list[0].Checklist) != len(task.Checklist) {
		t.Fatalf("after rectification the list is %+v, %v", list, err)
	}
}

func TestFalseCommitmentProposesRevocationAndRecordsCredit(t *testing.T) {
	f := newFixture(t)
	task := f.commitmentTask(t, 1, "仙林街道")
	in := compliant(task)
	in.Checks[2], in.Outcome, in.Findings = false, OutcomeFalseCommitment, "无冷藏设备"
	if _, err := f.s.RecordVisit(f.ctx, inspector(7, f.streets["仙林街道"]), task.ID, in); err != nil {
		t.Fatal(err)
	}
	var status, dept string
	if err := f.d.QueryRow(f.ctx, `SELECT status, department FROM revocation_proposals WHERE task_id = ?`,
		task.ID).Scan(&status, &dept); err != nil || status != "proposed" || dept != task.Department {
		t.Fatalf("proposal %q %q, %v", status, dept, err)
	}
	if n := f.jobCount(t, CreditArgs{}.Kind()); n != 2 { // the licence, then the false commitment
		t.Fatalf("credit jobs = %d", n)
	}
	f.clock.Advance(time.Hour)
	if err := f.s.PushCredit(f.ctx, CreditArgs{District: district, ApplicationID: 1, Record: creditFalse,
		TaskID: task.ID}); err != nil {
		t.Fatal(err)
	}
	var sev string
	if err := f.d.QueryRow(f.ctx, `SELECT severity FROM credit_records WHERE kind = '虚假承诺'`).Scan(&sev); err != nil ||
		sev != "general" {
		t.Fatalf("credit record severity %q, %v", sev, err)
	}
}

func TestFalseCommitmentOnlyAfterACommitment(t *testing.T) {
	f := newFixture(t)
	f.decided(t, 1, map[string]any{"shop_name": "小店", "premises": "栖霞区仙林街道1号"}, itemTrade)
	made, _ := f.s.Push(f.ctx, PushArgs{ApplicationID: 1, District: district})
	in := compliant(made[0])
	in.Outcome = OutcomeFalseCommitment
	_, err := f.s.RecordVisit(f.ctx, inspector(7, f.streets["仙林街道"]), made[0].ID, in)
	if e, ok := apperr.As(err); !ok || e.Fields["outcome"] == "" {
		t.Fatalf("err = %v", err)
	}
}
