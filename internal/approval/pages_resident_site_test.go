package approval_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
)

// filledForm is a complete answer to the bundle's one form (一表申请) with
// one related person, 告知承诺 chosen.
func filledForm(rev string) url.Values {
	return url.Values{
		"revision": {rev}, "action": {"save"},
		"f.applicant_name": {"王小明"}, "f.id_number": {idNumber(101)}, "f.phone": {"13812345678"},
		"f.premises": {"南京市栖霞区尧化街道尧新大道1号"}, "f.business_scope": {"餐饮服务", "食品销售"},
		"f.capital": {"5"}, "f.form_kind": {"个人经营"},
		"f.operator": {"王小明小吃店"}, "f.legal_rep": {"王小明"}, "f.main_form": {"餐饮服务经营者"},
		"f.projects": {"热食类食品制售"},
		"rows.staff": {"1"}, "t.staff.0.name": {"李四"}, "t.staff.0.id_number": {idNumber(102)},
		"t.staff.0.health_cert_date": {"2026-01-05"},
		"parties":                    {"1"}, "p.0.role": {"legal_rep"}, "p.0.kind": {"person"}, "p.0.name": {"王小明"}, "p.0.code": {idNumber(101)},
		"use_commitment": {"1"},
	}
}

// materials are the uploads the bundle asks of the applicant.
func materials() []upload {
	return []upload{
		{"m." + itemSoleTrader + ".2", "场所证明.pdf", pdf},
		{"m." + itemFood + ".2", "布局流程.pdf", pdf},
		{"m." + itemFood + ".3", "规章制度.pdf", pdf},
		{"file.layout", "平面图.pdf", pdf},
	}
}

