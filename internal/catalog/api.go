package catalog

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// APIItem is an item in a list of the public API: its guide and, for a
// search, the score and the matched terms.
type APIItem struct {
	Item    Item     `json:"item"`
	Score   float64  `json:"score,omitempty"`
	Matched []string `json:"matched,omitempty"`
}

var opListItems = web.Op{Method: "GET", Path: "/items", OperationID: "listItems", Tags: []string{"事项清单"},
	Summary: "搜索和浏览事项",
	Description: "列出现行有效的已发布事项。带 q 时按居民用语搜索（同义词、关键词、字词匹配），按相关度排序并给出匹配词；" +
		"不带 q 时按实施编码排序。level、channel、point 可同时使用，结果须同时满足。无需登录。",
	Query: []web.Param{
		{Name: "q", Description: "搜索内容，不超过100个字"},
		{Name: "type", Description: "事项类型代码，如 01 行政许可、20 公共服务"},
		{Name: "department", Description: "主管部门简称，如 区市场监管局"},
		{Name: "level", Description: "行使层级：district（区级）、street（街道）或 community（社区），只列该层级网点可受理的事项"},
		{Name: "channel", Description: "办理渠道：online 只列可在手机上办理（网上办）的事项"},
		{Name: "point", Description: "办事网点编号，如 320113001P01：只列该网点按其层级可受理的事项（区街同权）；没有这个网点时返回 400"},
		{Name: "life_event", Description: "人生大事，如 出生、开办企业、养老"},
		{Name: "limit", Description: "每页条数，1 到 100，默认 20", Schema: 0},
		{Name: "offset", Description: "跳过的条数", Schema: 0},
	},
	Responses: map[int]web.Response{200: {Description: "一页事项", Body: web.List[APIItem]{}}}}

var opGetItem = web.Op{Method: "GET", Path: "/items/{implCode}", OperationID: "getItem", Tags: []string{"事项清单"},
	Summary:     "查看办事指南",
	Description: "返回事项现行有效的版本；带 version 时返回该版本（仅限已发布或已撤回的版本，草稿仅工作人员可见）。无需登录。",
	Query:       []web.Param{{Name: "version", Description: "版本号", Schema: 0}},
	Responses:   map[int]web.Response{200: {Description: "事项的一个版本", Body: Version{}}}}

// apiListItems searches or browses the items in force.
func (p *publicSite) apiListItems(w http.ResponseWriter, r *http.Request) {
	pg, err := web.ParsePage(r)
	if err == nil && pg.Cursor != "" {
		err = apperr.Invalid("cursor", "此列表不支持 cursor，请使用 offset")
	}
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	qs := r.URL.Query()
	q := Query{Q: qs.Get("q"), Type: ItemType(qs.Get("type")),
		Department: qs.Get("department"), Level: Level(qs.Get("level")), LifeEvent: qs.Get("life_event"),
		Limit: pg.Limit, Offset: pg.Offset}
	bc, err := p.apiContext(r)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	bc.apply(&q)
	res, err := p.search.Find(r.Context(), q)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	items := make([]APIItem, len(res.Hits))
	for i, h := range res.Hits {
		items[i] = APIItem(h)
	}
	web.WriteJSON(w, http.StatusOK, web.OffsetList(r, items, pg, res.Total))
}

// apiContext reads the channel and service point of an API call. The API
// keeps no cookie: each call says its context, and a bad one is a 400
// naming the field.
func (p *publicSite) apiContext(r *http.Request) (browseContext, error) {
	qs := r.URL.Query()
	var bc browseContext
	switch qs.Get("channel") {
	case "":
	case channelOnline:
		bc.Online = true
	default:
		return bc, apperr.Invalid("channel", "办理渠道无效，只能是 online（网上办）")
	}
	if code := qs.Get("point"); code != "" {
		pl, err := p.point(r, code)
		if apperr.CodeOf(err) == apperr.CodeNotFound {
			return bc, apperr.Invalid("point", "没有这个办事网点："+short(code))
		}
		if err != nil {
			return bc, err
		}
		bc.Point = &pl
	}
	return bc, nil
}

// apiGetItem returns an item's version in force, or the version asked for.
func (p *publicSite) apiGetItem(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("implCode")
	var v Version
	var err error
	if s := r.URL.Query().Get("version"); s != "" {
		n, convErr := strconv.Atoi(s)
		if convErr != nil || n < 1 {
			web.WriteError(w, r, apperr.Invalid("version", "版本号应为正整数"))
			return
		}
		v, err = p.h.svc.GetVersion(r.Context(), web.ActorFrom(r.Context()), code, n)
	} else {
		v, err = p.h.svc.Get(r.Context(), code)
	}
	if err == nil && v.District != p.h.district {
		err = apperr.NotFound("事项 " + short(code) + " 不存在或尚未生效")
	}
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, v)
}
