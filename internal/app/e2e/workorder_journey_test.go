package e2e

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// The request of the work-order journey: 养老服务 (民生服务), which has no
// rule of its own in the demo dispatch catalogue, so the category's
// default handler sends it straight (直派) to the community it is in.
const (
	elderCare     = "MS-01"
	elderCareName = "养老服务"
	elderCarePath = "民生服务 / 养老服务"
	yaohuaName    = "尧化社区"
	elderCareText = "我家老人今年七十八岁，独自在家，想申请社区助餐，每天中午送一份午饭。"
	replyText     = "已联系社区助餐点，明天起每天中午11点送餐上门，费用按助餐补贴标准结算。"
	closingText   = "已为老人办理助餐登记，首次送餐已完成。"
)

// TestWorkOrderJourney follows a resident's request from the phone to the
// figures: the resident files a 养老服务 request with a photo in
// 尧化社区; the catalogue sends it to the community, whose grid worker
// signs for it in 我的派单, replies to her and closes it as fixed; she
// reads the reply, answers the follow-up (回访), which closes the order;
// the district leader's 工单统计 count it (received, resolved, followed
// up, compared with the figures before the request) and the 督办看板 no
// longer lists it.
func TestWorkOrderJourney(t *testing.T) {
	s := startSite(t)
	files := t.TempDir()
	phone := newBrowser(t, s.URL, phoneScreen)
	signInResident(phone, s, residentPhone)
	desk := newBrowser(t, s.URL, desktopScreen)
	leader := desk.freshContext()
	leader.open("/console/login")
	signInStaff(leader, "leader", app.DemoPassword)
	before := elderCareMeasures(leader)

	number := fileElderCareRequest(phone, saveFile(t, files, "老人.png", facePhoto(t)))
	phone.screenshot("e2e-workorder-filed")

	desk.open("/console/login")
	signInStaff(desk, "wangge.yaohua", app.DemoPassword)
	signFor(desk, number)
	desk.screenshot("e2e-workorder-queue")
	replyAndClose(desk, number, saveFile(t, files, "送餐.png", facePhoto(t)))
	desk.screenshot("e2e-workorder-closed-by-unit")

	answerFollowUp(phone, number)
	phone.screenshot("e2e-workorder-followup")

	after := elderCareMeasures(leader)
	t.Logf("工单统计, 养老服务 in 尧化社区, before: %s", formatRow(before))
	t.Logf("工单统计, 养老服务 in 尧化社区, after: %s", formatRow(after))
	checkCounted(leader, before, after)
	leader.screenshot("e2e-workorder-measures")
	checkBoard(leader, number)
	leader.screenshot("e2e-workorder-board")
}

// fileElderCareRequest is the resident's part on the phone: from her
// account to 我的诉求, the category picker, the 养老服务 form (with the
// photo at photoPath, in 尧化社区), the filed order's page and her list.
// It answers the order's number.
func fileElderCareRequest(tb *tab, photoPath string) string {
	tb.t.Helper()
	tb.follow("tap 我的诉求", tap(`a[href="`+workorder.MinePath+`"]`))
	tb.follow("tap 反映诉求", tap(`main a.button[href="`+workorder.MinePath+`/new"]`))
	if h1 := tb.text("main h1"); h1 != "反映诉求" {
		tb.failed("the category picker", unexpected(h1))
	}
	tb.follow("tap 养老服务", tap(`main a[href="?category=`+elderCare+`"]`))
	h1, path := tb.text("main h1"), tb.text("main h1 + p.muted")
	if h1 != elderCareName || !strings.HasPrefix(path, elderCarePath) {
		tb.failed("the 养老服务 form", unexpected(h1, path))
	}
	tb.do("fill in the request",
		pick("f.service", "meals"),
		typeInto(`#f-age`, "78"),
		chromedp.SendKeys(chromedp.CSS(`#f-description`), elderCareText),
		upload("photos", photoPath),
		typeInto(`#f-address`, "尧化街道尧新大道1号3栋2单元"))
	// She places the request on the district's schematic map by tapping
	// her community's dot: the community and a position are filled in.
	tb.do("tap 尧化社区 on the map", tap(`#place-map circle[data-code="`+yaohuaCommunity+`"]`))
	if got, lat := inputValue(tb, "#f-community"), inputValue(tb, "#f-lat"); got != yaohuaCommunity || lat == "" {
		tb.failed("pick the place on the map", unexpected(got, lat, tb.text("#locate-status")))
	}
	tb.screenshot("e2e-workorder-form")
	tb.follow("tap 提交", tap(`main form[enctype="multipart/form-data"] button[type="submit"]`))
	if alerts := tb.texts(`[role="alert"], .error`); len(alerts) > 0 {
		tb.failed("file the request", unexpected(alerts...))
	}
	number := orderFact(tb, "编号")
	if p := tb.path(); number == "" || p != workorder.MinePath+"/"+number+"?filed=1" {
		tb.failed("go to the filed order", unexpected(p, number))
	}
	if ok := tb.text(`[role="status"]`); !strings.Contains(ok, number) {
		tb.failed("read the filing notice", unexpected(ok))
	}
	if place := orderFact(tb, "所在地"); !strings.Contains(place, "尧化街道") || !strings.Contains(place, yaohuaName) {
		tb.failed("read where the request is", unexpected(place))
	}
	if service := orderFact(tb, "需要的服务"); service != "助餐" {
		tb.failed("read the 养老服务 field", unexpected(service))
	}
	if n := len(tb.texts(`main img[src^="` + workorder.PhotoPath + `"]`)); n != 1 {
		tb.failed("see the photo", unexpected("photos shown: "+itoa(n)+", want 1"))
	}
	tb.follow("back to 我的诉求", tap(`main a[href="`+workorder.MinePath+`"]`))
	card := mineCard(tb, number)
	if !strings.Contains(card, elderCareName) || !strings.Contains(card, yaohuaName) || !strings.Contains(card, "处理中") {
		tb.failed("find the request in 我的诉求", unexpected(card))
	}
	return number
}

