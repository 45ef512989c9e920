package workorder

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxDispatchJSON bounds the body of a dispatch operation.
const maxDispatchJSON = 16 << 10

// returnInput is the body of a return (退单).
type returnInput struct {
	Reason string `json:"reason"`
}

// upholdInput is the body of an upheld return.
type upholdInput struct {
	Note string `json:"note"`
}

// assistDoneInput is the body of a co-unit's finished part.
type assistDoneInput struct {
	Opinion string `json:"opinion"`
}

// assistInput is the body of a co-unit added.
type assistInput struct {
	Unit Target `json:"unit"`
	Note string `json:"note,omitempty"`
}

var dispatchTags = []string{"派单"}

func (h *Handlers) registerDispatchAPI(rt *web.Router) {
	view := map[int]web.Response{200: {Description: "工单的派单情况（各单位的主办、协办记录）", Body: DispatchView{Hops: []HopView{}}},
		409: {Description: "工单状态已变化（已被签收、抢走或改派）", Body: errorBodySchema}}
	rt.API(web.Op{Method: "GET", Path: "/workorder-queue", OperationID: "getWorkorderQueue", Summary: "我的派单",
		Description: "派给本人所在单位的工单（主办、协办），以及本人正在接单时、距离3公里以内的本单位抢单池工单。", Tags: dispatchTags,
		Auth: true, Responses: map[int]web.Response{200: {Description: "派单队列", Body: Queue{Assigned: []QueueItem{}, Pool: []QueueItem{}}}}},
		h.apiQueue)
	rt.API(web.Op{Method: "PUT", Path: "/workorder-availability", OperationID: "setWorkorderAvailability", Summary: "接单状态",
		Description: "开始或暂停接收抢单；可同时上报当前位置（lat、lng 同时给出，须在本区内）。未上报位置时按所在社区或街道的近似中心计算距离。",
		Tags:        dispatchTags, Auth: true, Request: AvailabilityInput{Available: true, Lat: ptr64(32.1), Lng: ptr64(118.92)},
		Responses: map[int]web.Response{200: {Description: "接单状态", Body: WorkerStatus{}}}}, h.apiAvailability)
	rt.API(web.Op{Method: "GET", Path: "/workorder-reviews", OperationID: "listWorkorderReviews", Summary: "派单审核",
		Description: "区、街道政务服务中心的全科社工（派单员）辖区内退单待审和待派单的工单。", Tags: dispatchTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "待审核", Body: ReviewQueue{Returned: []ReviewItem{}, Waiting: []ReviewItem{}}}}},
		h.apiReviews)
	rt.API(web.Op{Method: "GET", Path: "/workorders/{number}/hops", OperationID: "getWorkorderHops", Summary: "派单记录",
		Description: "工单派给过的单位：主办、协办、抢单，签收、退单及审核结果。", Tags: dispatchTags, Auth: true, Responses: view}, h.apiHops)
	for _, op := range []web.Op{
		{Path: "/workorders/{number}/accept", OperationID: "acceptWorkorder", Summary: "签收",
			Description: "承办单位的工作人员签收派给本单位的工单，工单进入处理中。"},
		{Path: "/workorders/{number}/grab", OperationID: "grabWorkorder", Summary: "抢单",
			Description: "抢单池中的工单，先到先得：同时抢单只有一人成功，其他人得到 409。须为本单位人员、正在接单且距工单3公里以内。"},
		{Path: "/workorders/{number}/assist/accept", OperationID: "acceptWorkorderAssist", Summary: "协办签收",
			Description: "协办单位的工作人员签收请本单位协办的工单；工单状态由主办单位决定，不变。"},
		{Path: "/workorders/{number}/assist/done", OperationID: "finishWorkorderAssist", Summary: "协办完成",
			Description: "已签收的协办人员写明协办意见（必填），结束本单位的协办，主办单位在工单上可见。", Request: assistDoneInput{Opinion: "已配合完成占道清理"}},
		{Path: "/workorders/{number}/return", OperationID: "returnWorkorder", Summary: "退单",
			Description: "承办单位认为不属于本单位职责，说明理由（必填）退回派单员审核。", Request: returnInput{Reason: "该路段属于相邻街道辖区"}},
		{Path: "/workorders/{number}/reassign", OperationID: "reassignWorkorder", Summary: "派单、改派",
			Description: "派单员派出待派单的工单，或改派退单、已派出的工单（改派须写 note）。unit 省略时按派单目录；unit.code 留空表示工单所在的社区、" +
				"网格、街道或小区物业；mode 为 direct、grab（仅待派单、退单）或 joint（assists 为协办单位）。部门职责事项只有派单目录允许下派时才能派给社区、网格。",
			Request: AssignInput{Unit: &Target{Kind: KindStreet, Team: TeamEnforcement}, Note: "属街道执法队职责"}},
		{Path: "/workorders/{number}/uphold", OperationID: "upholdWorkorderReturn", Summary: "维持派单",
			Description: "派单员审核退单，不予认可：工单退回原单位待签收，须写理由。", Request: upholdInput{Note: "属于社区职责，请继续办理"}},
		{Path: "/workorders/{number}/assists", OperationID: "addWorkorderAssist", Summary: "增加协办单位",
			Description: "派单员为待签收或处理中的工单增加协办单位。", Request: assistInput{Unit: Target{Kind: KindDepartment, Code: "320113D21"}}},
	} {
		op.Method, op.Tags, op.Auth, op.Responses = "POST", dispatchTags, true, view
		rt.API(op, h.apiDispatchStep(op.OperationID))
	}
}

