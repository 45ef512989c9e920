package workorder

import (
	"encoding/json"
	"time"
)

// EventKind names one kind of change of an order.
type EventKind string

// The event kinds. Part 1 records filed; the others are the vocabulary of
// the later parts (dispatch, clocks, handling, follow-up, merging), fixed
// here so the state machine and the measures know them all.
const (
	EventFiled            EventKind = "filed"             // 受理 (payload: filedPayload)
	EventDispatched       EventKind = "dispatched"        // 派单 to a unit
	EventPooled           EventKind = "pooled"            // 进入抢单池
	EventGrabbed          EventKind = "grabbed"           // 抢单成功
	EventAccepted         EventKind = "accepted"          // 签收
	EventReturned         EventKind = "returned"          // 退单 (reason)
	EventReturnUpheld     EventKind = "return_upheld"     // 退单不予认可，原单位继续办理
	EventReassigned       EventKind = "reassigned"        // 改派
	EventAssistAdded      EventKind = "assist_added"      // 增加协办单位
	EventResponded        EventKind = "responded"         // 首次响应（答复诉求人）
	EventNote             EventKind = "note"              // 办理记录
	EventPhotoAdded       EventKind = "photo_added"       // 上传照片（处理前后、佐证）
	EventPhotoRedacted    EventKind = "photo_redacted"    // 照片遮蔽
	EventWarned           EventKind = "warned"            // 临期预警
	EventUrged            EventKind = "urged"             // 催办
	EventEscalated        EventKind = "escalated"         // 逾期升级
	EventExtensionAsked   EventKind = "extension_asked"   // 申请延期
	EventExtensionDecided EventKind = "extension_decided" // 延期审批
	EventParked           EventKind = "parked"            // 挂账
	EventUnparked         EventKind = "unparked"          // 恢复办理
	EventParkAsked        EventKind = "park_asked"        // 申请挂账 (awaits a supervisor)
	EventParkRefused      EventKind = "park_refused"      // 挂账申请未获批准
	EventReported         EventKind = "reported"          // 办理完毕，提请核查
	EventVerifyFailed     EventKind = "verify_failed"     // 核查未通过
	EventResolved         EventKind = "resolved"          // 办结 (outcome)
	EventFollowedUp       EventKind = "followed_up"       // 回访
	EventClosed           EventKind = "closed"            // 关闭（回访期满）
	EventReopened         EventKind = "reopened"          // 重新办理
	EventMerged           EventKind = "merged"            // 并单 into another order
	EventReferred         EventKind = "referred"          // 转交其他渠道
	EventCancelled        EventKind = "cancelled"         // 撤销
	EventRecategorised    EventKind = "recategorised"     // 更正分类
	EventRelocated        EventKind = "relocated"         // 更正位置或所属社区
	EventFollowerAdded    EventKind = "follower_added"    // 并单后增加关注人
	EventAssistAccepted   EventKind = "assist_accepted"   // 协办单位签收
	EventAssistDone       EventKind = "assist_done"       // 协办完成 (the co-unit's opinion)
)

var eventNames = map[EventKind]string{
	EventFiled: "受理", EventDispatched: "派单", EventPooled: "发布抢单", EventGrabbed: "抢单", EventAccepted: "签收",
	EventReturned: "退单", EventReturnUpheld: "维持派单", EventReassigned: "改派", EventAssistAdded: "增加协办",
	EventResponded: "答复", EventNote: "记录办理情况", EventPhotoAdded: "上传照片", EventPhotoRedacted: "遮蔽照片",
	EventWarned: "临期预警", EventUrged: "催办", EventEscalated: "逾期升级", EventExtensionAsked: "申请延期",
	EventExtensionDecided: "审批延期", EventParked: "挂账", EventUnparked: "恢复办理", EventReported: "报请核查",
	EventVerifyFailed: "核查退回", EventResolved: "办结", EventFollowedUp: "回访", EventClosed: "关闭",
	EventReopened: "重新办理", EventMerged: "并单", EventReferred: "转交", EventCancelled: "撤销",
	EventRecategorised: "更正分类", EventRelocated: "更正位置", EventFollowerAdded: "增加关注人",
	EventAssistAccepted: "协办签收", EventAssistDone: "协办完成",
	EventParkAsked: "申请挂账", EventParkRefused: "驳回挂账申请",
}

// Name is the event kind's Chinese name (a verb: "不能" + Name reads well).
func (k EventKind) Name() string { return nameOr(eventNames, k) }

// Event is one row of an order's history.
type Event struct {
	ID        int64           `json:"-"`
	OrderID   int64           `json:"-"`
	Seq       int             `json:"seq"`
	Kind      EventKind       `json:"kind"`
	ActorKind string          `json:"actor_kind"`
	ActorID   int64           `json:"-"`
	ActorRole string          `json:"actor_role,omitempty"`
	Unit      string          `json:"unit,omitempty"`
	From      State           `json:"state_from,omitempty"`
	To        State           `json:"state_to"`
	Outcome   Outcome         `json:"outcome,omitempty"`
	Public    bool            `json:"public"`
	Note      string          `json:"note,omitempty"`
	Payload   json.RawMessage `json:"payload,omitempty"`
	At        time.Time       `json:"at"`
}

// Title is the event as a timeline line.
func (e Event) Title() string {
	if e.Kind == EventFiled {
		return "诉求已受理"
	}
	if e.Outcome != "" && (e.To == StateResolved || e.To == StateClosed) {
		return e.Kind.Name() + "：" + e.Outcome.Name()
	}
	return e.Kind.Name()
}

// filedPayload is the payload of a filed event: what the measures and the
// dispatch part need without reading the order back.
type filedPayload struct {
	Channel         Channel     `json:"channel"`
	Category        string      `json:"category"`
	CategoryVersion int         `json:"category_version"`
	Urgency         Urgency     `json:"urgency"`
	Street          string      `json:"street"`
	Community       string      `json:"community"`
	Grid            string      `json:"grid,omitempty"`
	PlaceSource     PlaceSource `json:"place_source"`
	Photos          int         `json:"photos"`
	EnteredBy       int64       `json:"entered_by,omitempty"`
	APIKey          int64       `json:"api_key,omitempty"`
}
