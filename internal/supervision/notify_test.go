package supervision

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestNewTasksAreAnnouncedToTheStreetsInspectors(t *testing.T) {
	f := newFixture(t)
	task := f.commitmentTask(t, 1, "仙林街道")
	for _, id := range []int64{7, 17} {
		got := f.notes.to(id)
		if len(got) != 1 || !strings.Contains(got[0], "新增检查任务1项（办件QX1）") || !strings.Contains(got[0], task.DueOn) {
			t.Fatalf("inspector %d got %q", id, got)
		}
	}
	// A retried push creates nothing and announces nothing; a street with
	// no inspector named announces to nobody.
	if _, err := f.s.Push(f.ctx, PushArgs{ApplicationID: 1, District: district, Commitment: []string{itemFood}}); err != nil {
		t.Fatal(err)
	}
	f.commitmentTask(t, 2, "龙潭街道")
	if n := f.notes.count(); n != 2 {
		t.Fatalf("notices = %+v", f.notes.sent)
	}
}

func TestVisitOutcomesAreNotified(t *testing.T) {
	f := newFixture(t)
	mine := inspector(7, f.streets["仙林街道"])
	tests := []struct {
		outcome, want         string
		approvers, inspectors int // notices besides the new task's
	}{
		{OutcomeCompliant, "结论：符合要求", 0, 0},
		{OutcomeRectify, "请于2026-03-20前整改完毕", 0, 1}, // the re-visit task
		{OutcomeFalseCommitment, "已提请审批部门撤销许可", 1, 0},
	}
	for i, tt := range tests {
		t.Run(tt.outcome, func(t *testing.T) {
			id := int64(10 + i)
			task := f.commitmentTask(t, id, "仙林街道")
			in := compliant(task)
			in.Outcome = tt.outcome
			if tt.outcome == OutcomeRectify {
				in.RectifyBy = "2026-03-20"
			}
			before := len(f.notes.to(17))
			if _, err := f.s.RecordVisit(f.ctx, mine, task.ID, in); err != nil {
				t.Fatal(err)
			}
			if got := f.notes.to(17)[before:]; len(got) != tt.inspectors ||
				(tt.inspectors > 0 && !strings.Contains(got[0], "请于2026-03-20前完成现场检查")) {
				t.Fatalf("inspector 17 got %q", got)
			}
			got := f.notes.to(applicantOf(id))
			if len(got) != 1 || !strings.Contains(got[0], tt.want) || !strings.Contains(got[0], "QX"+itoa(id)) {
				t.Fatalf("applicant got %q", got)
			}
			if n := len(f.notes.to(31)); n != tt.approvers {
				t.Fatalf("approvers got %d notices, want %d", n, tt.approvers)
			}
		})
	}
	if len(f.staff.asked) != 1 || f.staff.asked[0] == "" {
		t.Errorf("departments asked for: %q", f.staff.asked)
	}
}

func TestFailedNoticeUndoesTheVisit(t *testing.T) {
	f := newFixture(t)
	task := f.commitmentTask(t, 1, "仙林街道")
	before := f.state(t)
	f.notes.fail = true
	_, err := f.s.RecordVisit(f.ctx, inspector(7, f.streets["仙林街道"]), task.ID, compliant(task))
	if err == nil || f.state(t) != before {
		t.Fatalf("visit with a failing notifier: %v, state %v → %v", err, before, f.state(t))
	}
	if apperr.CodeOf(err) == apperr.CodeConflict {
		t.Fatal("the failed visit was stored")
	}
}

func TestNoticeTextsFit(t *testing.T) {
	long := Task{ApplicationNo: "QX2026030200000001", ItemName: strings.Repeat("长", 200), Kind: KindCommitment}
	for _, text := range []string{outcomeText(long, OutcomeRectify, "2026-12-31"), outcomeText(long, OutcomeFalseCommitment, ""),
		revocationText(long), reminderText(strings.Repeat("街", 50), 999, 999)} {
		if n := len([]rune(text)); n > 140 {
			t.Errorf("%d characters: %s", n, text)
		}
	}
}
