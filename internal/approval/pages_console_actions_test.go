package approval_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
	"github.com/shanzhi-gov/shanzhi/internal/approval"
)

// kAccepted files the bundle and accepts it through the desk's pages.
func kAccepted(t *testing.T, site *apptest.Site) (approval.Filed, string) {
	t.Helper()
	sub := kSubmit(t, site, kResident(t, site))
	path := "/console/applications/" + kItoa(sub.ID)
	desk := kSignIn(t, site, "qianmo.yaohua")
	desk.mustPost(path+"/claim", nil, path+"?done=claimed")
	desk.mustPost(path+"/accept", nil, path+"?done=accepted")
	return sub, path
}

// TestConsoleTaskActions: suspend and resume, going back from the first
// step (refused), adding another department (加签) and transferring to a
// colleague, each through the application page's forms.
func TestConsoleTaskActions(t *testing.T) {
	site := apptest.Start(t)
	ctx := context.Background()
	sub, path := kAccepted(t, site)
	checkerID := kApproverID(t, site, "fuhe.scjg", "区市场监管局")
	mzDept := kDept(t, site, "区民政局")
	mz := kApprover(t, site, "shenpi.mz", "区民政局")

	rev := kSignIn(t, site, "shenpi.scjg")
	task := "/console/tasks/" + kItoa(kActiveTasks(t, site, sub.ID)[0])
	rev.mustPost(task+"/claim", nil, path+"?done=task")

	// Back from the first step is refused with the reason on the page.
	status, body, _ := rev.post(task+"/complete", url.Values{"outcome": {"back"}, "opinion": {"材料不全"}})
	if status != http.StatusBadRequest && status != http.StatusUnprocessableEntity {
		t.Errorf("back from the first step: %d", status)
	}
	kContains(t, "refused back", body, "这是第一个环节，不能退回上一环节", "材料不全")

	// Suspend for testing, then resume.
	status, body, _ = rev.post(task+"/suspend", url.Values{"kind": {"testing"}})
	if status == http.StatusSeeOther {
		t.Fatal("suspended without a reason")
	}
	kContains(t, "refused suspension", body, "请写明需要补正或中止的具体内容")
	rev.mustPost(task+"/suspend", url.Values{"kind": {"testing"}, "reason": {"送检食品样品"}}, path+"?done=suspended")
	_, body, _ = rev.get(path)
	kContains(t, "suspended page", body, "中止计时", "恢复计时", "送检食品样品")
	if a, _ := site.App.Approval.Get(ctx, kResident(t, site), sub.ID); a.State != approval.StateSuspended {
		t.Fatalf("state after suspension = %s", a.State)
	}
	rev.mustPost(path+"/resume", nil, path+"?done=resumed")

	// 加签: 区民政局 now holds a task of the stage and sees it.
	rev.mustPost(task+"/add-approver", url.Values{"department": {mzDept}, "name": {"民政会签"}}, path+"?done=added")
	_, body, _ = kSignIn(t, site, mz).get("/console/tasks")
	kContains(t, "民政局 inbox", body, sub.Number, "民政会签")

	// Transfer to a colleague, who finds it among their own tasks.
	rev.mustPost(task+"/transfer", url.Values{"to": {kItoa(checkerID)}}, path+"?done=transferred")
	_, body, _ = kSignIn(t, site, "fuhe.scjg").get("/console/tasks")
	mine := body[strings.Index(body, "<h2>我认领的"):strings.Index(body, "<h2>待认领")]
	if !strings.Contains(mine, sub.Number) {
		t.Error("the transferred task is not among the colleague's own")
	}
	if status, _, _ = rev.post(task+"/transfer", url.Values{"to": {"abc"}}); status == http.StatusSeeOther {
		t.Error("a transfer to a non-number went through")
	}
}

// TestConsoleRejection: reasons are required; the notice of refusal to
// accept carries them and the remedies.
func TestConsoleRejection(t *testing.T) {
	site := apptest.Start(t)
	sub := kSubmit(t, site, kResident(t, site))
	path := "/console/applications/" + kItoa(sub.ID)
	desk := kSignIn(t, site, "qianmo.yaohua")
	desk.mustPost(path+"/claim", nil, path+"?done=claimed")
	status, body, _ := desk.post(path+"/reject", url.Values{"reasons": {"  "}})
	if status != http.StatusBadRequest && status != http.StatusUnprocessableEntity {
		t.Errorf("rejection without reasons: %d", status)
	}
	kContains(t, "refused rejection", body, "请写明不予受理的理由和依据")
	desk.mustPost(path+"/reject", url.Values{"reasons": {"申请事项不属于本机关职权范围"}}, path+"?done=rejected")
	_, body, _ = desk.get(path)
	kContains(t, "rejected page", body, "不予受理", "申请事项不属于本机关职权范围", path+"/rejection.pdf")
	kPDF(t, desk, path+"/rejection.pdf", "不予受理通知书", "申请事项不属于本机关职权范围", "行政复议法", "行政诉讼法")
	if status, _, _ = desk.get(path + "/acceptance.pdf"); status != http.StatusNotFound {
		t.Errorf("acceptance notice of a rejected application: %d", status)
	}
}
