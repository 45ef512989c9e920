package catalog_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
)

// TestBrowseDemoSite browses the seeded demo by street and service point,
// with the places the organisation module knows.
func TestBrowseDemoSite(t *testing.T) {
	site := apptest.Start(t)
	b := newBrowser(t, site)
	const (
		station    = "320113001001P01" // 尧化社区's station
		drugShop   = "药品零售企业经营许可（新办）"  // district only
		foodStall  = "食品摊贩登记"          // street and community
		business   = "&life_event="
		yaohua     = "320113001"
		yaohuaDesk = "尧化街道政务服务中心"
	)
	event := business + url.QueryEscape("开办企业")
	status, body, _ := b.get("/services")
	expect(t, "home", status, body, 200, "按街道", "尧化街道", "/services?street="+yaohua)
	status, body, _ = b.get("/services?street=" + yaohua)
	expect(t, "street", status, body, 200, "尧化街道可办理的事项", yaohuaDesk, foodStall, "/service-points?street="+yaohua)
	expect(t, "street, first page", status, body, 200, "第 1—50 项", "/services?offset=50&amp;street="+yaohua, "下一页")
	status, body, _ = b.get("/services?offset=50&street=" + yaohua)
	expect(t, "street, second page", status, body, 200, "第 51—", "上一页", `href="/services?street=`+yaohua+`"`)
	status, body, _ = b.get("/services?offset=-5&street=" + yaohua)
	expect(t, "bad page", status, body, 400, "页码无效")
	status, body, _ = b.get("/services?point=" + station + event)
	expect(t, "station", status, body, 200, "便民服务站", foodStall)
	if strings.Contains(body, drugShop) {
		t.Errorf("a community station lists the district-only %s", drugShop)
	}
	status, body, _ = b.get("/services?" + event[1:])
	expect(t, "station remembered", status, body, 200, "当前网点", foodStall)
	if strings.Contains(body, drugShop) {
		t.Errorf("the remembered station lists the district-only %s", drugShop)
	}
	status, body, _ = b.get("/services/012300701001-320113")
	expect(t, "guide at the station", status, body, 200, "不能受理本事项", "法定办结时限：", "下载PDF")
	status, body, _ = b.get("/services?point=320113999P01")
	expect(t, "unknown point", status, body, 404, "没有找到编号为 320113999P01 的办事网点")
	status, body, _ = b.get("/api/v1/items?limit=100&point=" + station)
	expect(t, "api station", status, body, 200, "072300500000-320113")
	if strings.Contains(body, "012300701001-320113") {
		t.Errorf("the API lists a district-only item at a station")
	}
	status, body, _ = b.get("/api/v1/items?level=province")
	expect(t, "api bad level", status, body, 400, `"level"`)
}
