package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/notify"
)

// TestLicenceWalletShareAndPickup follows the demo's approved application
// after its decision: the licences reach the resident's wallet, she shares
// one with a time-limited link that a stranger opens and sees verified,
// chooses pickup at 尧化街道政务服务中心, and the front desk there hands
// the licences over against the pickup code and her ID number.
func TestLicenceWalletShareAndPickup(t *testing.T) {
	s := startSite(t)
	ctx := context.Background()
	if err := s.App.StartJobs(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.App.Jobs.Stop(context.Background()) })
	const resident = "13800000001"
	issued := func(m notify.SMS) bool { return strings.Contains(m.Text, "食品经营许可证") }
	if _, ok := s.SMS.WaitFor(resident, issued, 30*time.Second); !ok {
		t.Fatal("the food licence was never issued to the demo resident")
	}
	phone := newBrowser(t, s.URL, phoneScreen)
	signInResident(phone, s, resident)

	phone.open("/my/licences")
	names := strings.Join(phone.texts(`.licence-list h2`), "、")
	if !strings.Contains(names, "营业执照") || !strings.Contains(names, "食品经营许可证") {
		phone.failed("read the wallet", unexpected(names, "want 营业执照 and 食品经营许可证"))
	}
	phone.screenshot("e2e-licence-wallet")

	phone.follow("tap 分享 on the first licence", tap(`.share-form button[type="submit"]`))
	link := inputValue(phone, "#share-link")
	if !strings.Contains(link, "/licences/shared/") {
		phone.failed("create a share link", unexpected(link))
	}
	stranger := phone.freshContext()
	path := link[strings.Index(link, "/licences/shared/"):]
	if got := stranger.open(path); got != http.StatusOK {
		stranger.failed("open the shared link", pageError{got, stranger.texts(`h1, [role="alert"]`)})
	}
	if page := stranger.text("main"); !strings.Contains(page, "有效") || strings.Contains(page, app.DemoResidentIDNumber()) {
		stranger.failed("read the shared licence", unexpected(page))
	}
	stranger.screenshot("e2e-licence-shared")

	code := choosePickup(t, phone, s)
	desk := newBrowser(t, s.URL, desktopScreen)
	desk.open("/console/login")
	signInStaff(desk, "qianmo.yaohua", app.DemoPassword)
	desk.open("/console/deliveries/pickup")
	desk.follow("open the waiting delivery", tap(`a[href^="/console/deliveries/pickup/"]`))
	prints := strings.Join(desk.texts(`a[href*="/documents/"]`), "、")
	if !strings.Contains(prints, "营业执照") || !strings.Contains(prints, "食品经营许可证") {
		desk.failed("find the paper copies to print", unexpected(prints))
	}
	if got := fetchFirst(desk, `a[href*="/documents/"]`); got != "200 application/pdf" {
		desk.failed("print the paper copy", unexpected(got))
	}
	desk.do("enter the code and the ID number",
		chromedp.SendKeys(chromedp.CSS(`#f-code`), code), chromedp.SendKeys(chromedp.CSS(`#f-id`), app.DemoResidentIDNumber()))
	desk.follow("tap 交付", tap(`form[action^="/console/deliveries/pickup/"] button[type="submit"]`))
	if page := desk.text("main"); !strings.Contains(page, "已交付") && !strings.Contains(page, "已领取") {
		desk.failed("hand over", unexpected(page))
	}
	desk.screenshot("e2e-licence-handover")
}

// choosePickup chooses pickup at 尧化街道政务服务中心 on the phone and
// returns the pickup code the page shows.
func choosePickup(t *testing.T, phone *tab, s *site) string {
	t.Helper()
	phone.open("/my/deliveries")
	phone.follow("tap 选择领取方式", tap(`a.button[href^="/my/deliveries/"]`))
	phone.do("pick 尧化街道政务服务中心", pickOption(`#f-point`, "320113001P01"))
	phone.follow("tap 选择同城取件", tap(`form[action$="/pickup"] button[type="submit"]`))
	code := phone.text(".pickup-code")
	if len(code) != 6 {
		phone.failed("read the pickup code", unexpected(code))
	}
	phone.screenshot("e2e-delivery-code")
	return code
}

// inputValue is the current value of the one input matching selector.
func inputValue(tb *tab, selector string) string {
	tb.t.Helper()
	quoted, _ := json.Marshal(selector)
	var out string
	tb.step("read "+selector, func(ctx context.Context) (err error) {
		out, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(`+string(quoted)+`).value`))
		return err
	})
	return out
}

// fetchFirst fetches the first link matching selector with the tab's
// session and answers the status and the content type.
func fetchFirst(tb *tab, selector string) string {
	tb.t.Helper()
	quoted, _ := json.Marshal(selector)
	var out string
	tb.step("fetch "+selector, func(ctx context.Context) (err error) {
		out, err = chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector(`+string(quoted)+`).href)`+
			`.then(r => r.status + " " + r.headers.get("content-type"))`, chromedp.EvalAwaitPromise))
		return err
	})
	return out
}
