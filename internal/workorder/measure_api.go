package workorder

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// measureParams are the query parameters of the measures operation.
var measureParams = []web.Param{
	{Name: "by", Description: "分组：street 街道、community 社区、unit 承办单位、category 分类、month 月、week 周、day 日（默认 street）"},
	{Name: "from", Description: "受理日期起（含），如 2026-03-01；默认30天前"},
	{Name: "to", Description: "受理日期止（含），默认今天；区间不超过一年"},
	{Name: "street", Description: "只统计该街道（编码）"},
	{Name: "community", Description: "只统计该社区（编码）"},
	{Name: "category", Description: "只统计该分类（编码；分组含其下分类）"},
	{Name: "unit", Description: "只统计该承办单位，如 community:320113001001"},
}

func (h *Handlers) registerMeasureAPI(rt *web.Router) {
	rt.API(web.Op{Method: "GET", Path: "/workorder-measures", OperationID: "getWorkorderMeasures", Summary: "工单统计",
		Description: "按受理日期统计职责范围内的工单，由工单事件计算：响应率 = 已响应/有效诉求；解决率 = 已解决/(已解决+未解决)；" +
			"满意率 = 满意和非常满意/回访作答；按时办结率 = 按时办结/(按时办结+超时办结+逾期未办结)；平均响应、处理时长以小时计（处理时长不含挂账）。" +
			"有效诉求不含重复（并单）和撤销的诉求。无数据时比率为 null。领导和管理员可用，按其职责范围（区、街道、社区）。",
		Tags: apiTags, Auth: true, Query: measureParams,
		Responses: map[int]web.Response{200: {Description: "统计", Body: Measures{Rows: []MeasureRow{}}}}}, h.apiMeasures)
	rt.API(web.Op{Method: "GET", Path: "/workorder-board", OperationID: "getWorkorderBoard", Summary: "督办看板",
		Description: "职责范围内已过预警时间（临期）或已过时限（逾期）的未办结工单，逾期最久的在前。工作人员可用。",
		Tags:        apiTags, Auth: true, Query: []web.Param{{Name: "only", Description: "overdue 只看逾期，warning 只看临期"},
			{Name: "limit", Description: "每页条数，1–100", Schema: 50}, {Name: "offset", Description: "跳过条数", Schema: 0}},
		Responses: map[int]web.Response{200: {Description: "看板", Body: Board{Items: []BoardItem{}}}}}, h.apiBoard)
}

func (h *Handlers) apiMeasures(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.Measures(r.Context(), web.ActorFrom(r.Context()), measureQueryOf(r.URL.Query()))
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, m)
}

func (h *Handlers) apiBoard(w http.ResponseWriter, r *http.Request) {
	b, err := h.svc.Board(r.Context(), web.ActorFrom(r.Context()), boardFilterOf(r.URL.Query(), 50))
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, b)
}
