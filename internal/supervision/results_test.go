package supervision

import (
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
)

// pushed reads what became of the credit push of a document.
func (f *fixture) pushed(t *testing.T, doc string) (outcome, note string) {
	t.Helper()
	if err := f.d.QueryRow(f.ctx, `SELECT outcome, note FROM supervision_credit_pushes WHERE document_no = ?`, doc).
		Scan(&outcome, &note); err != nil {
		t.Fatalf("push of %s: %v", doc, err)
	}
	return outcome, note
}

func TestVisitResultsFlowToTheCreditRegistry(t *testing.T) {
	f := newFixture(t)
	mine := inspector(7, f.streets["仙林街道"])
	ok := f.commitmentTask(t, 1, "仙林街道")
	fix := f.commitmentTask(t, 2, "仙林街道")
	if _, err := f.s.RecordVisit(f.ctx, mine, ok.ID, compliant(ok)); err != nil {
		t.Fatal(err)
	}
	in := compliant(fix)
	in.Outcome, in.RectifyBy = OutcomeRectify, "2026-03-20"
	if _, err := f.s.RecordVisit(f.ctx, mine, fix.ID, in); err != nil {
		t.Fatal(err)
	}
	if n := f.jobCount(t, CreditArgs{}.Kind()); n != 4 { // two licences, two results
		t.Fatalf("credit jobs = %d", n)
	}
	f.clock.Advance(time.Hour)
	for _, task := range []Task{ok, fix} {
		for range 2 { // a retried job records once
			args := CreditArgs{District: district, ApplicationID: task.ApplicationID, Record: creditResult, TaskID: task.ID}
			if err := f.s.PushCredit(f.ctx, args); err != nil {
				t.Fatal(err)
			}
		}
	}
	var kind, sev, until, summary string
	var n int
	err := f.d.QueryRow(f.ctx, `SELECT kind, severity, valid_until, summary, (SELECT COUNT(*) FROM credit_records
		WHERE document_no LIKE '监管检查%') FROM credit_records WHERE document_no = ?`, "监管检查"+itoa(ok.ID)).
		Scan(&kind, &sev, &until, &summary, &n)
	if err != nil || kind != resultKind() || sev != string(credit.Positive) || until != "2027-03-01" || n != 1 ||
		summary != "检查结果：告知承诺核查（食品经营许可（新办）），符合要求" {
		t.Fatalf("compliant record %q %q %q %q ×%d, %v", kind, sev, until, summary, n, err)
	}
	if outcome, _ := f.pushed(t, "监管检查"+itoa(ok.ID)); outcome != "recorded" {
		t.Errorf("compliant push %s", outcome)
	}
	// The registry has no neutral grade: the rectification order is noted
	// as skipped with the reason, not recorded as dishonesty.
	if outcome, note := f.pushed(t, "监管检查"+itoa(fix.ID)); outcome != "skipped" || note == "" {
		t.Errorf("rectification push %s %q", outcome, note)
	}
}

func TestResultGrades(t *testing.T) {
	if s, ok := resultSeverity(OutcomeCompliant); !ok || s != credit.Positive {
		t.Errorf("compliant: %s %v", s, ok)
	}
	if s, ok := resultSeverity(OutcomeFalseCommitment); !ok || s != credit.General {
		t.Errorf("false commitment: %s %v", s, ok)
	}
	if _, ok := resultSeverity(OutcomeRectify); ok != neutral.Valid() {
		t.Errorf("rectify recorded = %v while the registry knows neutral = %v", ok, neutral.Valid())
	}
	if _, ok := resultSeverity("other"); ok {
		t.Error("an unknown outcome has a grade")
	}
}
