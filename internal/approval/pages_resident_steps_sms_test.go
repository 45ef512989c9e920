package approval_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
)

// passCode does the SMS code step of verification vid on the page base:
// asks for the code, reads it from the site's recording SMS adapter, as a
// resident reads their phone, and enters it. It returns the next page.
func (v *visitor) passCode(base, vid, phone string) page {
	v.t.Helper()
	p := v.post(base+"/verify/sms", url.Values{"v": {vid}})
	if p.Status != http.StatusOK {
		v.t.Fatalf("asking for the verification code answered %d: %.400s", p.Status, p.Body)
	}
	code, ok := v.site.SMS.LastCode(phone)
	if !ok {
		v.t.Fatalf("no verification code texted to %s", phone)
	}
	return v.post(base+"/verify/code", url.Values{"v": {vid}, "code": {code}})
}

// TestResidentSMSCodeStep: after the carrier check the submit page asks
// for a fresh SMS code to the verified phone (masked); entering a code
// before asking, asking again at once and a wrong code are refused on the
// page; the right code leads to the face step.
func TestResidentSMSCodeStep(t *testing.T) {
	const phone = "13812345681"
	site := apptest.Start(t)
	v := signIn(t, site, phone)
	base := "/my/applications/" + strconv.FormatInt(v.start(itemSoleTrader, true), 10)
	vid := verification(t, v.post(base+"/verify/start", nil))
	p := v.post(base+"/verify/carrier", url.Values{"v": {vid}, "name": {"王小明"}, "id_number": {idNumber(101)}, "phone": {phone}})
	mustContain(t, "the code step", p, "短信验证", "获取短信验证码", "138****5681", "王*")
	if strings.Contains(p.Body, phone) || strings.Contains(p.Body, idNumber(101)) {
		t.Error("the code step shows the phone or the ID number unmasked")
	}

	p = v.post(base+"/verify/code", url.Values{"v": {vid}, "code": {"123456"}})
	if p.Status != http.StatusBadRequest {
		t.Errorf("a code before asking answered %d, want 400", p.Status)
	}
	mustContain(t, "a code before asking", p, "请先获取短信验证码")

	p = v.post(base+"/verify/sms", url.Values{"v": {vid}})
	mustContain(t, "the code sent", p, `id="v-code"`, `autocomplete="one-time-code"`, "提交验证码", "重新获取验证码", "5分钟内有效")
	code, _ := site.SMS.LastCode(phone)
	if strings.Contains(p.Body, code) {
		t.Error("the page shows the code")
	}
	if p = v.post(base+"/verify/sms", url.Values{"v": {vid}}); p.Status != http.StatusTooManyRequests {
		t.Errorf("asking again at once answered %d, want 429", p.Status)
	}
	mustContain(t, "asking again at once", p, "秒后再重新获取")

	wrong := "000000"
	if code == wrong {
		wrong = "000001"
	}
	p = v.post(base+"/verify/code", url.Values{"v": {vid}, "code": {wrong}})
	if p.Status != http.StatusBadRequest {
		t.Errorf("a wrong code answered %d, want 400", p.Status)
	}
	mustContain(t, "a wrong code", p, "验证码不正确，还可以尝试4次", `aria-invalid="true"`, `id="v-code-err"`)

	p = v.post(base+"/verify/code", url.Values{"v": {vid}, "code": {code}})
	mustContain(t, "the face step", p, "实名核验和短信验证已通过", `capture="user"`)
}
