package workorder

import (
	"context"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// maxNoticeRunes is the notice length identity accepts (one SMS).
const maxNoticeRunes = 140

// quietKinds are public events nobody is told about: the requester filed
// it themselves, and the survivor's new follower was told by the merge.
var quietKinds = map[EventKind]bool{EventFiled: true, EventFollowerAdded: true}

// NotifyRequesters is an event hook (register it with OnEvent while
// wiring) that tells the requester of an order, and the requesters of the
// orders merged into it, about each event public to them, through Notify,
// in the event's transaction. Nobody is told of their own action; orders
// of phone callers without an account are followed up by phone instead.
func (s *Service) NotifyRequesters(ctx context.Context, tx *db.Tx, o Order, e Event) error {
	if s.Notify == nil || !e.Public || quietKinds[e.Kind] {
		return nil
	}
	accounts, err := followerAccounts(ctx, tx, o)
	if err != nil {
		return err
	}
	text := s.noticeText(o, e)
	for _, id := range accounts {
		if id == e.ActorID && e.ActorKind != string(authz.KindStaff) {
			continue
		}
		if err := s.Notify(ctx, tx, id, text); err != nil {
			return wrap("notify requester", err)
		}
	}
	return nil
}

// noticeText is the notice of an event: the order number, what happened
// and, on 办结, the invitation to the follow-up. It carries no personal
// data.
func (s *Service) noticeText(o Order, e Event) string {
	head := "您反映的诉求（" + o.Number + "）"
	var body string
	switch e.Kind {
	case EventResolved:
		body = "已办结：" + e.Outcome.Name() + "。请在" + days(s.rules().FollowUpWindow) +
			"天内到「我的诉求」评价是否解决和满意程度；未解决可申请重新办理。"
	case EventMerged:
		var p mergePayload
		_ = json.Unmarshal(e.Payload, &p)
		body = "与工单" + p.Into + "为同一问题，已合并办理，后续进度将继续通知您。"
	case EventResponded:
		body = "办理单位答复：" + e.Note
	case EventDispatched, EventPooled:
		body = "已受理，并已派给办理单位，请留意办理进度。"
	case EventAccepted, EventGrabbed:
		body = "办理单位已签收，正在办理。"
	case EventClosed:
		body = "回访期满，已关闭。"
	case EventFollowedUp:
		body = "已完成回访，工单关闭。"
	default:
		body = "有新进展：" + e.Title() + "。"
		if e.Note != "" && e.Kind != EventReopened {
			body += e.Note
		}
	}
	return clip(head+body, maxNoticeRunes)
}

// clip shortens s to n runes, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
