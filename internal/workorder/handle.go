package workorder

import (
	"context"
	"errors"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// The actions of handling and closure. Handling is further limited to the
// unit the order is assigned to (see Unit.HandledBy): the role alone is not
// enough.
var (
	// actHandle records notes and photos and closes the orders assigned to
	// one's unit: community social workers, grid workers, property staff,
	// the street enforcement team and department staff.
	actHandle = authz.Define("workorder.order.handle", "办理分派给本单位的诉求工单",
		authz.RoleFrontDesk, authz.RoleGridWorker, authz.RoleProperty, authz.RoleInspector, authz.RoleApprover)
	// actVerify checks a reported result on site (核查) within one's
	// scope; never the handler's own.
	actVerify = authz.Define("workorder.order.verify", "核查工单办理结果",
		authz.RoleFrontDesk, authz.RoleGridWorker, authz.RoleInspector)
	// actFollowUp records a follow-up (回访) made by phone or visit and
	// reopens an order the requester asked to reopen, within scope.
	actFollowUp = authz.Define("workorder.order.followup", "回访诉求人",
		authz.RoleFrontDesk, authz.RoleGridWorker)
	// actTriage merges duplicates (并单), refers orders elsewhere and
	// records a withdrawal made by phone, within scope.
	actTriage = authz.Define("workorder.order.triage", "并单、转交和代为撤销诉求工单",
		authz.RoleFrontDesk, authz.RoleGridWorker)
	// actRedact hides a photo (faces, plates, house numbers) within scope.
	actRedact = authz.Define("workorder.photo.redact", "遮蔽工单照片",
		authz.RoleFrontDesk, authz.RoleGridWorker, authz.RoleAdmin)
	// actOriginal opens the original of a redacted photo (audited).
	actOriginal = authz.Define("workorder.photo.original", "查看遮蔽照片的原件", authz.RoleAdmin)
)

// Notifier tells an account something, by SMS and in the app, inside the
// transaction of the change (identity's NotifyAccountTx). Texts carry no
// personal data and at most 140 characters.
type Notifier func(ctx context.Context, tx *db.Tx, accountID int64, text string) error

// HandlingRules are the district's settings for handling and closure; a
// zero field takes its default (DefaultHandlingRules).
type HandlingRules struct {
	// ReopenWindow is how long after 办结 the requester may reopen.
	ReopenWindow time.Duration
	// FollowUpWindow is how long after 办结 requesters may answer the
	// follow-up; an order still unanswered then is closed by a job.
	FollowUpWindow time.Duration
	// DuplicateRadiusM and DuplicateWindow bound the duplicates suggested
	// to staff: same category, this close (metres), filed this near in time.
	DuplicateRadiusM float64
	DuplicateWindow  time.Duration
	// Proof says what a closure must carry (DefaultProofRules when nil).
	Proof []ProofRule
}

// DefaultHandlingRules: a week to reopen and to answer, the usual
// 回访 period of the hotlines; duplicates within 200 m and 48 hours.
var DefaultHandlingRules = HandlingRules{ReopenWindow: 7 * 24 * time.Hour, FollowUpWindow: 7 * 24 * time.Hour,
	DuplicateRadiusM: 200, DuplicateWindow: 48 * time.Hour, Proof: DefaultProofRules}

// rules returns the handling rules with defaults filled in.
func (s *Service) rules() HandlingRules {
	r, d := s.Handling, DefaultHandlingRules
	if r.ReopenWindow <= 0 {
		r.ReopenWindow = d.ReopenWindow
	}
	if r.FollowUpWindow <= 0 {
		r.FollowUpWindow = d.FollowUpWindow
	}
	if r.DuplicateRadiusM <= 0 {
		r.DuplicateRadiusM = d.DuplicateRadiusM
	}
	if r.DuplicateWindow <= 0 {
		r.DuplicateWindow = d.DuplicateWindow
	}
	if r.Proof == nil {
		r.Proof = d.Proof
	}
	return r
}

// Text limits of handling.
const (
	maxNoteRunes   = 1000 // a handling note or a closure's explanation
	maxReasonRunes = 200  // a reason: reopening, failed verification, redaction
)

// NoteInput is a handling note; Reply makes it the unit's answer to the
// requester (首次响应 counts from the first), shown on their timeline.
type NoteInput struct {
	Text  string `json:"text"`
	Reply bool   `json:"reply"`
}

// AddNote records a note of the unit handling the order.
func (s *Service) AddNote(ctx context.Context, actor *authz.Actor, number string, in NoteInput) (OrderView, error) {
	if err := authz.Check(actor, actHandle, authz.Scope{}); err != nil {
		return OrderView{}, err
	}
	v := newViolations()
	text := checkText(v, "text", "办理记录", in.Text, maxNoteRunes, true)
	if err := v.err(); err != nil {
		return OrderView{}, err
	}
	kind := EventNote
	if in.Reply {
		kind = EventResponded
	}
	return s.act(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		unit, err := s.noteUnit(ctx, tx, actor, *o, in.Reply)
		if err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, o, Change{Kind: kind, Unit: unit, Note: text})
		return err
	})
}

