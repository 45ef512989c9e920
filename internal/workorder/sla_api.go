package workorder

import (
	"context"
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxTimeJSON bounds the body of a time request or decision.
const maxTimeJSON = 16 << 10

// unparkInput is the body of POST /workorders/{number}/unpark.
type unparkInput struct {
	Note string `json:"note"`
}

func (h *ClockHandlers) registerAPI(rt *web.Router) {
	conflict := web.Response{Description: "状态不允许（不在办理中、已有待审批申请、已审批）", Body: errorBodySchema}
	rt.API(web.Op{Method: "GET", Path: "/workorders/{number}/time", OperationID: "getWorkorderTime", Summary: "工单办理时限",
		Description: "首次响应和办结时限（按小时的按自然时间，按工作日的按法定工作日历，挂账、核查期间不计）、延期申请和挂账记录。" +
			"承办单位工作人员、所在街道或全区领导以及职责范围内可查看工单的工作人员可查看。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "时限", Body: TimeView{Clocks: []ClockView{}}}}}, h.apiTime)
	rt.API(web.Op{Method: "POST", Path: "/workorders/{number}/extensions", OperationID: "requestWorkorderExtension",
		Summary: "申请延期", Description: "承办单位工作人员申请延长办结期限：new_due 为日期（当日24:00）或日期时间（北京时间），须晚于当前期限、" +
			"不超过一年。由工单所在街道、承办单位或全区的领导审批。", Tags: apiTags, Auth: true,
		Request:   ExtensionInput{Reason: "需等待电梯配件到货", NewDue: "2026-03-06T17:30"},
		Responses: map[int]web.Response{201: {Description: "待审批的延期申请", Body: Extension{}}, 409: conflict}},
		timeAsk(h.c.RequestExtension))
	rt.API(web.Op{Method: "POST", Path: "/workorders/{number}/parking", OperationID: "requestWorkorderParking",
		Summary: "申请挂账", Description: "承办单位工作人员申请将短期内无法解决的工单挂账，review_on 为复核日期（明天起一年内）。" +
			"批准后时限暂停，到复核日期提醒复核。", Tags: apiTags, Auth: true,
		Request:   ParkingInput{Reason: "涉及小区整体改造，需纳入明年计划", ReviewOn: "2026-06-30"},
		Responses: map[int]web.Response{201: {Description: "待审批的挂账申请", Body: Parking{}}, 409: conflict}},
		timeAsk(h.c.RequestParking))
	rt.API(web.Op{Method: "POST", Path: "/workorders/{number}/unpark", OperationID: "unparkWorkorder", Summary: "恢复办理",
		Description: "承办单位工作人员或领导将挂账工单恢复办理，时限继续计算。", Tags: apiTags, Auth: true,
		Request:   unparkInput{Note: "改造提前启动"},
		Responses: map[int]web.Response{200: {Description: "时限", Body: TimeView{Clocks: []ClockView{}}}, 409: conflict}},
		h.apiUnpark)
	rt.API(web.Op{Method: "GET", Path: "/workorder-time-requests", OperationID: "listWorkorderTimeRequests",
		Summary: "待审批的延期和挂账", Description: "领导职责范围内待审批的延期、挂账申请和到期复核的挂账工单，按申请时间排序。",
		Tags: apiTags, Auth: true, Responses: map[int]web.Response{200: {Description: "申请",
			Body: TimeRequests{Extensions: []Extension{}, Parkings: []Parking{}, Reviews: []Parking{}}}}}, h.apiPending)
	rt.API(web.Op{Method: "POST", Path: "/workorder-extensions/{id}/decision", OperationID: "decideWorkorderExtension",
		Summary: "审批延期", Description: "批准（办结期限延至申请的期限）或不予批准（note 必填）。本人提出的申请不能自己审批。",
		Tags: apiTags, Auth: true, Request: TimeDecision{Approve: true, Note: "同意延期"},
		Responses: map[int]web.Response{200: {Description: "已审批的申请", Body: Extension{}}, 409: conflict}},
		timeDecide(h.c.DecideExtension))
	rt.API(web.Op{Method: "POST", Path: "/workorder-parkings/{id}/decision", OperationID: "decideWorkorderParking",
		Summary: "审批挂账", Description: "批准（工单挂账，时限暂停）或不予批准（note 必填，工单继续办理）。", Tags: apiTags, Auth: true,
		Request:   TimeDecision{Approve: false, Note: "请先协调物业维修"},
		Responses: map[int]web.Response{200: {Description: "已审批的申请", Body: Parking{}}, 409: conflict}},
		timeDecide(h.c.DecideParking))
}

func (h *ClockHandlers) apiTime(w http.ResponseWriter, r *http.Request) {
	v, err := h.c.Time(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"))
	timeReply(w, r, http.StatusOK, v, err)
}

func (h *ClockHandlers) apiUnpark(w http.ResponseWriter, r *http.Request) {
	var in unparkInput
	err := web.DecodeJSON(r, &in, maxTimeJSON)
	if err == nil {
		err = h.c.Unpark(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"), in.Note)
	}
	if err != nil {
		writeError(w, r, err)
		return
	}
	h.apiTime(w, r)
}

func (h *ClockHandlers) apiPending(w http.ResponseWriter, r *http.Request) {
	v, err := h.c.PendingRequests(r.Context(), web.ActorFrom(r.Context()))
	timeReply(w, r, http.StatusOK, v, err)
}

// timeAsk serves a request for time on the path's order: the body is the
// input, the answer the stored request.
func timeAsk[In, Out any](ask func(context.Context, *authz.Actor, string, In) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in In
		var out Out
		err := web.DecodeJSON(r, &in, maxTimeJSON)
		if err == nil {
			out, err = ask(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"), in)
		}
		timeReply(w, r, http.StatusCreated, out, err)
	}
}

// timeDecide serves a decision on the path's request: the answer is the
// decided request.
func timeDecide[Out any](decide func(context.Context, *authz.Actor, int64, TimeDecision) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var out Out
		id, d, err := decisionOf(r)
		if err == nil {
			out, err = decide(r.Context(), web.ActorFrom(r.Context()), id, d)
		}
		timeReply(w, r, http.StatusOK, out, err)
	}
}

// decisionOf reads a decision's path id and body.
func decisionOf(r *http.Request) (int64, TimeDecision, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, TimeDecision{}, apperr.NotFound("申请不存在")
	}
	var d TimeDecision
	if err := web.DecodeJSON(r, &d, maxTimeJSON); err != nil {
		return 0, TimeDecision{}, err
	}
	return id, d, nil
}

// timeReply writes v with status, or the error.
func timeReply(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, status, v)
}
