package approval

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

var (
	frontDesk  = staff(21, authz.RoleFrontDesk, authz.ScopeServicePoint, "320113001P01") // 尧化街道政务服务中心
	frontDesk2 = staff(22, authz.RoleFrontDesk, authz.ScopeServicePoint, "320113002P01")
	reviewer   = staff(31, authz.RoleApprover, authz.ScopeDepartment, "320113D23") // 区市场监管局
	checker    = staff(32, authz.RoleApprover, authz.ScopeDepartment, "320113D23")
	otherDept  = staff(33, authz.RoleApprover, authz.ScopeDepartment, "320113D07")
)

// fillForm answers every required field of the items' merged form validly.
func fillForm(items []catalog.Version) map[string]any {
	out := map[string]any{}
	for _, fd := range MergedForm(items) {
		if !fd.Required || fd.Type == catalog.FieldFile {
			continue // file answers are uploads: see readyToSubmit
		}
		switch fd.Type {
		case catalog.FieldIDNumber:
			out[fd.Name] = goodID
		case catalog.FieldPhone:
			out[fd.Name] = "13800000001"
		case catalog.FieldAddress:
			out[fd.Name] = "栖霞区尧化街道尧化门街1号"
		case catalog.FieldNumber:
			out[fd.Name] = "10"
		case catalog.FieldDate:
			out[fd.Name] = "2026-03-01"
		case catalog.FieldChoice:
			out[fd.Name] = fd.Options[0]
		case catalog.FieldMultiChoice:
			out[fd.Name] = []any{fd.Options[0]}
		default:
			out[fd.Name] = "栖霞小馆"
		}
	}
	return out
}

var pdfBytes = []byte("%PDF-1.4\n%%EOF\n")

