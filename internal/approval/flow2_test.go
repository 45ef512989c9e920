package approval

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// submitted files a ready application and returns it submitted.
func (f *fixture) submitted(t *testing.T, applicant int64) Application {
	t.Helper()
	app := f.readyToSubmit(t, applicant)
	sub, err := f.svc.Submit(context.Background(), resident(applicant), app.ID, app.Revision)
	if err != nil {
		t.Fatal(err)
	}
	return sub.Application
}

// accepted files and accepts an application at the street centre.
func (f *fixture) accepted(t *testing.T, applicant int64) Application {
	t.Helper()
	app := f.submitted(t, applicant)
	ctx := context.Background()
	if _, err := f.svc.Claim(ctx, frontDesk, app.ID); err != nil {
		t.Fatal(err)
	}
	acc, err := f.svc.Accept(ctx, frontDesk, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	return acc
}

func TestDeemedAcceptanceAfterFiveWorkingDays(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.submitted(t, 11) // Monday 2026-03-02
	// Too early: the job must not accept (it reports an error and River retries).
	f.clock.Set(testNow.Add(3 * 24 * time.Hour))
	if err := f.svc.AcceptByLaw(ctx, district, app.ID, app.SubmittedAt.UTC().Format(timeFormat)); err == nil {
		t.Fatal("accepted by law after 3 days")
	}
	f.clock.Set(f.svc.deemedAt(app.SubmittedAt).Add(time.Minute))
	// A stale timer from an earlier submission does nothing.
	if err := f.svc.AcceptByLaw(ctx, district, app.ID, "2026-01-01T00:00:00Z"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.svc.Get(ctx, resident(11), app.ID); got.State != StateSubmitted {
		t.Fatalf("stale timer changed state to %s", got.State)
	}
	if err := f.svc.AcceptByLaw(ctx, district, app.ID, app.SubmittedAt.UTC().Format(timeFormat)); err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Get(ctx, resident(11), app.ID)
	if got.State != StateAccepted || !got.AcceptedAt.Equal(app.SubmittedAt) || got.AcceptedBy != 0 {
		t.Fatalf("deemed acceptance = %s at %v by %d", got.State, got.AcceptedAt, got.AcceptedBy)
	}
	if want := time.Date(2026, 3, 9, 16, 0, 0, 0, time.UTC); !f.svc.deemedAt(app.SubmittedAt).Equal(want) {
		t.Errorf("deemed at %v, want the end of Monday 9 March CST", f.svc.deemedAt(app.SubmittedAt))
	}
}

func TestSuspensionAndResume(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.accepted(t, 11)
	tasks, _ := f.svc.tasksOf(ctx, f.svc.DB, app.ID)
	if _, err := f.svc.ClaimTask(ctx, reviewer, tasks[0].ID); err != nil {
		t.Fatal(err)
	}
	before, _ := f.svc.acceptedLimit(ctx, f.svc.DB, &app, true)
	dueBefore := before.Due(f.svc.Calendar, testNow)
	if err := f.svc.Suspend(ctx, reviewer, tasks[0].ID, SuspendCorrection, "请补充从业人员健康证明"); err != nil {
		t.Fatal(err)
	}
	// While suspended nobody can approve.
	if _, err := f.svc.CompleteTask(ctx, reviewer, tasks[0].ID, OutcomeApprove, ""); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("approval while suspended: %v", err)
	}
	if err := f.svc.Resume(ctx, resident(12), app.ID, nil); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another resident resumed: %v", err)
	}
	f.clock.Set(testNow.Add(3 * 24 * time.Hour)) // Thursday
	if err := f.svc.Resume(ctx, resident(11), app.ID, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Get(ctx, resident(11), app.ID)
	after, _ := f.svc.acceptedLimit(ctx, f.svc.DB, &got.Application, true)
	if dueAfter := after.Due(f.svc.Calendar, f.clock.Now()); !dueAfter.After(dueBefore) {
		t.Errorf("suspension did not extend the due day: %v → %v", dueBefore, dueAfter)
	}
	if got.State != StateAccepted {
		t.Errorf("state after resume = %s", got.State)
	}
}

func TestRefusalAndStepBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.accepted(t, 11)
	tasks, _ := f.svc.tasksOf(ctx, f.svc.DB, app.ID)
	// A reviewer may not refuse; they pass with an opinion.
	if _, err := f.svc.ClaimTask(ctx, reviewer, tasks[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CompleteTask(ctx, reviewer, tasks[0].ID, OutcomeRefuse, "不符合"); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("review step refused: %v", err)
	}
	if _, err := f.svc.CompleteTask(ctx, reviewer, tasks[0].ID, OutcomeBack, "x"); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("first step went back: %v", err)
	}
	f.completeClaimed(t, reviewer, tasks[0].ID)
	f.complete(t, reviewer, tasks[1].ID, OutcomeApprove)
	// The checker sends one item back to review; the reviewer passes it again.
	if _, err := f.svc.ClaimTask(ctx, checker, tasks[2].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CompleteTask(ctx, checker, tasks[2].ID, OutcomeBack, ""); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("step back without a reason: %v", err)
	}
	if _, err := f.svc.CompleteTask(ctx, checker, tasks[2].ID, OutcomeBack, "场所证明需核实"); err != nil {
		t.Fatal(err)
	}
	again, _ := f.svc.tasksOf(ctx, f.svc.DB, app.ID)
	if again[0].State != TaskActive || again[2].State != TaskWaiting {
		t.Fatalf("after step back: %s / %s", again[0].State, again[2].State)
	}
	f.completeClaimed(t, reviewer, tasks[0].ID)
	// Refusal at check decides the whole application, with reasons.
	if _, err := f.svc.ClaimTask(ctx, checker, tasks[3].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CompleteTask(ctx, checker, tasks[3].ID, OutcomeRefuse, ""); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("refusal without reasons: %v", err)
	}
	dec, err := f.svc.CompleteTask(ctx, checker, tasks[3].ID, OutcomeRefuse, "经营场所不符合《食品安全法》第三十三条")
	if err != nil {
		t.Fatal(err)
	}
	if dec.State != StateRefused || !strings.Contains(dec.Reason, "第三十三条") {
		t.Fatalf("refused = %s %q", dec.State, dec.Reason)
	}
	left, _ := f.svc.tasksOf(ctx, f.svc.DB, app.ID)
	for _, task := range left {
		if task.State == TaskActive || task.State == TaskWaiting {
			t.Errorf("task %s still %s after the decision", task.Name, task.State)
		}
	}
}

