package license_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc/pdftest"
)

// pdfOf renders licence id for actor and parses it back.
func pdfOf(t *testing.T, f *fixture, actor *authz.Actor, id int64) ([]byte, pdftest.Info) {
	t.Helper()
	p, err := f.s.PDF(f.ctx, actor, id)
	if err != nil {
		t.Fatalf("PDF: %v", err)
	}
	if !bytes.HasPrefix(p.Bytes, []byte("%PDF")) {
		t.Fatalf("PDF starts %q", p.Bytes[:min(len(p.Bytes), 8)])
	}
	info, err := pdftest.Parse(p.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return p.Bytes, info
}

func TestPDFShowsTheLicence(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	b, info := pdfOf(t, f, holder, l.ID)
	if info.Pages != 1 {
		t.Errorf("%d pages, want 1", info.Pages)
	}
	for _, want := range []string{"食品经营许可证", "编号：" + l.Meta.Number, "证照标识：" + l.Meta.Identifier,
		"张三", personID, "公民身份号码", "栖霞区仙林大道1号", "餐饮服务经营者", "2026年3月2日至2031年3月1日",
		"南京市栖霞区市场监督管理局", "扫码核验真伪"} {
		if !info.HasText(want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	for _, not := range []string{"演示证照", "本打印件不能作为有效证照使用"} {
		if info.HasText(not) {
			t.Errorf("a current licence's PDF says %q", not)
		}
	}
	if !bytes.Contains(b, []byte("/Subtype /Image")) {
		t.Error("the PDF carries no seal mark image")
	}
}

func TestPDFOverprintsLicencesNotCurrent(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	if _, err := f.s.Suspend(f.ctx, approverA, l.ID, license.StatusInput{Reason: "责令整改"}); err != nil {
		t.Fatal(err)
	}
	_, info := pdfOf(t, f, holder, l.ID)
	for _, want := range []string{"已暂扣", "本证照已暂扣（责令整改），本打印件不能作为有效证照使用。"} {
		if !info.HasText(want) {
			t.Errorf("suspended: the PDF lacks %q", want)
		}
	}
	if _, err := f.s.Reinstate(f.ctx, approverA, l.ID, license.StatusInput{Reason: "整改完成"}); err != nil {
		t.Fatal(err)
	}
	nv, err := f.s.Renew(f.ctx, approverA, l.ID, license.RenewInput{ValidFrom: "2026-03-02", ValidUntil: "2036-03-01", Reason: "延续"})
	if err != nil {
		t.Fatal(err)
	}
	if _, info = pdfOf(t, f, holder, l.ID); !info.HasText("已被新版本替代") {
		t.Error("superseded: no overprint")
	}
	if _, info = pdfOf(t, f, holder, nv.ID); info.HasText("本打印件不能作为有效证照使用") || !info.HasText("2026年3月2日至2036年3月1日") {
		t.Error("the new version is not printed as current")
	}
	if _, err := f.s.Revoke(f.ctx, approverA, nv.ID, license.StatusInput{Reason: "告知承诺不实"}); err != nil {
		t.Fatal(err)
	}
	if _, info = pdfOf(t, f, holder, nv.ID); !info.HasText("已吊销") || !info.HasText("本证照已吊销（告知承诺不实），本打印件不能作为有效证照使用。") {
		t.Error("revoked: no overprint")
	}
}

func TestPDFExpiredOverprint(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	f.clock.Set(start.AddDate(6, 0, 0))
	if _, info := pdfOf(t, f, holder, l.ID); !info.HasText("已过有效期") {
		t.Error("expired: no overprint")
	}
}

func TestPDFDemoMark(t *testing.T) {
	f := newFixtureWith(t, license.WithBaseURL(testBase), license.WithDemoMark(true))
	l := f.issue(t)
	b, info := pdfOf(t, f, holder, l.ID)
	if !info.HasText("演示证照 · 不具法律效力") {
		t.Error("the demo PDF lacks its red line")
	}
	if bytes.Contains(b, []byte("/Subtype /Image")) {
		t.Error("a seal image without a mark source")
	}
}

func TestPDFPermissions(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	for _, tc := range []struct {
		name  string
		actor *authz.Actor
		code  apperr.Code
	}{
		{"holder may", holder, ""},
		{"approver of the issuing department may", approverA, ""},
		{"administrator may", admin, ""},
		{"another resident may not (not found)", stranger, apperr.CodeNotFound},
		{"approver of another department may not", approverB, apperr.CodeForbidden},
		{"front desk may not", frontDesk, apperr.CodeForbidden},
		{"anonymous may not", nil, apperr.CodeUnauthorized},
	} {
		_, err := f.s.PDF(f.ctx, tc.actor, l.ID)
		if apperr.CodeOf(err) != tc.code && !(tc.code == "" && err == nil) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	_, err := f.s.PDF(f.ctx, holder, l.ID+100)
	wantCode(t, err, apperr.CodeNotFound)
}

func TestPDFRefusals(t *testing.T) {
	f := newFixtureWith(t)
	l := f.issue(t)
	_, err := f.s.PDF(f.ctx, holder, l.ID)
	wantCode(t, err, apperr.CodeUnavailable)

	f = newFixtureWith(t, license.WithBaseURL(testBase), license.WithMarks(testMarks{fail: true}))
	l = f.issue(t)
	if _, err = f.s.PDF(f.ctx, holder, l.ID); err == nil || !strings.Contains(err.Error(), "no seal") {
		t.Errorf("a failing mark source: %v", err)
	}

	f = newFixture(t)
	l = f.issue(t)
	if _, err := f.d.Write.ExecContext(f.ctx, f.d.Rebind(`UPDATE licences SET meta_json = REPLACE(meta_json, '仙林大道1号', '仙林大道2号') WHERE id = ?`), l.ID); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.PDF(f.ctx, holder, l.ID)
	wantCode(t, err, apperr.CodeConflict)
}

func TestBaseURLIsChecked(t *testing.T) {
	f := newFixture(t)
	for _, bad := range []string{"ftp://x", "/relative", "http://", "http://h/?q=1", "http://u:p@h"} {
		if _, err := license.New(f.d, gmtest.Keyring(t), gmtest.Indexer(t), f.sealer, nil, license.WithBaseURL(bad)); err == nil {
			t.Errorf("base URL %q accepted", bad)
		}
	}
	s, err := license.New(f.d, gmtest.Keyring(t), gmtest.Indexer(t), f.sealer, nil, license.WithBaseURL("https://zwfw.example.cn/sub/"))
	if err != nil || s == nil {
		t.Fatalf("good base URL: %v", err)
	}
}

// TestPDFLongDataFlows gives a licence more data than a page holds: the
// rows go on over a second page and the foot still follows.
func TestPDFLongDataFlows(t *testing.T) {
	f := newFixture(t)
	in := input()
	for i := 1; i <= 30; i++ {
		in.Data[fmt.Sprintf("经营项目%02d", i)] = strings.Repeat("预包装食品销售（含冷藏冷冻食品）、", 3) + fmt.Sprintf("第%02d项", i)
	}
	l, err := f.s.Issue(f.ctx, approverA, in)
	if err != nil {
		t.Fatal(err)
	}
	_, info := pdfOf(t, f, holder, l.ID)
	if info.Pages < 2 {
		t.Fatalf("%d pages for 30 long rows", info.Pages)
	}
	for _, want := range []string{"第01项", "第30项", "证照标识：" + l.Meta.Identifier} {
		if !info.HasText(want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
