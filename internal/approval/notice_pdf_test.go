package approval

import (
	"context"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc/pdftest"
)

// noticeText builds the document of kind k for the application as actor
// sees it and returns its text checker.
func noticeText(t *testing.T, f *fixture, actor *authz.Actor, id int64, file string) pdftest.Info {
	t.Helper()
	h := &Handlers{svc: f.svc}
	n, err := h.noticeDataOf(context.Background(), actor, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range noticeKinds {
		if k.file != file {
			continue
		}
		if !k.ready(n.Application) {
			t.Fatalf("%s not ready in state %s", file, n.State)
		}
		b, err := k.build(n).Bytes()
		if err != nil {
			t.Fatal(err)
		}
		info, err := pdftest.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	t.Fatalf("no document %s", file)
	return pdftest.Info{}
}

// wantText fails for each string the document lacks.
func wantText(t *testing.T, doc string, info pdftest.Info, want ...string) {
	t.Helper()
	for _, s := range want {
		if !info.HasText(s) {
			t.Errorf("%s lacks %q", doc, s)
		}
	}
}

func TestAcceptanceNoticePDF(t *testing.T) {
	f := newFixture(t)
	app := f.accepted(t, 11)
	info := noticeText(t, f, frontDesk, app.ID, "acceptance.pdf")
	wantText(t, "受理通知书", info, "受理通知书", app.AcceptanceNo, app.Number, "个体工商户", "食品经营许可",
		"尧化街道政务服务中心", "承诺办结时限", "法定办结时限", "我的办件", "第三十二条")
	// The applicant reads the same notice; a notice not yet due is not found.
	noticeText(t, f, resident(11), app.ID, "acceptance.pdf")
	h := &Handlers{svc: f.svc}
	n, err := h.noticeDataOf(context.Background(), resident(11), app.ID)
	if err != nil || noticeKinds[1].ready(n.Application) || noticeKinds[2].ready(n.Application) {
		t.Fatalf("rejection or decision ready on an accepted application: %v", err)
	}
	if _, err := h.noticeDataOf(context.Background(), resident(12), app.ID); err == nil {
		t.Fatal("another resident read the notice")
	}
}

func TestRejectionNoticePDF(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app := f.submitted(t, 11)
	if _, err := f.svc.Claim(ctx, frontDesk, app.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Reject(ctx, frontDesk, app.ID, "申请事项依法不需要取得行政许可"); err != nil {
		t.Fatal(err)
	}
	info := noticeText(t, f, resident(11), app.ID, "rejection.pdf")
	got, _ := f.svc.Get(ctx, resident(11), app.ID)
	if !strings.HasPrefix(got.DecisionNo, "不受〔2026〕") || got.Decision != "" {
		t.Errorf("rejection number %q, decision %q", got.DecisionNo, got.Decision)
	}
	wantText(t, "不予受理通知书", info, "不予受理通知书", got.DecisionNo, app.Number, "申请事项依法不需要取得行政许可",
		"六十日", "行政复议法", "六个月", "行政诉讼法", "栖霞区人民政府")
}

func TestDecisionPDFs(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	granted := f.accepted(t, 11)
	f.approveAll(t, granted.ID)
	g, err := f.svc.Get(ctx, resident(11), granted.ID)
	if err != nil || g.State != StateApproved {
		t.Fatalf("granted = %s, %v", g.State, err)
	}
	info := noticeText(t, f, reviewer, granted.ID, "decision.pdf")
	wantText(t, "准予许可决定书", info, "准予行政许可决定书", g.DecisionNo, g.AcceptanceNo, "告知承诺", "第三十八条第一款")
	if info.HasText("不予行政许可") {
		t.Error("a grant reads as a refusal")
	}

	refused := f.accepted(t, 12)
	tasks, err := f.svc.tasksOf(ctx, f.svc.DB, refused.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tasks[:2] {
		f.complete(t, reviewer, tk.ID, OutcomeApprove)
	}
	if _, err := f.svc.ClaimTask(ctx, checker, tasks[2].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CompleteTask(ctx, checker, tasks[2].ID, OutcomeRefuse, "经营场所位于居民住宅楼内，不符合《食品经营许可和备案管理办法》第十二条"); err != nil {
		t.Fatal(err)
	}
	info = noticeText(t, f, resident(12), refused.ID, "decision.pdf")
	wantText(t, "不予许可决定书", info, "不予行政许可决定书", "经营场所位于居民住宅楼内", "事项设定依据",
		"六十日", "行政复议法", "六个月", "行政诉讼法")
}

// approveAll has the reviewer pass stage 1 and the checker every later task.
func (f *fixture) approveAll(t *testing.T, id int64) {
	t.Helper()
	for {
		tasks, err := f.svc.tasksOf(context.Background(), f.svc.DB, id)
		if err != nil {
			t.Fatal(err)
		}
		done := true
		for _, tk := range tasks {
			if tk.State != TaskActive {
				continue
			}
			done = false
			who := checker
			if tk.Stage == 1 {
				who = reviewer
			}
			f.completeClaimed(t, who, tk.ID)
		}
		if done {
			return
		}
	}
}
