package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shanzhi-gov/shanzhi/internal/notify"
)

const (
	residentPhone  = "13800000001"
	residentMasked = "138****0001"
)

// TestResidentSignsInByPhone follows a resident on a phone: from the home
// page to the SMS sign-in, the account page (which shows the number only
// masked) and back out.
func TestResidentSignsInByPhone(t *testing.T) {
	s := startSite(t)
	tb := newBrowser(t, s.URL, phoneScreen)

	if got := tb.open("/"); got != http.StatusOK {
		t.Fatalf("GET / = %d", got)
	}
	tb.follow("tap 手机号登录", chromedp.Tap(chromedp.CSS(`.hero a[href="/login"]`)))
	if p := tb.path(); p != "/login" || tb.text("h1") != "手机号登录" {
		t.Fatalf("the home page's sign-in button led to %s (%q)", p, tb.text("h1"))
	}

	tb.do("enter the phone number", chromedp.SendKeys(chromedp.CSS(`input[name="phone"]`), residentPhone))
	if !strings.Contains(tb.dom(), residentPhone) {
		t.Fatal("the page reader misses typed values, so it cannot vouch for the pages below")
	}
	if got := tb.follow("request the code", chromedp.Tap(chromedp.CSS(`form[action="/login/sms-code"] button[type="submit"]`))); got != http.StatusOK {
		t.Fatalf("requesting the code answered %d: %q", got, tb.texts(`[role="alert"]`))
	}
	if notice := tb.text(`[role="status"]`); !strings.Contains(notice, "验证码已发送至 "+residentMasked) {
		t.Errorf("the code step says %q, want the masked number", notice)
	}
	if strings.Contains(tb.dom(), residentPhone) {
		t.Error("the code step carries the raw phone number")
	}
	sms, ok := s.SMS.WaitFor(residentPhone, func(m notify.SMS) bool { return strings.Contains(m.Text, "登录验证码") }, 5*time.Second)
	if !ok {
		t.Fatalf("no sign-in code was texted to %s; texts: %+v", residentPhone, s.SMS.Messages())
	}
	code, ok := s.SMS.LastCode(residentPhone)
	if !ok {
		t.Fatalf("no 6-digit code in %q", sms.Text)
	}

	tb.do("enter the code", chromedp.SendKeys(chromedp.CSS(`input[name="code"]`), code))
	if got := tb.follow("sign in", chromedp.Tap(chromedp.CSS(`form[action="/login/resident"] button[type="submit"]`))); got != http.StatusOK {
		t.Fatalf("signing in answered %d: %q", got, tb.texts(`[role="alert"], .error`))
	}
	if p := tb.path(); p != "/account" {
		t.Fatalf("signed in, the resident landed on %s, want /account", p)
	}
	if row := phoneRow(tb); !strings.Contains(row, residentMasked) {
		t.Errorf("the account page shows the phone as %q, want %s", row, residentMasked)
	}
	if strings.Contains(tb.dom(), residentPhone) {
		t.Error("the account page carries the raw phone number somewhere in its DOM")
	}
	tb.screenshot("e2e-resident-account")

	tb.follow("tap 退出", chromedp.Tap(chromedp.CSS(`header form[action="/logout"] button[type="submit"]`)))
	if p := tb.path(); !strings.HasPrefix(p, "/login") {
		t.Fatalf("after logging out the resident is on %s, want the sign-in page", p)
	}
	if notice := tb.texts(`[role="status"]`); len(notice) != 1 || notice[0] != "您已安全退出。" {
		t.Errorf("after logging out the page says %q, want 您已安全退出。", notice)
	}
	tb.open("/account")
	if p := tb.path(); p != "/login?next=%2Faccount" {
		t.Fatalf("/account after logging out shows %s, want the sign-in page", p)
	}
	tb.screenshot("e2e-resident")
}

// phoneRow is the text of the account page's 手机号 row.
func phoneRow(tb *tab) string {
	tb.t.Helper()
	for _, row := range tb.texts(`table.kv tr`) {
		if strings.HasPrefix(row, "手机号") {
			return row
		}
	}
	tb.failed("find the 手机号 row", fmt.Errorf("rows: %q", tb.texts(`table.kv tr`)))
	return ""
}
