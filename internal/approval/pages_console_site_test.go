package approval_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc/pdftest"
)

// kContains fails for each string body lacks.
func kContains(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(body, s) {
			t.Errorf("%s lacks %q", what, s)
		}
	}
}

// TestConsoleAcceptAndApprove drives the console end to end: the queue
// lists a submitted application, the front desk claims it, sends a
// one-time notice, accepts the corrected application and prints the
// acceptance notice; two approvers of 区市场监管局 review and check; the
// decision document follows; the leader sees an overdue flag.
func TestConsoleAcceptAndApprove(t *testing.T) {
	site := apptest.Start(t)
	ctx := context.Background()
	who := kResident(t, site)
	sub := kSubmit(t, site, who)
	path := "/console/applications/" + kItoa(sub.ID)

	desk := kSignIn(t, site, "qianmo.yaohua")
	status, body, _ := desk.get("/console/prereview")
	if status != http.StatusOK {
		t.Fatalf("queue: %d", status)
	}
	kContains(t, "queue", body, sub.Number, "个体工商户", "待认领", "通过")
	_, body, _ = desk.get("/console/prereview?claimed=mine")
	if strings.Contains(body, sub.Number) {
		t.Error("the mine filter lists an application nobody claimed")
	}
	desk.mustPost("/console/prereview/"+kItoa(sub.ID)+"/claim", nil, path+"?done=claimed")

	// The staff view masks personal data and offers the desk's forms.
	_, body, _ = desk.get(path)
	kContains(t, "application page", body, sub.Number, "一次性告知补正", "受理并出具受理通知书", "不予受理", "13800000001"[:3]+"****0001",
		"个体工商户设立登记", "相关人员", "信用准入", "材料", `查看附件</a>`, `/api/v1/applications/`+kItoa(sub.ID)+`/files/`)
	if strings.Contains(body, kPersonID(21)) || strings.Contains(body, kPersonID(31)) || strings.Contains(body, "13800000001") {
		t.Error("the staff view shows an ID number or phone unmasked")
	}

	// A notice with one row filled (the empty rows are ignored).
	notice := url.Values{"defect_0_target": {"经营场所使用证明"}, "defect_0_reason": {"图片模糊"}, "defect_0_fix": {"重新拍照上传"}}
	desk.mustPost(path+"/notice", notice, path+"?done=returned")
	re, _ := site.App.Approval.Get(ctx, who, sub.ID)
	if re.State != approval.StateReturned {
		t.Fatalf("state after the notice = %s", re.State)
	}
	kVerify(t, site, who, sub.ID) // each submission uses up its identity verification
	if _, err := site.App.Approval.Submit(ctx, who, sub.ID, re.Revision); err != nil {
		t.Fatal(err)
	}
	desk.mustPost(path+"/claim", nil, path+"?done=claimed")
	// A half-filled row is refused with the page shown again.
	status, body, _ = desk.post(path+"/notice", url.Values{"defect_1_target": {"经营范围"}})
	if status != http.StatusUnprocessableEntity && status != http.StatusBadRequest {
		t.Errorf("half-filled notice: %d", status)
	}
	kContains(t, "refused notice", body, "经营范围", "第1次告知")
	desk.mustPost(path+"/accept", nil, path+"?done=accepted")

	acc, err := site.App.Approval.Get(ctx, who, sub.ID)
	if err != nil || acc.AcceptanceNo == "" {
		t.Fatalf("accepted = %+v, %v", acc.Application, err)
	}
	kPDF(t, desk, path+"/acceptance.pdf", "受理通知书", acc.AcceptanceNo, "尧化街道政务服务中心", "承诺办结时限")

	// Review by the demo approver, check by a colleague.
	checker := kApprover(t, site, "fuhe.scjg", "区市场监管局")
	other := kApprover(t, site, "shenpi.other", "区民政局")
	reviewer := kSignIn(t, site, "shenpi.scjg")
	status, body, _ = reviewer.get("/console/tasks")
	if status != http.StatusOK {
		t.Fatalf("inbox: %d", status)
	}
	kContains(t, "inbox", body, sub.Number, "待认领", "栖霞区市场监督管理局")
	// The inbox also lists the demo's own applications: claim this one's.
	for _, id := range kActiveTasks(t, site, sub.ID) {
		if !strings.Contains(body, "/console/tasks/"+kItoa(id)+"/claim") {
			t.Fatalf("inbox lacks task %d", id)
		}
		reviewer.mustPost("/console/tasks/"+kItoa(id)+"/claim", nil, path+"?done=task")
	}
	_, body, _ = reviewer.get(path)
	kContains(t, "approver page", body, "审批：", "转办给同事", "加签部门", "中止计时")
	for _, m := range regexp.MustCompile(`/console/tasks/(\d+)/complete`).FindAllStringSubmatch(body, -1) {
		reviewer.mustPost(m[0], url.Values{"outcome": {"approve"}, "opinion": {"材料齐全"}}, path+"?done=completed")
	}

	// Another department sees nothing of it.
	o := kSignIn(t, site, other)
	_, body, _ = o.get("/console/tasks")
	if strings.Contains(body, sub.Number) {
		t.Error("an approver of another department sees the task")
	}
	if status, _, _ = o.get(path); status != http.StatusNotFound {
		t.Errorf("another department opens the application: %d", status)
	}

	c := kSignIn(t, site, checker)
	_, body, _ = c.get("/console/tasks")
	checks := kActiveTasks(t, site, sub.ID)
	if len(checks) != 2 {
		t.Fatalf("%d check tasks active, want 2", len(checks))
	}
	for _, id := range checks {
		claim := "/console/tasks/" + kItoa(id) + "/claim"
		if !strings.Contains(body, claim) {
			t.Fatalf("checker's inbox lacks task %d", id)
		}
		if status, _, _ = o.post(claim, nil); status != http.StatusNotFound {
			t.Errorf("another department claims %s: %d", claim, status)
		}
		c.mustPost(claim, nil, path+"?done=task")
	}
	// A refusal without reasons is refused and changes nothing.
	_, body, _ = c.get(path)
	completes := regexp.MustCompile(`/console/tasks/(\d+)/complete`).FindAllStringSubmatch(body, -1)
	if status, body, _ = c.post(completes[0][0], url.Values{"outcome": {"refuse"}}); status == http.StatusSeeOther {
		t.Fatal("a refusal without reasons went through")
	}
	kContains(t, "refused refusal", body, "不予许可须写明理由和法律依据")
	for _, m := range completes {
		c.mustPost(m[0], url.Values{"outcome": {"approve"}, "opinion": {"同意"}}, path+"?done=completed")
	}
	done, _ := site.App.Approval.Get(ctx, who, sub.ID)
	if done.State != approval.StateApproved {
		t.Fatalf("state after every approval = %s", done.State)
	}
	kPDF(t, c, path+"/decision.pdf", "准予行政许可决定书", done.DecisionNo)
	// The applicant's route answers staff who may read it too.
	kPDF(t, desk, "/applications/"+kItoa(sub.ID)+"/acceptance.pdf", acc.AcceptanceNo)
	if status, _, _ = desk.get(path + "/rejection.pdf"); status != http.StatusNotFound {
		t.Errorf("rejection notice of an approved application: %d", status)
	}
	// The applicant downloads the documents; another person may not, nor
	// may the applicant open the console's copy.
	mine := kSignInResident(t, site, "13800000001")
	kPDF(t, mine, "/applications/"+kItoa(sub.ID)+"/decision.pdf", done.DecisionNo)
	if status, _, _ = mine.get(path + "/decision.pdf"); status != http.StatusForbidden {
		t.Errorf("applicant on the console's route: %d", status)
	}
	if status, _, _ = kSignInResident(t, site, "13800000002").get("/applications/" + kItoa(sub.ID) + "/decision.pdf"); status != http.StatusNotFound {
		t.Errorf("another person's download: %d", status)
	}
}

