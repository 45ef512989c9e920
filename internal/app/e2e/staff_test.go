package e2e

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shanzhi-gov/shanzhi/internal/app"
)

// Qixia's organisation as the demo seeds it.
const (
	qixiaStreets    = 9
	yaohuaStreet    = "320113001"
	yaohuaCommunity = "320113001001"
)

// TestStaffBrowseTheOrganisation follows an administrator on a desktop
// from the console's sign-in to the organisation tree, street by street
// down to the grids; then a grid worker, in a browser context of their
// own, who sees no staff management and is refused it.
func TestStaffBrowseTheOrganisation(t *testing.T) {
	s := startSite(t)
	admin := newBrowser(t, s.URL, desktopScreen)

	admin.open("/console")
	if p := admin.path(); p != "/console/login?next=%2Fconsole" {
		t.Fatalf("/console for a visitor shows %s, want the staff sign-in", p)
	}
	signInStaff(admin, "admin", app.DemoPassword)
	if p, h1 := admin.path(), admin.text("main h1"); p != "/console" || h1 != "工作台" {
		t.Fatalf("the administrator landed on %s (%q), want the 工作台 at /console", p, h1)
	}
	nav := consoleNav(admin)
	for _, want := range []string{"组织机构", "人员与权限"} {
		if !slices.Contains(nav, want) {
			t.Errorf("the administrator's nav %q lacks %s", nav, want)
		}
	}

	admin.follow("click 组织机构", chromedp.Click(chromedp.CSS(`nav.console-nav a[href="/console/org"]`)))
	streets := admin.texts(`main tbody a[href^="/console/org/streets/"]`)
	if len(streets) != qixiaStreets || !slices.Contains(streets, "尧化街道") {
		t.Fatalf("组织机构 lists the streets %q, want %d with 尧化街道", streets, qixiaStreets)
	}

	admin.follow("click 尧化街道", chromedp.Click(chromedp.CSS(`main a[href="/console/org/streets/`+yaohuaStreet+`"]`)))
	communities := admin.texts(`main tbody a[href^="/console/org/communities/` + yaohuaStreet + `"]`)
	if h1 := admin.text("main h1"); h1 != "尧化街道" || len(communities) == 0 || !slices.Contains(communities, "尧化社区") {
		t.Fatalf("the street page %q lists the communities %q, want 尧化社区 among them", h1, communities)
	}

	admin.follow("click 尧化社区", chromedp.Click(chromedp.CSS(`main a[href="/console/org/communities/`+yaohuaCommunity+`"]`)))
	grids := admin.texts(`main tbody a[href^="/console/org/grids/` + yaohuaCommunity + `"]`)
	if h1 := admin.text("main h1"); !strings.HasPrefix(h1, "尧化社区") || len(grids) < 3 || !slices.Contains(grids, "尧化社区第1网格") {
		t.Fatalf("the community page %q lists the grids %q, want at least 3 starting with 尧化社区第1网格", h1, grids)
	}
	admin.screenshot("e2e-staff-admin")

	gridWorker := admin.freshContext()
	gridWorker.open("/console/login")
	signInStaff(gridWorker, "wangge.yaohua", app.DemoPassword)
	if p := gridWorker.path(); p != "/console" {
		t.Fatalf("the grid worker landed on %s, want /console", p)
	}
	if nav := consoleNav(gridWorker); slices.Contains(nav, "人员与权限") || !slices.Contains(nav, "组织机构") {
		t.Errorf("the grid worker's nav is %q, want 组织机构 and no 人员与权限", nav)
	}
	if got := gridWorker.open("/console/staff"); got != http.StatusForbidden {
		t.Fatalf("/console/staff for the grid worker = %d, want 403", got)
	}
	if title, msg := gridWorker.text("#error-title"), gridWorker.text(".error-message"); title != "无法访问" || !strings.HasPrefix(msg, "您无权") {
		t.Errorf("the refusal reads %q / %q, want 无法访问 / 您无权…", title, msg)
	}
	gridWorker.screenshot("e2e-staff-gridworker")
}

// signInStaff fills in the staff sign-in form on the current page and
// submits it; the caller checks where it led.
func signInStaff(tb *tab, username, password string) int64 {
	tb.t.Helper()
	tb.do("fill in the staff sign-in",
		chromedp.Clear(chromedp.CSS(`form[action="/console/login"] input[name="username"]`)),
		chromedp.SendKeys(chromedp.CSS(`form[action="/console/login"] input[name="username"]`), username),
		chromedp.SendKeys(chromedp.CSS(`form[action="/console/login"] input[name="password"]`), password))
	return tb.follow("sign in as "+username,
		chromedp.Click(chromedp.CSS(`form[action="/console/login"] button[type="submit"]`)))
}

// consoleNav is the labels of the console's navigation.
func consoleNav(tb *tab) []string {
	tb.t.Helper()
	return tb.texts(`nav.console-nav a`)
}