// signFor is the grid worker's queue: 我的派单 from the console's nav,
// the order waiting there for 尧化社区 to sign for, and 签收.
func signFor(tb *tab, number string) {
	tb.t.Helper()
	tb.follow("click 我的派单", tap(`nav.console-nav a[href="`+workorder.QueuePath+`"]`))
	row := queueRow(tb, number)
	if row["分类"] != elderCareName || row["社区"] != yaohuaName || !strings.Contains(row["单位"], yaohuaName) ||
		!strings.Contains(row["状态"], "待签收") || row["操作"] == "" {
		tb.failed("find the order in 我的派单", unexpected(formatRow(row)))
	}
	tb.follow("tap 签收", tap(`form[action="`+workorder.ConsolePath+`/`+number+`/accept"] button`))
	if p := tb.path(); p != workorder.QueuePath+"?done="+number+"&did=accept" {
		tb.failed("sign for the order", unexpected(append([]string{p}, tb.texts(`[role="alert"]`)...)...))
	}
	if done := tb.text(`[role="status"].alert-ok`); !strings.Contains(done, number) || !strings.Contains(done, "已签收") {
		tb.failed("read the 签收 notice", unexpected(done))
	}
	if row := queueRow(tb, number); !strings.Contains(row["状态"], "已签收") || !strings.Contains(row["状态"], "我承接") {
		tb.failed("see the order signed for", unexpected(formatRow(row)))
	}
}

// replyAndClose opens the order from the queue, writes a reply the
// requester reads, and closes it as fixed with the closure's explanation
// (the proof every closure needs) and a photo of the result.
func replyAndClose(tb *tab, number, photoPath string) {
	tb.t.Helper()
	tb.follow("open the order", tap(`main a[href="`+workorder.ConsolePath+`/`+number+`"]`))
	if state := tb.text("main h1 .badge"); state != "处理中" {
		tb.failed("open the signed order", unexpected(state))
	}
	note := `form[action$="/` + number + `/note"]`
	tb.do("write the reply",
		chromedp.SendKeys(chromedp.CSS(note+` textarea[name="text"]`), replyText), tap(note+` input[name="reply"]`))
	tb.follow("tap 记录", tap(note+` button[type="submit"]`))
	if alerts := tb.texts(`[role="alert"]`); len(alerts) > 0 {
		tb.failed("record the reply", unexpected(alerts...))
	}
	if !strings.Contains(strings.Join(tb.texts(`.timeline li`), "\n"), replyText) {
		tb.failed("see the reply in the timeline", unexpected(tb.texts(`.timeline li`)...))
	}
	closing := `form[action$="/` + number + `/close"]`
	if fixed := tb.text(closing + ` option[value="fixed"]`); fixed != "已解决" {
		tb.failed("read what closing as fixed needs", unexpected(fixed, "want 已解决 without an after-photo requirement"))
	}
	tb.do("close as fixed", pickOption(`#f-outcome`, "fixed"),
		chromedp.SendKeys(chromedp.CSS(`#f-close-note`), closingText),
		chromedp.SetUploadFiles(chromedp.CSS(`#f-close-photos`), []string{photoPath}))
	tb.follow("tap 提交 (办结)", tap(closing+` button[type="submit"]`))
	if alerts := tb.texts(`[role="alert"]`); len(alerts) > 0 {
		tb.failed("close the order", unexpected(alerts...))
	}
	if state, outcome := tb.text("main h1 .badge"), tb.text("main h1 + p"); state != "已办结" || outcome != "办理结果：已解决" {
		tb.failed("see the order resolved", unexpected(state, outcome))
	}
	if n := len(tb.texts(`main img[src^="` + workorder.PhotoPath + `"]`)); n != 2 {
		tb.failed("see the photo of the result", unexpected("photos shown: "+itoa(n)+", want the request's and the result's"))
	}
}

