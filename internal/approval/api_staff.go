package approval

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// NoticeBody is a one-time notice.
type NoticeBody struct {
	Defects []Defect `json:"defects"`
}

// ReasonsBody carries reasons in Chinese.
type ReasonsBody struct {
	Reasons string `json:"reasons"`
}

// CompleteBody is an approver's outcome.
type CompleteBody struct {
	Outcome Outcome `json:"outcome"`
	Opinion string  `json:"opinion"`
}

// TransferBody names the colleague a task goes to.
type TransferBody struct {
	To int64 `json:"to"`
}

// AddApproverBody names the department added to a stage.
type AddApproverBody struct {
	Department string `json:"department"`
	Name       string `json:"name"`
}

// SuspendBody says why a clock stops.
type SuspendBody struct {
	Kind   SuspensionKind `json:"kind"`
	Reason string         `json:"reason"`
}

func (h *Handlers) registerStaffAPI(rt *web.Router) {
	s := h.svc
	queue := op("GET", "/prereview/queue", "listPreReviewQueue", "预审队列",
		"全区待预审的办件，提交最早的在前（区街同权）。仅限窗口人员。", nil, 200, []Summary{})
	queue.Query = []web.Param{{Name: "item", Description: "事项实施编码"},
		{Name: "claimed", Description: "mine：我认领的；waiting：无人认领的"}}
	rt.API(queue, handle(200, func(r *http.Request, _ int64, _ none) (any, error) {
		f := QueueFilter{Item: r.URL.Query().Get("item")}
		switch r.URL.Query().Get("claimed") {
		case "":
		case "mine":
			f.Mine = true
		case "waiting":
			f.Waiting = true
		default:
			return nil, apperr.Invalid("claimed", "claimed 只能是 mine 或 waiting")
		}
		return s.Queue(r.Context(), web.ActorFrom(r.Context()), f, Page{})
	}))
	rt.API(op("POST", "/applications/{id}/claim", "claimApplication", "认领预审", "两人同时认领时只有一人成功。", nil, 200, Application{}),
		handle(200, func(r *http.Request, id int64, _ none) (any, error) {
			return s.Claim(r.Context(), web.ActorFrom(r.Context()), id)
		}))
	rt.API(op("POST", "/applications/{id}/unclaim", "unclaimApplication", "放回队列", "", nil, 200, none{}),
		handle(200, func(r *http.Request, id int64, _ none) (any, error) {
			return none{}, s.Unclaim(r.Context(), web.ActorFrom(r.Context()), id)
		}))
	rt.API(op("POST", "/applications/{id}/return", "returnForCorrection", "一次性告知补正",
		"一次列出全部问题（对象、原因、补正方法），通知申请人。", NoticeBody{}, 200, none{}),
		handle(200, func(r *http.Request, id int64, in NoticeBody) (any, error) {
			return none{}, s.ReturnForCorrection(r.Context(), web.ActorFrom(r.Context()), id, in.Defects)
		}))
	rt.API(op("POST", "/applications/{id}/accept", "acceptApplication", "受理",
		"在本人所在网点受理（网点层级须在事项行使层级内），生成受理通知书编号，转审批部门。", nil, 200, Application{}),
		handle(200, func(r *http.Request, id int64, _ none) (any, error) {
			return s.Accept(r.Context(), web.ActorFrom(r.Context()), id)
		}))
	rt.API(op("POST", "/applications/{id}/reject", "rejectApplication", "不予受理", "须写明理由和依据。", ReasonsBody{}, 200, none{}),
		handle(200, func(r *http.Request, id int64, in ReasonsBody) (any, error) {
			return none{}, s.Reject(r.Context(), web.ActorFrom(r.Context()), id, in.Reasons)
		}))
	h.registerTaskAPI(rt)
}

func (h *Handlers) registerTaskAPI(rt *web.Router) {
	s := h.svc
	rt.API(op("GET", "/tasks", "listTasks", "审批待办", "本人所在部门的审批任务：我认领的在前，其次待认领，各按剩余天数。", nil, 200, []InboxEntry{}),
		handle(200, func(r *http.Request, _ int64, _ none) (any, error) {
			return s.Inbox(r.Context(), web.ActorFrom(r.Context()))
		}))
	rt.API(op("POST", "/tasks/{id}/claim", "claimTask", "认领审批任务", "", nil, 200, Task{}),
		handle(200, func(r *http.Request, id int64, _ none) (any, error) {
			return s.ClaimTask(r.Context(), web.ActorFrom(r.Context()), id)
		}))
	rt.API(op("POST", "/tasks/{id}/complete", "completeTask", "办结审批环节",
		"outcome：approve 通过、refuse 不予许可（须写明理由和法律依据，审查环节不可用）、back 退回上一环节。", CompleteBody{}, 200, Application{}),
		handle(200, func(r *http.Request, id int64, in CompleteBody) (any, error) {
			return s.CompleteTask(r.Context(), web.ActorFrom(r.Context()), id, in.Outcome, in.Opinion)
		}))
	rt.API(op("POST", "/tasks/{id}/transfer", "transferTask", "转办", "转给本部门同事。", TransferBody{}, 200, Task{}),
		handle(200, func(r *http.Request, id int64, in TransferBody) (any, error) {
			return s.Transfer(r.Context(), web.ActorFrom(r.Context()), id, in.To)
		}))
	rt.API(op("POST", "/tasks/{id}/add-approver", "addApprover", "加签", "本环节增加一个部门会签。", AddApproverBody{}, 200, Task{}),
		handle(200, func(r *http.Request, id int64, in AddApproverBody) (any, error) {
			return s.AddApprover(r.Context(), web.ActorFrom(r.Context()), id, in.Department, in.Name)
		}))
	rt.API(op("POST", "/tasks/{id}/suspend", "suspendApplication", "中止计时",
		"kind：correction 退回申请人补正、hearing 听证、testing 检验检测、expert 专家评审。", SuspendBody{}, 200, none{}),
		handle(200, func(r *http.Request, id int64, in SuspendBody) (any, error) {
			return none{}, s.Suspend(r.Context(), web.ActorFrom(r.Context()), id, in.Kind, in.Reason)
		}))
}

func (h *Handlers) registerOverviewAPI(rt *web.Router) {
	s := h.svc
	rt.API(op("GET", "/applications/expiring", "listExpiring", "临期和超期办件",
		"按部门、按受理网点统计即将超过和已超过承诺时限的办件。领导和管理员看全区，审批人员看本部门。", nil, 200, Expiring{}),
		handle(200, func(r *http.Request, _ int64, _ none) (any, error) {
			return s.Expiring(r.Context(), web.ActorFrom(r.Context()))
		}))
}
