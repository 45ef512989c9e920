package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
)

// The applicant of the refused journey: the credit module's demo person
// with an unrepaired 严重失信 record who is on the 严重失信主体名单 (app.SeedDemo
// loads them). The carrier simulator answers a match for any name and ID
// number on this phone, so the real-name check verifies that identity.
const (
	dishonestPhone = "13912345602"
	dishonestName  = "张伟"
)

// TestSeriouslyDishonestApplicantIsRefused: the black-listed person, on a
// phone, applies for 个体工商户设立登记 alone (not the bundle) as its
// 经营者 and 法定代表人, verifies their identity and signs; the credit
// admission refuses the submission and the submit page says why, without
// showing the ID number; the application stays a draft.
func TestSeriouslyDishonestApplicantIsRefused(t *testing.T) {
	s := startSite(t)
	files := t.TempDir()
	tb := newBrowser(t, s.URL, phoneScreen)
	signInResident(tb, s, dishonestPhone)

	tb.open("/services/" + itemSoleTrader)
	tb.follow("tap 在线申请（含证照联办）", tap(`a.button[href^="/my/applications/new?item=`+itemSoleTrader+`"]`))
	tb.do("choose 只申请本事项", pick("bundle", "0"))
	tb.follow("tap 开始填写", tap(`form[action="/my/applications"] button[type="submit"]`))
	id := appIDFrom(tb)
	if h1 := tb.text("h1"); h1 != "个体工商户设立登记" {
		tb.failed("the edit page", unexpected(h1, "want the item alone"))
	}

	tb.do("fill in the form",
		typeInto(`input[name="f.applicant_name"]`, dishonestName),
		typeInto(`input[name="f.id_number"]`, credit.DemoSeriousPerson),
		typeInto(`input[name="f.phone"]`, dishonestPhone),
		typeInto(`input[name="f.premises"]`, "南京市栖霞区马群街道马群新街8号"),
		pick("f.business_scope", "日用百货零售"),
		typeInto(`input[name="f.capital"]`, "3"),
		pick("f.form_kind", "个人经营"),
		pickOption(`select[name="p.0.role"]`, "legal_rep"),
		pick("p.0.kind", "person"),
		typeInto(`input[name="p.0.name"]`, dishonestName),
		typeInto(`input[name="p.0.code"]`, credit.DemoSeriousPerson),
		upload("m."+itemSoleTrader+".2", saveFile(t, files, "租赁合同.pdf", smallPDF)))
	saveDraft(tb)
	tb.follow("tap 核验并提交", tap(`.sticky-actions button[value="submit"]`))
	verifyIdentity(tb, s, dishonestName, credit.DemoSeriousPerson, dishonestPhone, saveFile(t, files, "face.png", facePhoto(t)))

	status := tb.follow("tap 签名并提交", tap(`form[action="/my/applications/`+id+`/submit"] button[type="submit"]`))
	alert := tb.texts(`[role="alert"]`)
	if status != http.StatusForbidden || len(alert) != 1 {
		tb.failed("submit", pageError{status, alert})
	}
	for _, want := range []string{"信用准入未通过，暂不能提交", "严重失信", "法定代表人", "信用修复"} {
		if !strings.Contains(alert[0], want) {
			t.Errorf("the refusal %q lacks %q", alert[0], want)
		}
	}
	if strings.Contains(tb.dom(), credit.DemoSeriousPerson) {
		t.Error("the refusal page shows the ID number unmasked")
	}
	tb.screenshot("e2e-credit-refused")

	tb.open("/my/applications/" + id)
	if state := tb.text(".state-box .state"); state != "草稿" {
		t.Errorf("after the refusal the application is %q, want 草稿", state)
	}
}
