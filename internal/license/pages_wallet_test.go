package license_test

import (
	"bytes"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc/pdftest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

// form posts a page form as who, with the session's CSRF token in the
// form unless csrf is false (never in the header: a page form has none).
func (s *site) form(target, who string, values url.Values, csrf bool) *httptest.ResponseRecorder {
	if csrf {
		values.Set(web.CSRFField, webtest.CSRF(who))
	}
	r := webtest.Request("POST", target, who, strings.NewReader(values.Encode()), webtest.FormCT)
	r.Header.Del(web.CSRFHeader)
	return webtest.Serve(s.rt, r)
}

// page checks a response's status and that its body has every want and
// none of not.
func page(t *testing.T, name string, w *httptest.ResponseRecorder, status int, want []string, not ...string) string {
	t.Helper()
	body := w.Body.String()
	if w.Code != status {
		t.Errorf("%s: status %d, want %d: %.400s", name, w.Code, status, body)
	}
	for _, s := range want {
		if !strings.Contains(body, s) {
			t.Errorf("%s: the page lacks %q", name, s)
		}
	}
	for _, s := range not {
		if strings.Contains(body, s) {
			t.Errorf("%s: the page shows %q", name, s)
		}
	}
	return body
}

func TestWalletPage(t *testing.T) {
	s := newSite(t)
	old := s.issue(t)
	nv, err := s.s.Change(s.ctx, approverA, old.ID, license.ChangeInput{Data: map[string]string{"经营场所": "新址"}, Reason: "变更"})
	if err != nil {
		t.Fatal(err)
	}
	in := input()
	in.TypeCode, in.Name = "YPJY", "药品经营许可证"
	revoked, err := s.s.Issue(s.ctx, approverA, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.s.Revoke(s.ctx, approverA, revoked.ID, license.StatusInput{Reason: "告知承诺不实"}); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(nv.ID, 10)
	body := page(t, "holder", s.do("GET", "/my/licences", "holder", nil), 200,
		[]string{"食品经营许可证", "药品经营许可证", "有效", "已吊销", "原因：告知承诺不实", "历史版本（1）", "第 1 版",
			`href="/my/licences/` + id + `/pdf"`, `href="/api/v1/licences/` + id + `/export"`,
			`action="/my/licences/` + id + `/shares"`, `<option value="1d" selected>1天</option>`,
			"/licences/verify?id=" + url.QueryEscape(nv.Meta.Identifier)}, personID)
	if strings.Index(body, "食品经营许可证") > strings.Index(body, "药品经营许可证") {
		t.Error("the revoked licence is listed before the current one")
	}
	if strings.Contains(body, `action="/my/licences/`+strconv.FormatInt(revoked.ID, 10)+`/shares"`) {
		t.Error("a revoked licence offers sharing")
	}
	css := regexp.MustCompile(`href="(/static/license/license\.css\?v=[0-9a-f]{12})"`).FindStringSubmatch(body)
	if css == nil || s.do("GET", css[1], "", nil).Code != 200 {
		t.Errorf("the stylesheet is not linked or not served: %v", css)
	}
	page(t, "empty wallet", s.do("GET", "/my/licences", "stranger", nil), 200, []string{"您还没有电子证照", "办件审批通过后"})
	page(t, "staff may not", s.do("GET", "/my/licences", "approverA", nil), 403, nil)
	if w := s.do("GET", "/my/licences", "", nil); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login") {
		t.Errorf("anonymous: %d %s", w.Code, w.Header().Get("Location"))
	}
}

func TestPDFRoutes(t *testing.T) {
	s := newSite(t)
	l := s.issue(t)
	id := strconv.FormatInt(l.ID, 10)
	for _, tc := range []struct {
		name, path, who string
		status          int
	}{
		{"holder may", "/my/licences/" + id + "/pdf", "holder", 200},
		{"issuing approver may", "/console/licences/" + id + "/pdf", "approverA", 200},
		{"issuing approver may by the wallet path too", "/my/licences/" + id + "/pdf", "approverA", 200},
		{"another resident may not", "/my/licences/" + id + "/pdf", "stranger", 404},
		{"another department may not", "/console/licences/" + id + "/pdf", "approverB", 403},
		{"bad id", "/my/licences/x/pdf", "holder", 400},
	} {
		w := s.do("GET", tc.path, tc.who, nil)
		if w.Code != tc.status {
			t.Errorf("%s: %d", tc.name, w.Code)
			continue
		}
		if tc.status != 200 {
			continue
		}
		info, err := pdftest.Parse(w.Body.Bytes())
		if err != nil || w.Header().Get("Content-Type") != "application/pdf" || !info.HasText("证照标识："+l.Meta.Identifier) ||
			w.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %v %v", tc.name, w.Header(), err)
		}
	}
}

