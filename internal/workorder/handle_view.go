package workorder

import (
	"context"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// HandlingView is the handling part of an order as one viewer sees it:
// what the viewer may do now, the unit, the follow-ups, and for a merged
// order the survivor its requester follows. Nil for viewers who are
// neither its requester nor staff.
type HandlingView struct {
	// Unit is the unit the order is with (staff only).
	Unit *UnitView `json:"unit,omitempty"`
	// MergedInto is the surviving order of a merged one; Survivor is its
	// public progress, as the merged order's requester follows it.
	MergedInto string         `json:"merged_into,omitempty"`
	Survivor   *FollowedOrder `json:"survivor,omitempty"`
	// Followers counts the orders merged into this one (staff only).
	Followers int            `json:"followers,omitempty"`
	FollowUps []FollowUpView `json:"follow_ups,omitempty"`
	// FollowUpUntil and ReopenUntil end the viewer's follow-up and
	// reopening, when they may still answer or reopen.
	FollowUpUntil *time.Time `json:"follow_up_until,omitempty"`
	ReopenUntil   *time.Time `json:"reopen_until,omitempty"`
	Can           Abilities  `json:"can"`
	// Outcomes the viewer may close the order with now, and their proof.
	Outcomes []OutcomeChoice `json:"outcomes,omitempty"`
	// Duplicates are possible duplicates to merge (triage staff).
	Duplicates []Summary `json:"duplicates,omitempty"`
}

// UnitView is the unit an order is with, named.
type UnitView struct {
	Target
	Name  string          `json:"name"`
	State AssignmentState `json:"state"`
}

// Abilities say what the viewer may do with the order now.
type Abilities struct {
	Note     bool `json:"note"`
	Photos   bool `json:"photos"`
	Close    bool `json:"close"`
	Verify   bool `json:"verify"`
	FollowUp bool `json:"follow_up"`
	Reopen   bool `json:"reopen"`
	Merge    bool `json:"merge"`
	Redact   bool `json:"redact"`
	Original bool `json:"original"`
}

// OutcomeChoice is an outcome offered to the viewer and what it needs.
type OutcomeChoice struct {
	Outcome Outcome `json:"outcome"`
	Name    string  `json:"name"`
	Proof   Proof   `json:"proof"`
}

// FollowedOrder is the public progress of the order a merged order's
// requester follows: no requester, text, place or photos of another
// person's request.
type FollowedOrder struct {
	Number       string         `json:"number"`
	CategoryName string         `json:"category_name"`
	PublicState  string         `json:"public_state"`
	Outcome      Outcome        `json:"outcome,omitempty"`
	OutcomeName  string         `json:"outcome_name,omitempty"`
	Timeline     []TimelineLine `json:"timeline"`
}

// handlingOf builds the viewer's handling view of o.
func (s *Service) handlingOf(ctx context.Context, actor *authz.Actor, o Order) (*HandlingView, error) {
	requester := isRequester(actor, o)
	staff := actor != nil && actor.Kind == authz.KindStaff && actor.District == o.District
	if !requester && !staff {
		return nil, nil
	}
	h := &HandlingView{}
	target := o
	if o.MergedInto != 0 {
		var err error
		if target, err = survivorOf(ctx, s.DB, o); err != nil {
			return nil, err
		}
		h.MergedInto = target.Number
		if h.Survivor, err = s.followedOrder(ctx, target); err != nil {
			return nil, err
		}
	}
	if err := s.followUpState(ctx, actor, h, o, target, requester); err != nil {
		return nil, err
	}
	if staff {
		if err := s.staffAbilities(ctx, actor, h, o); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// followedOrder is the survivor's public progress.
func (s *Service) followedOrder(ctx context.Context, o Order) (*FollowedOrder, error) {
	t, err := s.TreeVersion(ctx, o.District, o.CategoryVersion)
	if err != nil {
		return nil, err
	}
	c, _ := t.Find(o.CategoryCode)
	f := &FollowedOrder{Number: o.Number, CategoryName: c.Name, PublicState: o.State.PublicName(), Outcome: o.Outcome,
		Timeline: []TimelineLine{}}
	if o.Outcome != "" {
		f.OutcomeName = o.Outcome.Name()
	}
	events, err := eventsOf(ctx, s.DB, o.ID, true)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		f.Timeline = append(f.Timeline, TimelineLine{Kind: e.Kind, Title: e.Title(), Note: e.Note, At: e.At, By: byOf(e)})
	}
	return f, nil
}

// followUpState fills the follow-ups the viewer sees and whether they may
// answer or reopen: own is the viewer's order, target the one it follows.
func (s *Service) followUpState(ctx context.Context, actor *authz.Actor, h *HandlingView, own, target Order, requester bool) error {
	staff := !requester
	all, err := followUpsOf(ctx, s.DB, target.ID)
	if err != nil {
		return err
	}
	for _, f := range all {
		if staff && (own.ID == target.ID || f.forID == own.ID) || requester && f.forID == own.ID {
			h.FollowUps = append(h.FollowUps, f.FollowUpView)
		}
	}
	if !answerable(target) {
		return nil
	}
	if !requester && (!actor.May(actFollowUp, authz.Scope{}) || s.mayFollowUpFor(ctx, s.DB, actor, target) != nil) {
		return nil
	}
	now := s.DB.Clock.Now()
	if until := target.ResolvedAt.Add(s.rules().ReopenWindow); !now.After(until) {
		h.Can.Reopen, h.ReopenUntil = true, &until
	}
	until := target.ResolvedAt.Add(s.rules().FollowUpWindow)
	last, _, err := lastEvent(ctx, s.DB, target.ID, EventResolved)
	if err != nil || now.After(until) {
		return err
	}
	for _, f := range all {
		if f.seq == last.Seq && f.forID == own.ID {
			return nil
		}
	}
	h.Can.FollowUp, h.FollowUpUntil = true, &until
	return nil
}