// completeClaimed completes a task the approver holds or claims.
func (f *fixture) completeClaimed(t *testing.T, who *authz.Actor, task int64) {
	t.Helper()
	ctx := context.Background()
	tk, err := loadTask(ctx, f.svc.DB, task, "")
	if err != nil {
		t.Fatal(err)
	}
	if tk.AssigneeID != who.AccountID {
		if _, err := f.svc.ClaimTask(ctx, who, task); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.svc.CompleteTask(ctx, who, task, OutcomeApprove, "同意"); err != nil {
		t.Fatal(err)
	}
}

func TestRejectAndLevels(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.submitted(t, 11)
	station := staff(23, authz.RoleFrontDesk, authz.ScopeServicePoint, "320113001001P01")
	if _, err := f.svc.Claim(ctx, station, app.ID); err != nil {
		t.Fatal(err)
	}
	// 食品经营许可 is not delegated to community stations.
	if _, err := f.svc.Accept(ctx, station, app.ID); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("community station accepted a street-level item: %v", err)
	}
	if err := f.svc.Reject(ctx, station, app.ID, ""); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("rejection without reasons: %v", err)
	}
	if err := f.svc.Reject(ctx, frontDesk, app.ID, "不属于本机关职权范围"); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("rejection by a worker who has not claimed it: %v", err)
	}
	if err := f.svc.Reject(ctx, station, app.ID, "申请事项依法不需要取得行政许可"); err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Get(ctx, resident(11), app.ID)
	if got.State != StateRejected {
		t.Errorf("state = %s", got.State)
	}
}

