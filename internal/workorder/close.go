package workorder

import (
	"context"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// CloseInput closes an order with an outcome: the handling unit resolves
// it (fixed, not_fixed, not_ours), triage staff refer it elsewhere or
// record the requester's withdrawal. Duplicates are merged, not closed.
type CloseInput struct {
	Outcome Outcome `json:"outcome"`
	// Note explains the outcome to the requester.
	Note string `json:"note"`
	// Photos are after photos sent with the page form (the API uploads
	// them first with AddPhotos).
	Photos []PhotoUpload `json:"-"`
}

// triageOutcomes are the outcomes triage staff set.
var triageOutcomes = []Outcome{OutcomeReferred, OutcomeCancelled}

// Close closes or resolves an order. A unit's fixed or not_fixed goes to
// verification (核查) first when the category asks for it. The proof the
// rules ask for (ProofRule) must be there: else nothing is written and the
// missing proof is named by field.
func (s *Service) Close(ctx context.Context, actor *authz.Actor, number string, in CloseInput) (OrderView, error) {
	if !actor.May(actHandle, authz.Scope{}) && !actor.May(actTriage, authz.Scope{}) {
		return OrderView{}, authz.Check(actor, actHandle, authz.Scope{})
	}
	v := newViolations()
	note := checkText(v, "note", "办理情况说明", in.Note, maxNoteRunes, false)
	switch {
	case in.Outcome == "":
		v.add("outcome", ReasonRequired, "请选择办理结果")
	case in.Outcome == OutcomeDuplicate:
		v.add("outcome", ReasonNotAllowed, "重复诉求请使用并单，不能直接关闭")
	case !slices.Contains(unitOutcomes, in.Outcome) && !slices.Contains(triageOutcomes, in.Outcome):
		v.add("outcome", ReasonInvalid, "请选择有效的办理结果")
	}
	s.checkUploads(v, in.Photos)
	if err := v.err(); err != nil {
		return OrderView{}, err
	}
	return s.act(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		before := auditView(*o)
		var err error
		if slices.Contains(triageOutcomes, in.Outcome) {
			err = s.disposeTx(ctx, tx, actor, o, in.Outcome, note)
		} else {
			err = s.resolveTx(ctx, tx, actor, o, in, note)
		}
		if err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.order.close", ObjectType: "workorder",
			ObjectID: o.Number, Before: before, After: auditView(*o)})
	})
}

// resolveTx is the handling unit's closure: from handling only, with its
// proof; to verification when the category asks for it.
func (s *Service) resolveTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, o *Order, in CloseInput, note string) error {
	u, err := s.mustHandle(ctx, tx, actor, *o)
	if err != nil {
		return err
	}
	if o.State != StateHandling {
		return apperr.Conflict("工单当前为「" + o.State.Name() + "」，不能办结")
	}
	v := newViolations()
	if err := s.checkProof(ctx, tx, v, *o, in.Outcome, note, len(in.Photos)); err != nil {
		return err
	}
	if err := v.err(); err != nil {
		return err
	}
	if len(in.Photos) > 0 {
		if err := s.addPhotosTx(ctx, tx, actor, o, u, PhotosInput{Stage: StageAfter, Photos: in.Photos}); err != nil {
			return err
		}
	}
	kind, err := s.closingKind(ctx, *o, in.Outcome)
	if err != nil {
		return err
	}
	_, err = s.record(ctx, tx, actor, o, Change{Kind: kind, Outcome: in.Outcome, Unit: u.Unit.Ref(), Note: note})
	return err
}

// closingKind is reported (to verification) for a fixed or not fixed
// matter of a category that asks for 核查, resolved otherwise.
func (s *Service) closingKind(ctx context.Context, o Order, outcome Outcome) (EventKind, error) {
	t, err := s.TreeVersion(ctx, o.District, o.CategoryVersion)
	if err != nil {
		return "", err
	}
	c, _ := t.Effective(o.CategoryCode)
	if c.Verify && (outcome == OutcomeFixed || outcome == OutcomeNotFixed) {
		return EventReported, nil
	}
	return EventResolved, nil
}

// disposeTx refers an order elsewhere or records its withdrawal: triage
// staff within scope, before a unit handles it, with the reason.
func (s *Service) disposeTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, o *Order, outcome Outcome, note string) error {
	if !covers(actor, actTriage, *o) && !enteredBy(actor, *o) || !actor.May(actTriage, authz.Scope{}) {
		return apperr.Forbidden("您无权" + actTriage.Title)
	}
	if note == "" {
		msg := "请说明转交的单位或渠道"
		if outcome == OutcomeCancelled {
			msg = "请说明诉求人撤销的原因和方式"
		}
		v := newViolations()
		v.add("note", ReasonRequired, msg)
		return v.err()
	}
	kind := EventReferred
	if outcome == OutcomeCancelled {
		kind = EventCancelled
	}
	_, err := s.record(ctx, tx, actor, o, Change{Kind: kind, Outcome: outcome, Note: note})
	return err
}