func (h *Handlers) apiQueue(w http.ResponseWriter, r *http.Request) {
	q, err := h.svc.Queue(r.Context(), web.ActorFrom(r.Context()))
	answer(w, r, q, err)
}

func (h *Handlers) apiAvailability(w http.ResponseWriter, r *http.Request) {
	var in AvailabilityInput
	err := web.DecodeJSON(r, &in, maxDispatchJSON)
	var st WorkerStatus
	if err == nil {
		st, err = h.svc.SetAvailability(r.Context(), web.ActorFrom(r.Context()), in)
	}
	answer(w, r, st, err)
}

func (h *Handlers) apiReviews(w http.ResponseWriter, r *http.Request) {
	q, err := h.svc.Reviews(r.Context(), web.ActorFrom(r.Context()))
	answer(w, r, q, err)
}

func (h *Handlers) apiHops(w http.ResponseWriter, r *http.Request) {
	v, err := h.svc.Hops(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"))
	answer(w, r, v, err)
}

// apiDispatchStep serves one POST operation on an order.
func (h *Handlers) apiDispatchStep(op string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := h.dispatchStep(r, op, web.ActorFrom(r.Context()), r.PathValue("number"))
		answer(w, r, v, err)
	}
}

// dispatchStep decodes the body of op and runs it.
func (h *Handlers) dispatchStep(r *http.Request, op string, actor *authz.Actor, number string) (DispatchView, error) {
	ctx := r.Context()
	switch op {
	case "acceptWorkorder":
		return h.svc.Accept(ctx, actor, number)
	case "grabWorkorder":
		return h.svc.Grab(ctx, actor, number)
	case "acceptWorkorderAssist":
		return h.svc.AcceptAssist(ctx, actor, number)
	case "finishWorkorderAssist":
		var in assistDoneInput
		if err := web.DecodeJSON(r, &in, maxDispatchJSON); err != nil {
			return DispatchView{}, err
		}
		return h.svc.FinishAssist(ctx, actor, number, in.Opinion)
	case "returnWorkorder":
		var in returnInput
		if err := web.DecodeJSON(r, &in, maxDispatchJSON); err != nil {
			return DispatchView{}, err
		}
		return h.svc.Return(ctx, actor, number, in.Reason)
	case "reassignWorkorder":
		var in AssignInput
		if err := web.DecodeJSON(r, &in, maxDispatchJSON); err != nil {
			return DispatchView{}, err
		}
		return h.svc.Assign(ctx, actor, number, in)
	case "upholdWorkorderReturn":
		var in upholdInput
		if err := web.DecodeJSON(r, &in, maxDispatchJSON); err != nil {
			return DispatchView{}, err
		}
		return h.svc.Uphold(ctx, actor, number, in.Note)
	}
	var in assistInput
	if err := web.DecodeJSON(r, &in, maxDispatchJSON); err != nil {
		return DispatchView{}, err
	}
	return h.svc.AddAssist(ctx, actor, number, in.Unit, in.Note)
}

// answer writes v, or the error.
func answer(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, v)
}
