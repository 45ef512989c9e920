package workorder

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// staffAbilities fills what a staff viewer may do with o now.
func (s *Service) staffAbilities(ctx context.Context, actor *authz.Actor, h *HandlingView, o Order) error {
	a, found, err := assignedLead(ctx, s.DB, o.ID)
	if err != nil {
		return err
	}
	handler := false
	if found {
		h.Unit = &UnitView{Target: a.Unit, Name: s.unitName(ctx, o.District, a.Unit), State: a.State}
		if handler, err = s.handledBy(ctx, actor, o, a); err != nil {
			return err
		}
	}
	h.Can.Note, h.Can.Photos = handler && o.State.Open(), handler && o.State.Open()
	if err := s.closeChoices(ctx, actor, h, o, handler); err != nil {
		return err
	}
	if h.Can.Verify, err = s.mayVerifyNow(ctx, actor, o, handler); err != nil {
		return err
	}
	h.Can.Merge = o.State.Open() && actor.May(actTriage, authz.Scope{}) && covers(actor, actTriage, o)
	if h.Can.Merge {
		if h.Duplicates, err = s.duplicatesOf(ctx, actor, o); err != nil {
			return err
		}
	}
	h.Can.Redact = covers(actor, actRedact, o)
	h.Can.Original = actor.May(actOriginal, authz.District(o.District))
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM workorder_followers WHERE order_id = ?`, o.ID).
		Scan(&h.Followers); err != nil {
		return fmt.Errorf("workorder: followers: %w", err)
	}
	return nil
}

// closeChoices lists the outcomes the viewer may close o with now: the
// handling unit's while it handles, triage staff's before a unit took it.
func (s *Service) closeChoices(ctx context.Context, actor *authz.Actor, h *HandlingView, o Order, handler bool) error {
	var outs []Outcome
	if handler && o.State == StateHandling {
		outs = append(outs, unitOutcomes...)
	}
	if mayCancel(o.State) && actor.May(actTriage, authz.Scope{}) && (covers(actor, actTriage, o) || enteredBy(actor, o)) {
		outs = append(outs, triageOutcomes...)
	}
	if len(outs) == 0 {
		return nil
	}
	t, err := s.TreeVersion(ctx, o.District, o.CategoryVersion)
	if err != nil {
		return err
	}
	for _, out := range outs {
		p := Proof{Note: true}
		if !isTriage(out) {
			p = s.proofFor(t, o.CategoryCode, out)
		}
		h.Outcomes = append(h.Outcomes, OutcomeChoice{Outcome: out, Name: out.Name(), Proof: p})
	}
	h.Can.Close = true
	return nil
}

// isTriage reports whether an outcome is set by triage staff.
func isTriage(o Outcome) bool { return o == OutcomeReferred || o == OutcomeCancelled }

// mayVerifyNow reports whether the viewer may verify o now.
func (s *Service) mayVerifyNow(ctx context.Context, actor *authz.Actor, o Order, handler bool) (bool, error) {
	if o.State != StateVerifying || !actor.May(actVerify, authz.Scope{}) || !covers(actor, actVerify, o) {
		return false, nil
	}
	rep, found, err := lastEvent(ctx, s.DB, o.ID, EventReported)
	if err != nil || !found {
		return false, err
	}
	return rep.ActorID != actor.AccountID && !handler, nil
}
