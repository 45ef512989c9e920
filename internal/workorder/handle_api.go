package workorder

import (
	"context"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// HandlingPhotoInput is one photo a handling unit adds through the API;
// Data is base64 in JSON.
type HandlingPhotoInput struct {
	Stage string `json:"stage"`
	Name  string `json:"name"`
	Data  []byte `json:"data"`
}

// reasonInput is a body carrying a reason.
type reasonInput struct {
	Reason string `json:"reason"`
}

// maxActionJSON bounds the body of a handling action.
const maxActionJSON = 64 << 10

// apiOrder documents an operation answering the order as the caller sees
// it, with its usual refusals.
func apiOrder(op web.Op) web.Op {
	op.Tags, op.Auth = apiTags, true
	op.Responses = map[int]web.Response{200: {Description: "操作后的工单", Body: OrderView{}},
		409: {Description: "工单当前状态不允许该操作，或已超过期限", Body: errorBodySchema}}
	return op
}

func (h *Handlers) registerHandlingAPI(rt *web.Router) {
	post := func(op web.Op, body func() any, limit int64, run func(ctx context.Context, a *authz.Actor, n string, in any) (OrderView, error)) {
		rt.API(apiOrder(op), func(w http.ResponseWriter, r *http.Request) {
			in := body()
			if err := web.DecodeJSON(r, in, limit); err != nil {
				writeError(w, r, err)
				return
			}
			v, err := run(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"), in)
			if err != nil {
				writeError(w, r, err)
				return
			}
			web.WriteJSON(w, http.StatusOK, v)
		})
	}
	post(web.Op{Method: "POST", Path: "/workorders/{number}/notes", OperationID: "addWorkorderNote", Summary: "记录办理情况",
		Description: "承办单位的办理人员记录办理情况；reply 为 true 时作为对诉求人的答复（诉求人可见，首次答复计为首次响应）。",
		Request:     NoteInput{Text: "已联系物业，明天上午派人处理", Reply: true}},
		func() any { return &NoteInput{} }, maxActionJSON,
		func(ctx context.Context, a *authz.Actor, n string, in any) (OrderView, error) {
			return h.svc.AddNote(ctx, a, n, *in.(*NoteInput))
		})
	post(web.Op{Method: "POST", Path: "/workorders/{number}/photos", OperationID: "addWorkorderHandlingPhoto",
		Summary: "上传办理照片", Description: "承办单位上传处理前（before）、处理后（after）或办结佐证（proof）照片；JPEG 或 PNG，不超过20MB。",
		Request: HandlingPhotoInput{Stage: StageAfter, Name: "处理后.jpg", Data: []byte{0xff, 0xd8, 0xff}}},
		func() any { return &HandlingPhotoInput{} }, maxPhotoJSON,
		func(ctx context.Context, a *authz.Actor, n string, in any) (OrderView, error) {
			p := in.(*HandlingPhotoInput)
			return h.svc.AddPhotos(ctx, a, n, PhotosInput{Stage: p.Stage, Photos: []PhotoUpload{{Name: p.Name, Data: p.Data}}})
		})
	post(web.Op{Method: "POST", Path: "/workorders/{number}/close", OperationID: "closeWorkorder", Summary: "办结或关闭工单",
		Description: "outcome：承办单位办结用 fixed（已解决）、not_fixed（未解决）、not_ours（非本区职责）；需要核查的分类，" +
			"fixed、not_fixed 先进入待核查。分拣人员在承办单位签收前可用 referred（转交）、cancelled（诉求人撤销）。重复诉求请用并单。" +
			"分类或规则要求的佐证（办理情况说明 note、处理后照片）缺少时返回 400，error.reasons 指明字段。",
		Request: CloseInput{Outcome: OutcomeFixed, Note: "已清理占道摊位，并告知摊主到指定区域经营"}},
		func() any { return &CloseInput{} }, maxActionJSON,
		func(ctx context.Context, a *authz.Actor, n string, in any) (OrderView, error) {
			return h.svc.Close(ctx, a, n, *in.(*CloseInput))
		})
	h.registerFollowingAPI(post)
	rt.API(web.Op{Method: "GET", Path: "/workorders/{number}/duplicates", OperationID: "listWorkorderDuplicates",
		Summary: "疑似重复工单", Description: "同一分类、相距不超过200米、受理时间相差不超过48小时（区里可调整）的在办工单，供分拣人员判断是否并单。",
		Tags: apiTags, Auth: true, Responses: map[int]web.Response{200: {Description: "疑似重复的工单",
			Body: web.List[Summary]{Items: []Summary{}}}}}, h.apiDuplicates)
	rt.API(apiOrder(web.Op{Method: "POST", Path: "/workorder-photos/{id}/redact", OperationID: "redactWorkorderPhoto",
		Summary: "遮蔽照片", Description: "遮蔽含有人脸、车牌、门牌等个人信息的照片：照片不再向任何人显示，原件加密保留，仅系统管理员可查看（留痕）。",
		Request: reasonInput{Reason: "照片含有路人面部"}}), h.apiRedact)
}

func (h *Handlers) apiDuplicates(w http.ResponseWriter, r *http.Request) {
	l, err := h.svc.Duplicates(r.Context(), web.ActorFrom(r.Context()), r.PathValue("number"))
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, web.List[Summary]{Items: l, Total: len(l)})
}

func (h *Handlers) apiRedact(w http.ResponseWriter, r *http.Request) {
	var in reasonInput
	if err := web.DecodeJSON(r, &in, maxActionJSON); err != nil {
		writeError(w, r, err)
		return
	}
	v, err := h.svc.Redact(r.Context(), web.ActorFrom(r.Context()), r.PathValue("id"), in.Reason)
	if err != nil {
		writeError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, v)
}

// postFn registers a JSON action on an order.
type postFn func(op web.Op, body func() any, limit int64, run func(ctx context.Context, a *authz.Actor, n string, in any) (OrderView, error))

func (h *Handlers) registerFollowingAPI(post postFn) {
	post(web.Op{Method: "POST", Path: "/workorders/{number}/verify", OperationID: "verifyWorkorder", Summary: "核查办理结果",
		Description: "承办单位以外的核查人员核查：pass 为 true 时按上报结果办结，否则退回办理（note 必填）。",
		Request:     VerifyInput{Pass: true, Note: "现场已恢复"}},
		func() any { return &VerifyInput{} }, maxActionJSON,
		func(ctx context.Context, a *authz.Actor, n string, in any) (OrderView, error) {
			return h.svc.Verify(ctx, a, n, *in.(*VerifyInput))
		})
	fixed := true
	post(web.Op{Method: "POST", Path: "/workorders/{number}/followup", OperationID: "followUpWorkorder", Summary: "回访评价",
		Description: "诉求人评价问题是否解决（fixed）和满意程度（satisfaction：5 非常满意、4 满意、3 基本满意、2 不满意、1 非常不满意）；" +
			"工作人员记录电话、短信或上门回访时填 channel（phone、sms、visit）。并单后的诉求人对合并后的工单评价。",
		Request: FollowUpInput{Fixed: &fixed, Satisfaction: VerySatisfied, Comment: "处理及时"}},
		func() any { return &FollowUpInput{} }, maxActionJSON,
		func(ctx context.Context, a *authz.Actor, n string, in any) (OrderView, error) {
			return h.svc.FollowUp(ctx, a, n, *in.(*FollowUpInput))
		})
	post(web.Op{Method: "POST", Path: "/workorders/{number}/reopen", OperationID: "reopenWorkorder", Summary: "申请重新办理",
		Description: "诉求人在办结后规定期限内（默认7天）申请重新办理；逾期返回 409。", Request: reasonInput{Reason: "问题又出现了"}},
		func() any { return &reasonInput{} }, maxActionJSON,
		func(ctx context.Context, a *authz.Actor, n string, in any) (OrderView, error) {
			return h.svc.Reopen(ctx, a, n, in.(*reasonInput).Reason)
		})
	post(web.Op{Method: "POST", Path: "/workorders/{number}/merge", OperationID: "mergeWorkorder", Summary: "并单",
		Description: "把本工单作为重复诉求并入 into 指定的在办工单：本工单以“重复诉求（已并单）”关闭，诉求人随后接收合并后工单的进度和回访。",
		Request:     MergeInput{Into: "GD20260302000001", Note: "同一路段同一问题"}},
		func() any { return &MergeInput{} }, maxActionJSON,
		func(ctx context.Context, a *authz.Actor, n string, in any) (OrderView, error) {
			return h.svc.Merge(ctx, a, n, *in.(*MergeInput))
		})
}