// readyToSubmit creates a bundled draft that passes every check.
func (f *fixture) readyToSubmit(t *testing.T, applicant int64) Filed {
	t.Helper()
	ctx := context.Background()
	app, err := f.svc.CreateDraft(ctx, resident(applicant), itemSoleTrader, true)
	if err != nil {
		t.Fatal(err)
	}
	d := Draft{Form: fillForm(app.Items), UseCommitment: true,
		Parties: []Party{{Role: PartyLegalRep, SubjectKind: "person", Name: "王小栖", Code: goodID}}}
	var ups []Upload
	for _, fd := range MergedForm(app.Items) {
		if fd.Required && fd.Type == catalog.FieldFile {
			ups = append(ups, Upload{Field: fd.Name, Name: fd.Label + ".pdf", Data: pdfBytes})
		}
	}
	if _, err := f.svc.SaveDraftFiles(ctx, resident(applicant), app.ID, app.Revision, d, ups); err != nil {
		t.Fatal(err)
	}
	for _, v := range app.Items {
		for i, m := range v.Item.Materials {
			if m.Source == catalog.SourceApplicant && m.Required {
				if _, err := f.svc.AttachMaterial(ctx, resident(applicant), app.ID, v.ImplCode, i, m.Name+".pdf", pdfBytes); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	f.ident.levels[applicant] = LevelFace
	got, err := f.svc.Get(ctx, resident(applicant), app.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestFullLifecycle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.readyToSubmit(t, 11)
	sub, err := f.svc.Submit(ctx, resident(11), app.ID, app.Revision)
	if err != nil {
		t.Fatal(err)
	}
	if sub.State != StateSubmitted || !strings.HasPrefix(sub.Number, "320113-20260302-") {
		t.Fatalf("submitted = %s %q", sub.State, sub.Number)
	}
	if len(f.signer.docs) != 2 || f.signer.docs[1].Kind != "commitment" {
		t.Errorf("signed %d documents, want application + commitment", len(f.signer.docs))
	}
	// Pre-review: one notice with every defect, then resubmission.
	if _, err := f.svc.Claim(ctx, frontDesk, app.ID); err != nil {
		t.Fatal(err)
	}
	defects := []Defect{{Target: "经营场所使用证明", Reason: "图片模糊", Fix: "重新拍照上传"},
		{Target: "经营范围", Reason: "与名称不符", Fix: "按实际经营填写"}}
	if err := f.svc.ReturnForCorrection(ctx, frontDesk, app.ID, defects); err != nil {
		t.Fatal(err)
	}
	back, _ := f.svc.Get(ctx, resident(11), app.ID)
	if back.State != StateReturned {
		t.Fatalf("state after notice = %s", back.State)
	}
	if len(f.notes.sent[11]) != 1 {
		t.Errorf("applicant notified %d times, want 1", len(f.notes.sent[11]))
	}
	if _, err := f.svc.Submit(ctx, resident(11), app.ID, back.Revision); err != nil {
		t.Fatal(err)
	}
	notices, err := f.svc.Notices(ctx, resident(11), app.ID)
	if err != nil || len(notices) != 1 || len(notices[0]) != 2 {
		t.Fatalf("notices = %v, %v", notices, err)
	}
	// Acceptance at a street centre, then review and check by different people.
	if _, err := f.svc.Claim(ctx, frontDesk, app.ID); err != nil {
		t.Fatal(err)
	}
	acc, err := f.svc.Accept(ctx, frontDesk, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	if acc.State != StateAccepted || acc.AcceptanceNo == "" || acc.AcceptedPoint != "320113001P01" {
		t.Fatalf("accepted = %+v", acc)
	}
	tasks, err := f.svc.tasksOf(ctx, f.svc.DB, app.ID)
	if err != nil || len(tasks) != 4 {
		t.Fatalf("tasks = %d, %v", len(tasks), err)
	}
	for _, task := range tasks[:2] {
		f.complete(t, reviewer, task.ID, OutcomeApprove)
	}
	// The reviewer may not also check the same item.
	if _, err := f.svc.ClaimTask(ctx, reviewer, tasks[2].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CompleteTask(ctx, reviewer, tasks[2].ID, OutcomeApprove, ""); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("reviewer checked own item: %v", err)
	}
	if _, err := f.svc.ClaimTask(ctx, otherDept, tasks[3].ID); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Fatalf("another department claimed the task: %v", err)
	}
	f.complete(t, checker, tasks[3].ID, OutcomeApprove)
	mid, _ := f.svc.Get(ctx, resident(11), app.ID)
	if mid.State != StateAccepted {
		t.Fatalf("decided before every parallel task was done: %s", mid.State)
	}
	// The reviewer hands the task back, the checker completes it.
	f.reassign(t, tasks[2].ID, checker)
	final, err := f.svc.CompleteTask(ctx, checker, tasks[2].ID, OutcomeApprove, "符合条件")
	if err != nil {
		t.Fatal(err)
	}
	if final.State != StateApproved || final.DecisionNo == "" {
		t.Fatalf("final = %s %q", final.State, final.DecisionNo)
	}
	// Approving twice changes nothing.
	if _, err := f.svc.CompleteTask(ctx, checker, tasks[2].ID, OutcomeApprove, ""); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("second approval: %v", err)
	}
}

// complete claims and completes a task.
func (f *fixture) complete(t *testing.T, who *authz.Actor, task int64, o Outcome) {
	t.Helper()
	if _, err := f.svc.ClaimTask(context.Background(), who, task); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CompleteTask(context.Background(), who, task, o, "同意"); err != nil {
		t.Fatal(err)
	}
}

// reassign gives a claimed task to someone else, as a transfer would.
func (f *fixture) reassign(t *testing.T, task int64, to *authz.Actor) {
	t.Helper()
	if _, err := f.svc.Transfer(context.Background(), reviewer, task, to.AccountID); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentClaims(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.readyToSubmit(t, 11)
	if _, err := f.svc.Submit(ctx, resident(11), app.ID, app.Revision); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, who := range []*authz.Actor{frontDesk, frontDesk2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.Claim(ctx, who, app.ID)
		}()
	}
	wg.Wait()
	wins := 0
	for _, err := range errs {
		switch {
		case err == nil:
			wins++
		case apperr.CodeOf(err) == apperr.CodeConflict:
		default:
			t.Errorf("claim: %v", err)
		}
	}
	if wins != 1 {
		t.Fatalf("%d claims won, want exactly 1 (%v)", wins, errs)
	}
}

func TestSubmitRefusals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.readyToSubmit(t, 11)
	// Without the identity level.
	f.ident.levels[11] = LevelCarrier
	if _, err := f.svc.Submit(ctx, resident(11), app.ID, app.Revision); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("submit without face match: %v", err)
	}
	f.ident.levels[11] = LevelFace
	// A legal representative on the serious dishonesty list.
	f.credit.black[goodID] = true
	_, err := f.svc.Submit(ctx, resident(11), app.ID, app.Revision)
	if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeForbidden || !strings.Contains(e.Fields["credit"], "严重失信") {
		t.Fatalf("submit with a blacklisted party: %v", err)
	}
	got, _ := f.svc.Get(ctx, resident(11), app.ID)
	if got.State != StateDraft || got.CreditOutcome != CreditRefuse || got.Number != "" {
		t.Fatalf("after credit refusal: %s %q %q", got.State, got.CreditOutcome, got.Number)
	}
	// The applicant themself, as verified, is checked too.
	f.credit.black[goodID] = false
	f.credit.black[applicantID] = true
	if _, err := f.svc.Submit(ctx, resident(11), app.ID, got.Revision); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("submit by a blacklisted applicant: %v", err)
	}
	f.credit.black[applicantID] = false
	got, _ = f.svc.Get(ctx, resident(11), app.ID)
	// An incomplete form lists every problem at once.
	f.credit.black[goodID] = false
	d := Draft{Form: map[string]any{"premises": "上海市浦东新区"}, Parties: got.Parties}
	saved, err := f.svc.SaveDraft(ctx, resident(11), app.ID, got.Revision, d)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Submit(ctx, resident(11), app.ID, saved.Revision)
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.CodeInvalid || e.Fields["form.premises"] == "" || len(e.Fields) < 3 {
		t.Fatalf("incomplete submit: %v %v", err, e)
	}
}