// kPDF fetches a PDF and checks its text.
func kPDF(t *testing.T, s *kStaff, path string, want ...string) {
	t.Helper()
	status, body, _ := s.get(path)
	if status != http.StatusOK {
		t.Fatalf("%s: %d %.300s", path, status, body)
	}
	info, err := pdftest.Parse([]byte(body))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, w := range want {
		if !info.HasText(w) {
			t.Errorf("%s lacks %q", path, w)
		}
	}
}

// TestConsoleExpiringView flags an accepted application overdue and reads
// the leader's and the approvers' views.
func TestConsoleExpiringView(t *testing.T) {
	site := apptest.Start(t)
	ctx := context.Background()
	sub := kSubmit(t, site, kResident(t, site))
	desk := kSignIn(t, site, "qianmo.yaohua")
	path := "/console/applications/" + kItoa(sub.ID)
	desk.mustPost(path+"/claim", nil, path+"?done=claimed")
	desk.mustPost(path+"/accept", nil, path+"?done=accepted")
	// The clock job flags applications at their due time; the test sets
	// the flag it would set.
	err := site.App.DB.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE applications SET sla_flag = ? WHERE id = ?`, approval.FlagOverdue, sub.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	leader := kSignIn(t, site, "leader")
	status, body, _ := leader.get("/console/approval/expiring")
	if status != http.StatusOK {
		t.Fatalf("expiring: %d %.300s", status, body)
	}
	kContains(t, "expiring (leader)", body, sub.Number, "超期", "栖霞区市场监督管理局", "尧化街道政务服务中心", "现在开放的网点")
	_, body, _ = kSignIn(t, site, "shenpi.scjg").get("/console/approval/expiring")
	kContains(t, "expiring (approver)", body, sub.Number)
	other := kApprover(t, site, "shenpi.mz", "区民政局")
	_, body, _ = kSignIn(t, site, other).get("/console/approval/expiring")
	if strings.Contains(body, sub.Number) {
		t.Error("an approver of another department sees the flagged application")
	}
}

// TestConsoleForbidsOtherTrades: a grid worker gets 403 on every console
// page and action of applications, and the desk's actions refuse someone
// who has not claimed.
func TestConsoleForbidsOtherTrades(t *testing.T) {
	site := apptest.Start(t)
	sub := kSubmit(t, site, kResident(t, site))
	path := "/console/applications/" + kItoa(sub.ID)
	grid := kSignIn(t, site, "wangge.yaohua")
	for _, p := range []string{"/console/prereview", "/console/tasks", "/console/approval/expiring", path, path + "/acceptance.pdf"} {
		if status, _, _ := grid.get(p); status != http.StatusForbidden {
			t.Errorf("grid worker GET %s: %d, want 403", p, status)
		}
	}
	for _, p := range []string{path + "/claim", path + "/accept", "/console/prereview/" + kItoa(sub.ID) + "/claim"} {
		if status, _, _ := grid.post(p, nil); status != http.StatusForbidden {
			t.Errorf("grid worker POST %s: %d, want 403", p, status)
		}
	}
	// Acceptance needs a claim first: the page says so, nothing changes.
	desk := kSignIn(t, site, "qianmo.yaohua")
	status, body, _ := desk.post(path+"/accept", nil)
	if status != http.StatusConflict || !strings.Contains(body, "请先认领该办件") {
		t.Errorf("accept without a claim: %d", status)
	}
	if a, _ := site.App.Approval.Get(context.Background(), kResident(t, site), sub.ID); a.State != approval.StateSubmitted {
		t.Errorf("state after refused acceptance = %s", a.State)
	}
	// Without the CSRF token a form is refused.
	desk.csrf = "forged"
	if status, _, _ = desk.post(path+"/claim", nil); status != http.StatusForbidden {
		t.Errorf("claim with a forged token: %d", status)
	}
}
