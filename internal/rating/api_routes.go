package rating

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// apiTags groups the module's operations in the API document.
var apiTags = []string{"好差评"}

// errorBody refers to the error envelope the web layer defines.
var errorBody = openapi.Schema{"$ref": "#/components/schemas/Error"}

// casePath is the path of one case's rating.
const casePath = "/ratings/cases/{kind}/{id}"

func (h *Handlers) registerAPI(rt *web.Router) {
	rt.API(web.Op{Method: "GET", Path: "/ratings/stats", OperationID: "getRatingStats", Summary: "好差评统计",
		Description: "全区及各部门（含街道综合执法大队）、各服务网点的评价数、满意率（基本满意及以上/全部评价）和差评整改率（整改通过/差评）。公开。",
		Tags:        apiTags, Responses: map[int]web.Response{200: {Description: "统计", Body: Stats{}}}}, h.apiStats)
	rt.API(web.Op{Method: "GET", Path: "/ratings/mine", OperationID: "listMyRatings", Summary: "我的评价",
		Description: "本人待评价和已评价的办件，最新的在前。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "评价", Body: []Rating{}}}}, h.apiMine)
	rt.API(web.Op{Method: "GET", Path: casePath, OperationID: "getCaseRating", Summary: "查看办件的评价",
		Description: "kind 为 application（办件）或 inspection（执法检查）。仅限本人；他人的办件返回 404，尚未办结的本人办件返回 409。",
		Tags:        apiTags, Auth: true, Responses: map[int]web.Response{200: {Description: "评价", Body: Rating{}}}}, h.apiGet)
	rt.API(web.Op{Method: "POST", Path: casePath, OperationID: "rateCase", Summary: "评价办件",
		Description: "每个办件只能评价一次。level 为 5 非常满意、4 满意、3 基本满意、2 不满意、1 非常不满意；comment 不超过500字；" +
			"tags 取自该等级的标签。不满意和非常不满意自动生成差评整改件。重复评价返回 409，不作任何修改。",
		Tags: apiTags, Auth: true, Request: Input{Level: Satisfied, Tags: []string{"办事快捷"}, Comment: "窗口指引清楚"},
		Responses: map[int]web.Response{201: {Description: "评价", Body: Rating{}},
			409: {Description: "已评价或尚未办结", Body: errorBody}}}, h.apiRate)
	h.registerRectificationAPI(rt)
}

func (h *Handlers) registerRectificationAPI(rt *web.Router) {
	rt.API(web.Op{Method: "GET", Path: "/rating-rectifications", OperationID: "listRatingRectifications",
		Summary: "差评整改件", Description: "本单位（所在部门、服务网点）的差评整改件；领导和系统管理员看全区。state 可为 open、submitted、closed。",
		Tags: apiTags, Auth: true, Query: []web.Param{{Name: "state", Description: "整改状态"}},
		Responses: map[int]web.Response{200: {Description: "整改件", Body: []Rectification{}}}}, h.apiList)
	rt.API(web.Op{Method: "GET", Path: "/rating-rectifications/{id}", OperationID: "getRatingRectification",
		Summary: "查看差评整改件", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "整改件", Body: Rectification{}}}}, h.apiRect)
	rt.API(rectPost("/rating-rectifications/{id}/callbacks", "addRatingCallback", "记录回访",
		"记录对评价人的回访：回访时间（默认现在）、是否联系上、回访情况。仅限责任单位工作人员。",
		CallbackInput{Reached: true, Note: "已电话致歉，说明材料要求"}), h.apiCallback)
	rt.API(rectPost("/rating-rectifications/{id}/submit", "submitRatingRectification", "提交整改",
		"写明整改措施并提交审核；须先记录回访。仅限责任单位工作人员。", SubmitInput{Measures: "精简材料清单，一次性告知"}), h.apiSubmit)
	rt.API(rectPost("/rating-rectifications/{id}/review", "reviewRatingRectification", "审核整改",
		"outcome 为 accepted（通过，办结）或 returned（退回，须写明理由）。仅限领导和系统管理员。",
		ReviewInput{Outcome: Accepted, Note: "整改到位"}), h.apiReview)
}

// rectPost describes a change to a rectification case.
func rectPost(path, id, summary, desc string, req any) web.Op {
	return web.Op{Method: "POST", Path: path, OperationID: id, Summary: summary, Description: desc, Tags: apiTags,
		Auth: true, Request: req, Responses: map[int]web.Response{200: {Description: summary, Body: Rectification{}},
			409: {Description: "整改件状态不允许此操作", Body: errorBody}}}
}