// TestResidentAppliesVerifiesAndSubmits is the core journey on the pages
// alone (no script): start from the guide's button, fill the one form of
// a bundle, upload, verify identity to the face level, sign and submit,
// then see the timeline.
func TestResidentAppliesVerifiesAndSubmits(t *testing.T) {
	site := apptest.Start(t)
	v := signIn(t, site, "13812345678")
	id := v.start(itemSoleTrader, true)
	base := "/my/applications/" + strconv.FormatInt(id, 10)

	p := v.get(base + "/edit")
	mustContain(t, "the edit page", p, "个体工商户设立登记＋食品经营许可（新办）", "经营场所", "由系统从共享数据获取，无需提交",
		"由系统从已有电子证照获取，无需提交", "系统生成", "告知承诺", "再加一行", `accept="application/pdf,image/*"`,
		`name="p.0.role"`, "须填写：法定代表人", `type="checkbox" name="f.business_scope"`, `type="date"`, `inputmode="tel"`)

	p = v.postFiles(base+"/edit", filledForm(revision(t, p)), materials()...)
	if p.Status != http.StatusOK || !strings.Contains(p.Path, "saved=1") {
		t.Fatalf("saving the full form answered %d at %s: %.600s", p.Status, p.Path, p.Body)
	}
	mustContain(t, "the saved form", p, "已保存", "场所证明.pdf", "平面图.pdf", `value="李四"`, `value="南京市栖霞区尧化街道尧新大道1号"`)

	p = v.get(base + "/submit")
	mustContain(t, "the submission page", p, "L3 人脸识别核验", "开始身份核验", "王小明小吃店", "告知承诺书", "320113********")
	if strings.Contains(p.Body, idNumber(101)) {
		t.Error("the submission page shows an ID number unmasked")
	}
	p = v.post(base+"/verify/start", nil)
	vid := verification(t, p)
	mustContain(t, "the carrier step", p, "核验实名信息")
	p = v.post(base+"/verify/carrier", url.Values{"v": {vid}, "name": {"王小明"}, "id_number": {idNumber(101)}, "phone": {"13812345678"}})
	mustContain(t, "the SMS code step", p, "获取短信验证码")
	p = v.passCode(base, vid, "13812345678")
	mustContain(t, "the face step", p, `capture="user"`, `accept="image/*"`)
	p = v.postFiles(base+"/verify/face", url.Values{"v": {vid}}, upload{"image", "face.png", facePhoto(t)})
	mustContain(t, "the verified page", p, "身份核验已完成", "签名并提交")

	mustContain(t, "the signature pad", p, `id="sig-pad"`, `name="handwriting"`, "signpad.js")
	// A handwriting field that is not a PNG is refused beside the pad; nothing is submitted.
	bad := "data:image/png;base64," + base64.StdEncoding.EncodeToString([]byte("GIF89a not a png"))
	p = v.post(base+"/submit", url.Values{"revision": {revision(t, p)}, "v": {vid}, "handwriting": {bad}})
	if p.Status != http.StatusBadRequest || !strings.Contains(p.Body, "手写签名") {
		t.Fatalf("a bad handwritten signature answered %d: %.600s", p.Status, p.Body)
	}
	hand := "data:image/png;base64," + base64.StdEncoding.EncodeToString(facePhoto(t))
	p = v.post(base+"/submit", url.Values{"revision": {revision(t, p)}, "v": {vid}, "handwriting": {hand}})
	if p.Status != http.StatusOK || p.Path != base+"?submitted=1" {
		t.Fatalf("submitting answered %d at %s: %.800s", p.Status, p.Path, p.Body)
	}
	var withHand int
	if err := site.App.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM esign_evidence
		WHERE doc_kind = 'application' AND handwriting IS NOT NULL`).Scan(&withHand); err != nil || withHand != 1 {
		t.Errorf("evidence with the handwritten signature: %d, %v", withHand, err)
	}
	mustContain(t, "the tracking page", p, "申请已签名提交", "待预审", "办件编号", "提交申请", "创建申请", "剩余5个工作日", "咨询留言", "撤回申请")

	p = v.get("/my/applications")
	mustContain(t, "the list", p, "个体工商户设立登记", "待预审", "查看进度")
	p = v.get(base + "/edit")
	if p.Path != base {
		t.Errorf("the edit page of a submitted application stays at %s, want the tracking page", p.Path)
	}
}

// TestResidentAssetsAreServed: the pages' stylesheet and script are
// static files (the CSP forbids inline ones), cached by version.
func TestResidentAssetsAreServed(t *testing.T) {
	site := apptest.Start(t)
	v := signIn(t, site, "13812345604")
	id := v.start(itemFood, false)
	p := v.get("/my/applications/" + strconv.FormatInt(id, 10) + "/edit")
	for _, asset := range []string{"resident.css", "draft.js"} {
		m := regexp.MustCompile(`"(/static/approval/` + regexp.QuoteMeta(asset) + `\?v=[0-9a-f]+)"`).FindStringSubmatch(p.Body)
		if m == nil {
			t.Errorf("the edit page does not link %s", asset)
			continue
		}
		res, err := http.Get(site.URL + m[1])
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("GET %s = %d, Cache-Control %q", m[1], res.StatusCode, res.Header.Get("Cache-Control"))
		}
	}
	if strings.Contains(p.Body, "<style") || regexp.MustCompile(`<script>`).MatchString(p.Body) {
		t.Error("the edit page carries inline style or script")
	}
	if strings.Contains(p.Body, `id="parties"`) {
		t.Error("the form of an item without related persons asks for them")
	}
}

// TestResidentFormRefusesBadInput: a file that claims to be a PDF, a
// related person whose ID number fails the check digit and a stale page
// are each refused beside the field, and nothing is written.
func TestResidentFormRefusesBadInput(t *testing.T) {
	site := apptest.Start(t)
	v := signIn(t, site, "13812345601")
	id := v.start(itemSoleTrader, false)
	base := "/my/applications/" + strconv.FormatInt(id, 10)
	p := v.get(base + "/edit")
	rev := revision(t, p)

	fake := upload{"m." + itemSoleTrader + ".2", "场所证明.pdf", []byte("this is only text pretending to be a PDF")}
	p = v.postFiles(base+"/edit", url.Values{"revision": {rev}, "f.applicant_name": {"王小明"}}, fake)
	if p.Status != http.StatusBadRequest {
		t.Fatalf("a fake PDF answered %d, want 400", p.Status)
	}
	mustContain(t, "the fake PDF refusal", p, "不是真正的", `value="王小明"`)
	if p = v.get(base + "/edit"); strings.Contains(p.Body, "场所证明.pdf") || strings.Contains(p.Body, `value="王小明"`) || revision(t, p) != rev {
		t.Error("a refused upload still saved the form or the file")
	}

	form := url.Values{"revision": {rev}, "parties": {"1"}, "p.0.role": {"legal_rep"}, "p.0.kind": {"person"},
		"p.0.name": {"王小明"}, "p.0.code": {badCheckDigit(7)}}
	p = v.postFiles(base+"/edit", form)
	if p.Status != http.StatusBadRequest {
		t.Fatalf("a wrong check digit answered %d, want 400", p.Status)
	}
	mustContain(t, "the check digit refusal", p, "法定代表人的公民身份号码不正确", badCheckDigit(7))

	p = v.postFiles(base+"/edit", url.Values{"revision": {rev}, "f.premises": {"栖霞区仙林大道1号"}})
	if p.Status != http.StatusOK {
		t.Fatalf("a good save answered %d", p.Status)
	}
	p = v.postFiles(base+"/edit", url.Values{"revision": {rev}, "f.premises": {"栖霞区马群街道2号"}})
	if p.Status != http.StatusConflict {
		t.Fatalf("a stale page answered %d, want 409", p.Status)
	}
	mustContain(t, "the stale page", p, "重新载入最新内容", "栖霞区马群街道2号")
	if p = v.get(base + "/edit"); !strings.Contains(p.Body, "栖霞区仙林大道1号") {
		t.Error("the stale save overwrote the newer one")
	}

	p = v.post(base+"/submit", url.Values{"revision": {revision(t, p)}})
	if p.Status != http.StatusBadRequest {
		t.Fatalf("submitting a half-filled draft answered %d, want 400", p.Status)
	}
	mustContain(t, "the missing pieces", p, "需要补充或更正", "请填写经营者姓名", "请上传经营场所使用证明",
		`edit?check=1#form.applicant_name`, `edit?check=1#parties.legal_rep`)
	p = v.get(base + "/edit?check=1")
	mustContain(t, "the checked form", p, `class="field invalid" id="form.applicant_name"`, "请填写法定代表人的信息")
}