// noteUnit is the unit a note is written for: the lead's, by its handler;
// or, for a note that is not a reply to the requester (the lead answers
// them), a co-unit the actor signed for (协办).
func (s *Service) noteUnit(ctx context.Context, q querier, actor *authz.Actor, o Order, reply bool) (string, error) {
	u, err := s.mustHandle(ctx, q, actor, o)
	if err == nil || reply || apperr.CodeOf(err) != apperr.CodeForbidden {
		return u.Unit.Ref(), err
	}
	a, found, aerr := s.assistOf(ctx, q, actor, o, AssignAccepted)
	if aerr != nil {
		return "", aerr
	}
	if !found {
		return "", errNotCoUnit
	}
	return a.Unit.Ref(), nil
}

// act loads the order the actor names inside a transaction, runs fn on it
// and returns the actor's view of the result.
func (s *Service) act(ctx context.Context, actor *authz.Actor, number string, fn func(tx *db.Tx, o *Order) error) (OrderView, error) {
	var o Order
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if o, err = s.loadActing(ctx, tx, actor, number); err != nil {
			return err
		}
		return fn(tx, &o)
	})
	if err != nil {
		return OrderView{}, err
	}
	return s.view(ctx, actor, o)
}

// loadActing reads an order for someone acting on it: whoever may view
// it, the handlers of the unit it is assigned to (a department's staff
// see no place) and the checkers whose scope covers it.
func (s *Service) loadActing(ctx context.Context, q querier, actor *authz.Actor, number string) (Order, error) {
	if actor == nil || actor.Anonymous() {
		return Order{}, apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	o, err := loadOrder(ctx, q, `number = ? AND district_code = ?`, number, actor.District)
	if errors.Is(err, errNoOrder) {
		return Order{}, errNotFound
	}
	if err != nil || mayView(actor, o) || covers(actor, actVerify, o) {
		return o, err
	}
	if _, ok, err := s.handlerOf(ctx, q, actor, o); err != nil || ok {
		return o, err
	}
	return Order{}, errNotFound
}

// mustHandle returns the order's lead hop when the actor handles for it.
func (s *Service) mustHandle(ctx context.Context, q querier, actor *authz.Actor, o Order) (Assignment, error) {
	a, found, err := assignedLead(ctx, q, o.ID)
	if err != nil {
		return Assignment{}, err
	}
	if !found {
		return Assignment{}, apperr.Conflict("工单尚未派给办理单位")
	}
	ok, err := s.handledBy(ctx, actor, o, a)
	if err != nil {
		return Assignment{}, err
	}
	if !ok {
		return Assignment{}, apperr.Forbidden("只有承办单位的办理人员可以办理该工单")
	}
	return a, nil
}