var shareLinkRe = regexp.MustCompile(`value="(http://127\.0\.0\.1:8080/licences/shared/[A-Za-z0-9_-]{43})"`)
var qrPathRe = regexp.MustCompile(`src="(/my/licences/shares/\d+/qr\.png\?t=[A-Za-z0-9_-]{43})"`)

func TestSharePages(t *testing.T) {
	s := newSite(t)
	l := s.issue(t)
	path := "/my/licences/" + strconv.FormatInt(l.ID, 10) + "/shares"
	page(t, "no CSRF", s.form(path, "holder", url.Values{"lifetime": {"7d"}}, false), 403, nil)
	page(t, "bad lifetime", s.form(path, "holder", url.Values{"lifetime": {"30d"}}, true), 400, []string{"有效期只能选择1小时、1天或7天"})
	page(t, "stranger", s.form(path, "stranger", url.Values{"lifetime": {"1d"}}, true), 404, nil)
	body := page(t, "create", s.form(path, "holder", url.Values{"lifetime": {"7d"}}, true), 200,
		[]string{"分享链接已生成", "有效期7天", "食品经营许可证"})
	link, qr := shareLinkRe.FindStringSubmatch(body), qrPathRe.FindStringSubmatch(body)
	if link == nil || qr == nil {
		t.Fatalf("no link or QR on the page: %s", body)
	}
	w := s.do("GET", strings.ReplaceAll(qr[1], "&amp;", "&"), "holder", nil)
	if img, err := png.Decode(bytes.NewReader(w.Body.Bytes())); w.Code != 200 || err != nil || img.Bounds().Dx() < 150 {
		t.Fatalf("QR: %d %v", w.Code, err)
	}
	page(t, "QR of another", s.do("GET", qr[1], "stranger", nil), 404, nil)
	shared := strings.TrimPrefix(link[1], testBase)
	page(t, "open", s.do("GET", shared, "", nil), 200,
		[]string{"真实有效", "照面信息", "栖霞区仙林大道1号", "餐饮服务经营者", "张*", gm.MaskIDNumber(personID)}, personID, "张三")
	page(t, "wallet lists the share", s.do("GET", "/my/licences", "holder", nil), 200, []string{"已查看 1 次", "撤销"})
	var shareID int64
	if err := s.d.QueryRow(s.ctx, `SELECT id FROM licence_shares`).Scan(&shareID); err != nil {
		t.Fatal(err)
	}
	revoke := "/my/licences/shares/" + strconv.FormatInt(shareID, 10) + "/revoke"
	page(t, "stranger may not revoke", s.form(revoke, "stranger", url.Values{}, true), 404, nil)
	if w := s.form(revoke, "holder", url.Values{}, true); w.Code != http.StatusSeeOther {
		t.Fatalf("revoke: %d", w.Code)
	}
	page(t, "revoked", s.do("GET", shared, "", nil), 410, []string{"分享链接已失效"}, "栖霞区仙林大道1号")
	page(t, "unknown", s.do("GET", license.SharedPath+"/"+strings.Repeat("A", 43), "", nil), 404, []string{"分享链接不存在"})
	page(t, "wallet after revoking", s.do("GET", "/my/licences?done=revoked", "holder", nil), 200, []string{"分享链接已撤销"}, "已查看 1 次")
}

func TestSharePageExpires(t *testing.T) {
	s := newSite(t)
	l := s.issue(t)
	ns, err := s.s.CreateShare(s.ctx, holder, l.ID, license.ShareInput{Lifetime: "1h"})
	if err != nil {
		t.Fatal(err)
	}
	shared := strings.TrimPrefix(ns.URL, testBase)
	page(t, "in time", s.do("GET", shared, "", nil), 200, []string{"真实有效"})
	s.clock.Advance(61 * 60e9)
	page(t, "expired", s.do("GET", shared, "", nil), 410, []string{"分享链接已失效", "已过期或已被持证人撤销"})
}
