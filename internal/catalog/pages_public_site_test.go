package catalog_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
)

const foodNew = "012300300001-320113" // 食品经营许可（新办）

func fetch(t *testing.T, rawURL string) (int, string) {
	t.Helper()
	resp, err := http.Get(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestPublicPagesAndAPI walks the residents' pages and the public API as
// an anonymous visitor.
func TestPublicPagesAndAPI(t *testing.T) {
	srv := apptest.Start(t)
	inject := `<script>alert("x")</script>`
	cases := []struct {
		name, path string
		status     int
		want       []string
		not        []string
	}{
		{"home", "/services", 200, []string{"办事指南", "按人生大事", "开办企业", "区市场监管局"}, nil},
		{"search", "/services?q=" + url.QueryEscape("开饭店"), 200, []string{"食品经营许可（新办）", "个体工商户设立登记", "匹配：", "告知承诺"}, nil},
		{"synonym", "/services?q=" + url.QueryEscape("怀孕了"), 200, []string{"生育登记"}, nil},
		{"life event", "/services?life_event=" + url.QueryEscape("婚育"), 200, []string{"内地居民结婚登记"}, []string{"个体工商户设立登记"}},
		{"department", "/services?department=" + url.QueryEscape("区卫健委"), 200, []string{"生育登记"}, []string{"失业保险金申领"}},
		{"injection", "/services?q=" + url.QueryEscape(inject), 200, []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"}, []string{inject}},
		{"too long", "/services?q=" + url.QueryEscape(strings.Repeat("开", 101)), 400, []string{"搜索内容不能超过100个字", `id="q-error"`}, nil},
		{"bad event", "/services?life_event=" + url.QueryEscape("旅游"), 400, []string{"人生大事无效"}, nil},
		{"guide", "/services/" + foodNew, 200, []string{"食品经营许可（新办）", "南京市栖霞区市场监督管理局", "受理条件", "申请材料",
			"复用电子证照，无需提交", "申请人提交", "法定办结时限", "承诺 ", "个工作日", "设定依据", "href=\"tel:", "证照联办", "需要填写的内容", "打印版",
			`href="/my/applications/new?item=` + foodNew + `&amp;bundle=1"`, "在线申请（含证照联办）", `href="/my/agents?item=` + foodNew + `"`}, nil},
		{"print", "/services/" + foodNew + "/print", 200, []string{"shell-bare", `class="guide print"`, "申请材料"}, []string{"打印版", "tabbar"}},
		{"unknown", "/services/999999999999-320113", 404, []string{"不存在或尚未生效"}, nil},
		{"unknown print", "/services/nope/print", 404, nil, nil},
		{"api list", "/api/v1/items?q=" + url.QueryEscape("生二胎") + "&limit=3", 200, []string{"201900300000-320113", `"matched"`}, nil},
		{"api filter", "/api/v1/items?department=" + url.QueryEscape("区民政局") + "&life_event=" + url.QueryEscape("养老"), 200, []string{"尊老金"}, []string{"区人社局"}},
		{"api too long", "/api/v1/items?q=" + url.QueryEscape(strings.Repeat("开", 101)), 400, []string{`"q"`, "100"}, nil},
		{"api bad type", "/api/v1/items?type=99", 400, []string{`"type"`}, nil},
		{"api bad limit", "/api/v1/items?limit=1000", 400, []string{`"limit"`}, nil},
		{"api get", "/api/v1/items/" + foodNew, 200, []string{`"version":1`, "食品经营许可（新办）"}, nil},
		{"api get version", "/api/v1/items/" + foodNew + "?version=1", 200, []string{`"state":"published"`}, nil},
		{"api missing version", "/api/v1/items/" + foodNew + "?version=9", 404, nil, nil},
		{"api bad version", "/api/v1/items/" + foodNew + "?version=x", 400, []string{`"version"`}, nil},
		{"api unknown", "/api/v1/items/nope", 404, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := fetch(t, srv.URL+c.path)
			if status != c.status {
				t.Fatalf("%s: status %d, want %d\n%.600s", c.path, status, c.status, body)
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s lacks %q", c.path, w)
				}
			}
			for _, n := range c.not {
				if strings.Contains(body, n) {
					t.Errorf("%s contains %q", c.path, n)
				}
			}
		})
	}
}

// TestAPIPaginatesAndIsDocumented checks the list's pages and that the
// OpenAPI document lists both operations.
func TestAPIPaginatesAndIsDocumented(t *testing.T) {
	srv := apptest.Start(t)
	var page struct {
		Items []struct {
			Item struct {
				ImplCode string `json:"impl_code"`
			} `json:"item"`
		} `json:"items"`
		Next  string `json:"next"`
		Total int    `json:"total"`
	}
	_, body := fetch(t, srv.URL+"/api/v1/items?limit=5")
	if err := json.Unmarshal([]byte(body), &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 5 || page.Total < 60 || !strings.Contains(page.Next, "offset=5") {
		t.Fatalf("first page: %d items of %d, next %q", len(page.Items), page.Total, page.Next)
	}
	first := page.Items[0].Item.ImplCode
	_, body = fetch(t, srv.URL+page.Next)
	page.Items = nil
	if err := json.Unmarshal([]byte(body), &page); err != nil || len(page.Items) != 5 || page.Items[0].Item.ImplCode == first {
		t.Fatalf("second page: %v %s", err, body[:min(len(body), 300)])
	}
	_, doc := fetch(t, srv.URL+"/api/v1/openapi.json")
	for _, w := range []string{`"/items"`, `"/items/{implCode}"`, "listItems", "getItem", "事项清单"} {
		if !strings.Contains(doc, w) {
			t.Errorf("OpenAPI document lacks %s", w)
		}
	}
}