// TestResidentPagesAreOwnersOnly: other residents are told the
// application does not exist, anonymous visitors are sent to sign in.
func TestResidentPagesAreOwnersOnly(t *testing.T) {
	site := apptest.Start(t)
	owner := signIn(t, site, "13812345602")
	id := owner.start(itemFood, false)
	base := "/my/applications/" + strconv.FormatInt(id, 10)

	other := signIn(t, site, "13812345603")
	for _, path := range []string{base, base + "/edit", base + "/submit", base + "/withdraw"} {
		if p := other.get(path); p.Status != http.StatusNotFound {
			t.Errorf("another resident GET %s = %d, want 404", path, p.Status)
		}
	}
	other.get("/my/applications")
	for _, path := range []string{base + "/edit", base + "/withdraw", base + "/verify/start", base + "/messages"} {
		if p := other.postFiles(path, url.Values{"revision": {"1"}}); p.Status != http.StatusNotFound {
			t.Errorf("another resident POST %s = %d, want 404", path, p.Status)
		}
	}

	anon := newVisitor(t, site)
	for _, path := range []string{"/my/applications", base, base + "/edit", base + "/submit", base + "/withdraw",
		"/my/applications/new?item=" + itemFood, "/my/agents", "/my/agents/1"} {
		if p := anon.get(path); !strings.HasPrefix(p.Path, "/login?next=") {
			t.Errorf("anonymous GET %s ended at %s (%d), want the sign-in page", path, p.Path, p.Status)
		}
	}
	anon.get("/login")
	if p := anon.post("/my/applications", url.Values{"item": {itemFood}}); !strings.HasPrefix(p.Path, "/login?next=%2Fmy%2Fapplications%2Fnew") {
		t.Errorf("anonymous start ended at %s, want the sign-in page returning to the confirm page", p.Path)
	}
	for _, path := range []string{base + "/edit", base + "/submit", base + "/withdraw", base + "/resume", base + "/messages",
		base + "/verify/start", "/my/agents", "/my/agents/1/authorise", "/my/agents/1/revoke"} {
		if p := anon.post(path, nil); p.Status != http.StatusUnauthorized {
			t.Errorf("anonymous POST %s = %d, want 401", path, p.Status)
		}
	}
}

// TestResidentTableRowsWithoutScript: "再加一行" and "删除此行" work with
// plain form posts; empty rows are not saved.
func TestResidentTableRowsWithoutScript(t *testing.T) {
	site := apptest.Start(t)
	v := signIn(t, site, "13812345605")
	id := v.start(itemFood, false)
	base := "/my/applications/" + strconv.FormatInt(id, 10)
	p := v.get(base + "/edit")
	if strings.Contains(p.Body, `name="t.staff.1.name"`) || !strings.Contains(p.Body, `name="t.staff.0.name"`) {
		t.Fatal("a new form should offer exactly one empty staff row")
	}
	row := func(i int, name string) url.Values {
		n := strconv.Itoa(i)
		return url.Values{"t.staff." + n + ".name": {name}, "t.staff." + n + ".id_number": {idNumber(200 + i)},
			"t.staff." + n + ".health_cert_date": {"2026-01-05"}}
	}
	form := row(0, "李四")
	form.Set("revision", revision(t, p))
	form.Set("rows.staff", "1")
	form.Set("action", "addrow:staff")
	p = v.postFiles(base+"/edit", form)
	if !strings.Contains(p.Path, "add=staff") || !strings.Contains(p.Body, `name="t.staff.1.name"`) {
		t.Fatalf("再加一行 ended at %s without a second row", p.Path)
	}
	form = row(0, "李四")
	for k, x := range row(1, "赵六") {
		form[k] = x
	}
	form.Set("revision", revision(t, p))
	form.Set("rows.staff", "3")
	form.Set("action", "delrow:staff:0")
	p = v.postFiles(base+"/edit", form)
	if strings.Contains(p.Body, `value="李四"`) || !strings.Contains(p.Body, `name="t.staff.0.name" type="text" value="赵六"`) {
		t.Errorf("删除此行 left %q rows", regexp.MustCompile(`value="(李四|赵六)"`).FindAllString(p.Body, -1))
	}
	if strings.Contains(p.Body, `name="t.staff.2.name"`) {
		t.Error("an empty row was saved")
	}
}
