package approval_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// staff is a staff member holding role over one unit.
func staff(id int64, role authz.Role, kind authz.ScopeKind, code string) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, Name: "测试" + role.Name(), District: "320113",
		Grants: []authz.Grant{{Role: role, Scope: authz.Scope{Kind: kind, Code: code}}}}
}

var (
	frontDesk = staff(9001, authz.RoleFrontDesk, authz.ScopeServicePoint, "320113001P01") // 尧化街道政务服务中心
	reviewer  = staff(9002, authz.RoleApprover, authz.ScopeDepartment, "320113D23")       // 区市场监管局
)

// verifyAndSubmit walks the identity steps on the submission page and
// submits; it returns the tracking page.
func verifyAndSubmit(t *testing.T, v *visitor, base, phone string) page {
	t.Helper()
	p := v.post(base+"/verify/start", nil)
	vid := verification(t, p)
	v.post(base+"/verify/carrier", url.Values{"v": {vid}, "name": {"王小明"}, "id_number": {idNumber(101)}, "phone": {phone}})
	v.passCode(base, vid, phone)
	p = v.postFiles(base+"/verify/face", url.Values{"v": {vid}}, upload{"image", "face.png", facePhoto(t)})
	p = v.post(base+"/submit", url.Values{"revision": {revision(t, p)}, "v": {vid}})
	if p.Status != http.StatusOK || !strings.Contains(p.Path, "submitted=1") {
		t.Fatalf("submitting answered %d at %s: %.800s", p.Status, p.Path, p.Body)
	}
	return p
}

// submittedApp files a complete bundle application through the pages.
func submittedApp(t *testing.T, site *apptest.Site, phone string) (*visitor, int64, string) {
	t.Helper()
	v := signIn(t, site, phone)
	id := v.start(itemSoleTrader, true)
	base := "/my/applications/" + strconv.FormatInt(id, 10)
	p := v.get(base + "/edit")
	form := filledForm(revision(t, p))
	form.Set("f.phone", phone)
	if p = v.postFiles(base+"/edit", form, materials()...); p.Status != http.StatusOK {
		t.Fatalf("saving answered %d: %.500s", p.Status, p.Body)
	}
	verifyAndSubmit(t, v, base, phone)
	return v, id, base
}

// TestResidentCorrectsAfterOneTimeNotice: the notice lists every defect
// with how to fix it, "去补正" leads to the form, and a resubmission (with
// a fresh identity check) goes back to pre-review.
func TestResidentCorrectsAfterOneTimeNotice(t *testing.T) {
	site := apptest.Start(t)
	ctx := context.Background()
	v, id, base := submittedApp(t, site, "13812345611")
	svc := site.App.Approval
	if _, err := svc.Claim(ctx, frontDesk, id); err != nil {
		t.Fatal(err)
	}
	defects := []approval.Defect{{Target: "经营场所", Reason: "门牌号不完整", Fix: "写明门牌号和室号"},
		{Target: "布局平面图", Reason: "看不清", Fix: "上传清晰的扫描件"}}
	if err := svc.ReturnForCorrection(ctx, frontDesk, id, defects); err != nil {
		t.Fatal(err)
	}
	p := v.get(base)
	mustContain(t, "the returned application", p, "待补正", "一次性告知书", "第1次告知", "门牌号不完整", "写明门牌号和室号",
		"看不清", "去补正", "工作人员 测*")
	p = v.get(base + "/edit")
	mustContain(t, "the form to correct", p, "一次性告知：请补正以下问题", "上传清晰的扫描件")
	form := filledForm(revision(t, p))
	form.Set("f.phone", "13812345611")
	form.Set("f.premises", "南京市栖霞区尧化街道尧新大道1号101室")
	m := layoutInput.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatal("the form does not carry the uploaded plan's id")
	}
	form.Set("f.layout", m[1])
	form.Set("action", "submit")
	if p = v.postFiles(base+"/edit", form); p.Path != base+"/submit" {
		t.Fatalf("save and continue ended at %s (%d)", p.Path, p.Status)
	}
	p = verifyAndSubmit(t, v, base, "13812345611")
	mustContain(t, "the resubmitted application", p, "待预审", "补正后重新提交", "一次性告知（第1次）：共2项需补正")
}

