package approval_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
)

// TestResidentSeesCreditRefusal: a legal representative on the serious
// dishonesty list stops the submission; the page says so plainly with the
// reasons and the application stays a draft.
func TestResidentSeesCreditRefusal(t *testing.T) {
	site := apptest.Start(t)
	if err := site.App.Credit.SeedDemo(context.Background(), "320113"); err != nil {
		t.Fatal(err)
	}
	v := signIn(t, site, "13812345631")
	id := v.start(itemSoleTrader, true)
	base := "/my/applications/" + strconv.FormatInt(id, 10)
	p := v.get(base + "/edit")
	form := filledForm(revision(t, p))
	form.Set("f.phone", "13812345631")
	form.Set("p.0.name", "张伟")
	form.Set("p.0.code", credit.DemoSeriousPerson)
	if p = v.postFiles(base+"/edit", form, materials()...); p.Status != http.StatusOK {
		t.Fatalf("saving answered %d", p.Status)
	}
	p = v.post(base+"/verify/start", nil)
	vid := verification(t, p)
	v.post(base+"/verify/carrier", url.Values{"v": {vid}, "name": {"王小明"}, "id_number": {idNumber(101)}, "phone": {"13812345631"}})
	v.passCode(base, vid, "13812345631")
	p = v.postFiles(base+"/verify/face", url.Values{"v": {vid}}, upload{"image", "face.png", facePhoto(t)})
	p = v.post(base+"/submit", url.Values{"revision": {revision(t, p)}, "v": {vid}})
	if p.Status != http.StatusForbidden {
		t.Fatalf("submitting with a seriously dishonest legal representative answered %d, want 403", p.Status)
	}
	mustContain(t, "the refusal", p, "信用准入未通过，暂不能提交", "严重失信", "信用修复")
	if strings.Contains(p.Body, credit.DemoSeriousPerson) {
		t.Error("the refusal shows the ID number unmasked")
	}
	p = v.get(base)
	mustContain(t, "the refused draft", p, "草稿", "信用准入未通过", "继续填写")
}
