package workorder

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Satisfaction is how satisfied a requester is, on the five levels of the
// service ratings (国办发〔2019〕51号, the same as internal/rating): 5
// 非常满意 … 1 非常不满意.
type Satisfaction int

// The levels.
const (
	VeryDissatisfied Satisfaction = 1
	Dissatisfied     Satisfaction = 2
	Fair             Satisfaction = 3
	Satisfied        Satisfaction = 4
	VerySatisfied    Satisfaction = 5
)

// Satisfactions lists the levels best first, as the follow-up offers them.
var Satisfactions = []Satisfaction{VerySatisfied, Satisfied, Fair, Dissatisfied, VeryDissatisfied}

var satisfactionNames = map[Satisfaction]string{VerySatisfied: "非常满意", Satisfied: "满意", Fair: "基本满意",
	Dissatisfied: "不满意", VeryDissatisfied: "非常不满意"}

// Name is the level's Chinese name.
func (l Satisfaction) Name() string {
	if n, ok := satisfactionNames[l]; ok {
		return n
	}
	return "未评价"
}

// Follow-up channels (workorder_followups.channel).
const (
	FollowOnline = "online" // the requester on their order's page
	FollowPhone  = "phone"  // staff called
	FollowSMS    = "sms"    // staff recorded a text reply
	FollowVisit  = "visit"  // staff visited
)

// staffChannels are the channels staff record follow-ups through.
var staffChannels = []string{FollowPhone, FollowSMS, FollowVisit}

// FollowUpInput is a requester's answer to the follow-up (回访).
type FollowUpInput struct {
	Fixed        *bool        `json:"fixed"`
	Satisfaction Satisfaction `json:"satisfaction"`
	Comment      string       `json:"comment"`
	// Channel is how staff reached the requester (phone, sms, visit);
	// ignored for the requester's own answer (online).
	Channel string `json:"channel"`
}

// maxCommentRunes bounds a follow-up's comment.
const maxCommentRunes = 500

// FollowUp records a requester's answer to the follow-up of an order's
// latest resolution: the requester on their page, or staff within scope
// who phoned or visited them. number may name an order merged into
// another: the answer is then about the surviving order, for its
// requester. The first answer closes a resolved order; each requester
// answers once per resolution, within the follow-up period.
func (s *Service) FollowUp(ctx context.Context, actor *authz.Actor, number string, in FollowUpInput) (OrderView, error) {
	if err := mayFollow(actor); err != nil {
		return OrderView{}, err
	}
	v := newViolations()
	if in.Fixed == nil {
		v.add("fixed", ReasonRequired, "请选择问题是否已解决")
	}
	if _, ok := satisfactionNames[in.Satisfaction]; !ok {
		v.add("satisfaction", ReasonRequired, "请选择满意程度")
	}
	comment := checkText(v, "comment", "意见建议", in.Comment, maxCommentRunes, false)
	if actor.Kind == authz.KindStaff && !slices.Contains(staffChannels, in.Channel) {
		v.add("channel", ReasonRequired, "请选择回访方式：电话、短信或上门")
	}
	if err := v.err(); err != nil {
		return OrderView{}, err
	}
	in.Comment = comment
	return s.actFollowing(ctx, actor, number, func(tx *db.Tx, own, target *Order, staff bool) error {
		return s.followUpTx(ctx, tx, actor, own, target, staff, in)
	})
}

// followUpTx checks that the follow-up is open and records the answer.
func (s *Service) followUpTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, own, target *Order, staff bool, in FollowUpInput) error {
	seq, err := s.followUpOpen(ctx, tx, *target)
	if err != nil {
		return err
	}
	channel := FollowOnline
	if staff {
		channel = in.Channel
	}
	_, err = tx.Exec(ctx, `INSERT INTO workorder_followups (order_id, channel, asked_at, asked_by, answered_at, fixed,
		satisfaction, comment, resolved_seq, for_order_id, answered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		target.ID, channel, *target.ResolvedAt, 0, tx.Now(), *in.Fixed, int(in.Satisfaction), in.Comment, seq, own.ID,
		actor.AccountID)
	if db.IsUniqueViolation(err) {
		return apperr.Conflict("该诉求本次办结的回访已经记录过了")
	}
	if err != nil {
		return fmt.Errorf("workorder: follow-up: %w", err)
	}
	if target.State != StateResolved {
		return nil // another requester's answer closed it already
	}
	_, err = s.record(ctx, tx, actor, target, Change{Kind: EventFollowedUp, Payload: followUpPayload{Fixed: *in.Fixed,
		Satisfaction: in.Satisfaction, Channel: channel, For: own.Number}})
	return err
}

// followUpPayload is the payload of a followed_up event.
type followUpPayload struct {
	Fixed        bool         `json:"fixed"`
	Satisfaction Satisfaction `json:"satisfaction"`
	Channel      string       `json:"channel"`
	For          string       `json:"for"`
}

// followUpOpen returns the seq of the resolution a follow-up of target is
// about, or why there is none to answer.
func (s *Service) followUpOpen(ctx context.Context, q querier, target Order) (int, error) {
	if !answerable(target) {
		return 0, apperr.Conflict("该诉求目前没有待回访的办理结果")
	}
	if s.DB.Clock.Now().After(target.ResolvedAt.Add(s.rules().FollowUpWindow)) {
		return 0, apperr.Conflict("已超过办结后" + days(s.rules().FollowUpWindow) + "天的回访期限")
	}
	e, found, err := lastEvent(ctx, q, target.ID, EventResolved)
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, apperr.Conflict("该诉求目前没有待回访的办理结果")
	}
	return e.Seq, nil
}

// answerable reports whether an order's state has a resolution to ask
// about: resolved by its unit, or closed since (by an answer).
func answerable(o Order) bool {
	return (o.State == StateResolved || o.State == StateClosed) && slices.Contains(unitOutcomes, o.Outcome) &&
		o.ResolvedAt != nil
}

// days writes a whole number of days.
func days(d time.Duration) string { return itoa(int(d / (24 * time.Hour))) }