var layoutInput = regexp.MustCompile(`type="hidden" name="f.layout" value="([^"]+)"`)

// TestResidentResumesAndConsults: correction during approval stops the
// clock until the applicant says it is done; consultation messages go
// both ways with staff names masked; a message must not be empty.
func TestResidentResumesAndConsults(t *testing.T) {
	site := apptest.Start(t)
	ctx := context.Background()
	v, id, base := submittedApp(t, site, "13812345612")
	svc := site.App.Approval
	if _, err := svc.Claim(ctx, frontDesk, id); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Accept(ctx, frontDesk, id); err != nil {
		t.Fatal(err)
	}
	d, err := svc.Detail(ctx, reviewer, id)
	if err != nil {
		t.Fatal(err)
	}
	var task int64
	for _, tk := range d.Tasks {
		if tk.State == approval.TaskActive && strings.HasPrefix(tk.Department, "320113D23") && task == 0 {
			task = tk.ID
		}
	}
	if _, err := svc.ClaimTask(ctx, reviewer, task); err != nil {
		t.Fatal(err)
	}
	if err := svc.Suspend(ctx, reviewer, task, approval.SuspendCorrection, "请补充从业人员健康证明"); err != nil {
		t.Fatal(err)
	}
	p := v.get(base)
	mustContain(t, "the suspended application", p, "中止计时", "审批中需要补正", "请补充从业人员健康证明", "补正完成")
	if p = v.post(base+"/resume", nil); !strings.Contains(p.Path, "resumed=1") {
		t.Fatalf("resume ended at %s (%d)", p.Path, p.Status)
	}
	mustContain(t, "the resumed application", p, "审批中", "恢复计时")
	if strings.Contains(p.Body, "审批中需要补正") {
		t.Error("the resumed application still asks for a correction")
	}

	if p = v.post(base+"/messages", url.Values{"body": {"  "}}); p.Status != http.StatusBadRequest {
		t.Errorf("an empty message answered %d, want 400", p.Status)
	}
	mustContain(t, "the empty message", p, "留言应为1到500个字")
	p = v.post(base+"/messages", url.Values{"body": {"健康证明可以用电子版吗？"}})
	mustContain(t, "the sent message", p, "留言已发送", "健康证明可以用电子版吗？")
	if err := svc.PostMessage(ctx, reviewer, id, "可以，上传清晰扫描件即可。"); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "the answer", v.get(base), "可以，上传清晰扫描件即可。", "工作人员 测*")
}

// TestResidentWithdrawsBeforeAcceptance: withdrawing asks to confirm;
// afterwards the application is final and cannot be withdrawn again.
func TestResidentWithdrawsBeforeAcceptance(t *testing.T) {
	site := apptest.Start(t)
	v := signIn(t, site, "13812345613")
	id := v.start(itemFood, false)
	base := "/my/applications/" + strconv.FormatInt(id, 10)
	p := v.get(base + "/withdraw")
	mustContain(t, "the confirm page", p, "确认撤回", "不撤回")
	if p = v.post(base+"/withdraw", nil); !strings.Contains(p.Path, "withdrawn=1") {
		t.Fatalf("withdraw ended at %s (%d)", p.Path, p.Status)
	}
	mustContain(t, "the withdrawn application", p, "已撤回", "撤回申请")
	if p = v.post(base+"/withdraw", nil); p.Status != http.StatusConflict {
		t.Errorf("withdrawing twice answered %d, want 409", p.Status)
	}
	mustContain(t, "the list", v.get("/my/applications"), "已撤回", "办结")
}