func TestQueueInboxAndTimeline(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.submitted(t, 11)
	q, err := f.svc.Queue(ctx, frontDesk, QueueFilter{Waiting: true}, Page{})
	if err != nil || len(q) != 1 || q[0].ID != app.ID || q[0].DaysLeft != PreReviewDays {
		t.Fatalf("queue = %+v, %v", q, err)
	}
	if _, err := f.svc.Queue(ctx, reviewer, QueueFilter{}, Page{}); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("approver read the pre-review queue: %v", err)
	}
	if _, err := f.svc.Claim(ctx, frontDesk, app.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Accept(ctx, frontDesk, app.ID); err != nil {
		t.Fatal(err)
	}
	in, err := f.svc.Inbox(ctx, reviewer)
	if err != nil || len(in) != 2 {
		t.Fatalf("inbox = %d, %v", len(in), err)
	}
	if other, _ := f.svc.Inbox(ctx, otherDept); len(other) != 0 {
		t.Errorf("another department sees %d tasks", len(other))
	}
	mine, err := f.svc.Timeline(ctx, resident(11), app.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range mine {
		if e.Kind == "claim" {
			t.Error("applicant sees internal entries")
		}
		if e.Kind == "accept" && !strings.HasPrefix(e.Actor, "工作人员 ") {
			t.Errorf("staff name shown to applicant as %q", e.Actor)
		}
	}
	all, _ := f.svc.Timeline(ctx, frontDesk, app.ID)
	if len(all) <= len(mine) {
		t.Errorf("staff timeline %d entries, applicant %d", len(all), len(mine))
	}
	list, err := f.svc.Mine(ctx, resident(11), Page{})
	if err != nil || len(list) != 1 || list[0].State != StateAccepted || list[0].DaysLeft <= 0 {
		t.Fatalf("mine = %+v, %v", list, err)
	}
}

func TestConsultation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.submitted(t, 11)
	if err := f.svc.PostMessage(ctx, resident(11), app.ID, "场所证明可以用租赁合同吗？"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.PostMessage(ctx, frontDesk, app.ID, "可以，请上传双方签字的租赁合同。"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.PostMessage(ctx, resident(12), app.ID, "我也问"); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("stranger posted: %v", err)
	}
	if err := f.svc.PostMessage(ctx, resident(11), app.ID, strings.Repeat("问", 501)); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("long message: %v", err)
	}
	ms, err := f.svc.Messages(ctx, resident(11), app.ID)
	if err != nil || len(ms) != 2 || !ms[1].FromStaff || !strings.HasPrefix(ms[1].Author, "工作人员 ") {
		t.Fatalf("messages = %+v, %v", ms, err)
	}
	if got := f.notes.sent[11]; len(got) == 0 || !strings.Contains(got[len(got)-1], "答复") {
		t.Errorf("applicant not told of the answer: %v", got)
	}
}

func TestDetailAndMaterialFiles(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.accepted(t, 11)
	d, err := f.svc.Detail(ctx, frontDesk, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Tasks) != 4 || d.CreditDecision == "" || d.Clock.PromisedDue.IsZero() || d.Clock.Standing == "" {
		t.Fatalf("detail = tasks %d credit %q clock %+v", len(d.Tasks), d.CreditDecision, d.Clock)
	}
	var file string
	fetched := 0
	for _, m := range d.Materials {
		if m.File != nil {
			file = m.File.ID
		}
		if m.Fetched != "" {
			fetched++
		}
	}
	if file == "" || fetched == 0 {
		t.Fatalf("materials: file %q, fetched %d", file, fetched)
	}
	mine, _ := f.svc.Detail(ctx, resident(11), app.ID)
	if mine.CreditDecision != "" {
		t.Error("applicant sees the staff's credit decision")
	}
	if _, data, err := f.svc.OpenMaterial(ctx, reviewer, app.ID, file); err != nil || string(data) != string(pdfBytes) {
		t.Errorf("reviewer reads the material: %v", err)
	}
	if _, _, err := f.svc.OpenMaterial(ctx, resident(12), app.ID, file); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("stranger read the material: %v", err)
	}
	other := f.submitted(t, 13)
	if _, _, err := f.svc.OpenMaterial(ctx, frontDesk, other.ID, file); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("file read through another application: %v", err)
	}
}

func TestFormFilesBelongToTheApplicant(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// Resident 12 uploads a file; resident 11 names its id in a form answer.
	other, err := f.svc.CreateDraft(ctx, resident(12), itemFood, false)
	if err != nil {
		t.Fatal(err)
	}
	saved, err := f.svc.SaveDraftFiles(ctx, resident(12), other.ID, other.Revision, Draft{},
		[]Upload{{Field: "layout", Name: "布局图.pdf", Data: pdfBytes}})
	if err != nil {
		t.Fatal(err)
	}
	stolen, _ := saved.Form["layout"].(string)
	app := f.readyToSubmit(t, 11)
	mine := app.Form["layout"].(string)
	form := app.Form
	form["layout"] = stolen
	d := Draft{Form: form, UseCommitment: true, Parties: app.Parties}
	back, err := f.svc.SaveDraft(ctx, resident(11), app.ID, app.Revision, d)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Submit(ctx, resident(11), app.ID, back.Revision)
	if e, ok := apperr.As(err); !ok || e.Fields["form.layout"] == "" {
		t.Fatalf("submit naming another's file: %v", err)
	}
	if _, _, err := f.svc.OpenMaterial(ctx, resident(11), app.ID, stolen); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another's file opened through a form answer: %v", err)
	}
	// The applicant's own form file opens for those who may read the application.
	form["layout"] = mine
	back, err = f.svc.SaveDraft(ctx, resident(11), app.ID, back.Revision, Draft{Form: form, UseCommitment: true, Parties: app.Parties})
	if err != nil {
		t.Fatal(err)
	}
	if _, data, err := f.svc.OpenMaterial(ctx, resident(11), app.ID, mine); err != nil || string(data) != string(pdfBytes) {
		t.Errorf("own form file: %v", err)
	}
}