// answerFollowUp is the resident back on her order's page: the reply and
// the outcome are there, she answers the 回访 (fixed, 非常满意), and the
// order is closed.
func answerFollowUp(tb *tab, number string) {
	tb.t.Helper()
	tb.open(workorder.MinePath)
	if card := mineCard(tb, number); !strings.Contains(card, "已办结") {
		tb.failed("see the order resolved in 我的诉求", unexpected(card))
	}
	tb.follow("open the order", tap(`main a[href="`+workorder.MinePath+`/`+number+`"]`))
	timeline := strings.Join(tb.texts(`.timeline li`), "\n")
	state, outcome := tb.text("main h1 .badge"), tb.text("main h1 + p")
	if state != "已办结" || outcome != "办理结果：已解决" || !strings.Contains(timeline, replyText) ||
		!strings.Contains(timeline, closingText) {
		tb.failed("read the reply and the outcome", unexpected(state, outcome, timeline))
	}
	followUp := `form[action="` + workorder.MinePath + `/` + number + `/followup"]`
	tb.do("answer the follow-up", tap(followUp+` input[name="fixed"][value="yes"]`),
		tap(followUp+` input[name="satisfaction"][value="5"]`),
		chromedp.SendKeys(chromedp.CSS(`#f-comment`), "送餐准时，谢谢社区。"))
	tb.follow("tap 提交评价", tap(followUp+` button[type="submit"]`))
	if alerts := tb.texts(`[role="alert"]`); len(alerts) > 0 {
		tb.failed("answer the follow-up", unexpected(alerts...))
	}
	said := strings.Join(tb.texts(`main p.muted.small`), "\n")
	if state := tb.text("main h1 .badge"); state != "已关闭" || !strings.Contains(said, "您的评价：问题已解决 · 非常满意") {
		tb.failed("see the order closed with the answer", unexpected(state, said))
	}
	if n := len(tb.texts(followUp)); n != 0 {
		tb.failed("the follow-up form after answering", unexpected("still offered"))
	}
}

// checkCounted compares the leader's 养老服务 figures in 尧化社区 after
// the journey with those before: one more order received, resolved and
// followed up, and the rates measured.
func checkCounted(tb *tab, before, after map[string]string) {
	tb.t.Helper()
	for _, col := range []string{"受理量", "有效诉求", "已办结", "回访"} {
		if atoiOr(after[col]) != atoiOr(before[col])+1 {
			tb.failed("count the order in "+col, unexpected("before "+before[col], "after "+after[col]))
		}
	}
	for _, col := range []string{"解决率", "满意率"} {
		if !strings.HasSuffix(after[col], "%") {
			tb.failed("measure "+col, unexpected(after[col]))
		}
	}
	// With nothing measured before, the one order makes the rates.
	if before["解决率"] == "—" && after["解决率"] != "100.0%" {
		tb.failed("measure 解决率 of the one order", unexpected(after["解决率"]))
	}
	if before["满意率"] == "—" && after["满意率"] != "100.0%" {
		tb.failed("measure 满意率 of the one answer", unexpected(after["满意率"]))
	}
}

// checkBoard opens the 督办看板 from the nav: it shows its counts and no
// longer lists the closed order.
func checkBoard(tb *tab, number string) {
	tb.t.Helper()
	tb.follow("click 督办看板", tap(`nav.console-nav a[href="`+workorder.BoardPath+`"]`))
	if h1 := tb.text("main h1"); h1 != "督办看板" {
		tb.failed("open the board", unexpected(h1))
	}
	if all := tb.text(`main a[href="` + workorder.BoardPath + `"]`); !strings.HasPrefix(all, "全部（") ||
		!strings.Contains(all, "逾期") || !strings.Contains(all, "临期") {
		tb.failed("read the board's counts", unexpected(all))
	}
	if n := len(tb.texts(`main a[href="` + workorder.ConsolePath + `/` + number + `"]`)); n != 0 {
		tb.failed("the closed order on the board", unexpected("listed"))
	}
}

// formatRow writes a table row read by header, for failure messages.
func formatRow(row map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(row)) {
		b.WriteString(k + "=" + row[k] + "; ")
	}
	return b.String()
}