func TestWithdrawAndDecisionOnWithdrawn(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.readyToSubmit(t, 11)
	if _, err := f.svc.Submit(ctx, resident(11), app.ID, app.Revision); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Withdraw(ctx, resident(12), app.ID); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another resident withdrew: %v", err)
	}
	if err := f.svc.Withdraw(ctx, resident(11), app.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Claim(ctx, frontDesk, app.ID); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("claim of a withdrawn application: %v", err)
	}
	if _, err := f.svc.Accept(ctx, frontDesk, app.ID); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("acceptance of a withdrawn application: %v", err)
	}
}

func TestMaterialsBadFiles(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app, err := f.svc.CreateDraft(ctx, resident(11), itemFood, false)
	if err != nil {
		t.Fatal(err)
	}
	idx := -1
	for i, m := range app.Items[0].Item.Materials {
		if m.Source == catalog.SourceApplicant {
			idx = i
			break
		}
	}
	if _, err := f.svc.AttachMaterial(ctx, resident(11), app.ID, itemFood, idx, "布局图.pdf", []byte("<html>")); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("fake PDF: %v", err)
	}
	big := append(append([]byte{}, pdfBytes...), make([]byte, 50<<20)...)
	if _, err := f.svc.AttachMaterial(ctx, resident(11), app.ID, itemFood, idx, "big.pdf", big); apperr.CodeOf(err) != apperr.CodeTooLarge {
		t.Errorf("50 MB file: %v", err)
	}
	if _, err := f.svc.AttachMaterial(ctx, resident(11), app.ID, itemFood, 0, "x.pdf", pdfBytes); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("upload of a fetched material: %v", err)
	}
	if _, err := f.svc.AttachMaterial(ctx, resident(12), app.ID, itemFood, idx, "x.pdf", pdfBytes); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("upload to another's draft: %v", err)
	}
}
