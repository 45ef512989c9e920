package workorder

import (
	"context"
	"errors"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

var roleNames = map[AssignmentRole]string{RoleLead: "主办", RoleAssist: "协办"}

var assignmentStateNames = map[AssignmentState]string{AssignOffered: "抢单中", AssignPending: "待签收",
	AssignAccepted: "已签收", AssignReturned: "已退单", AssignWithdrawn: "已撤回", AssignDone: "已结束"}

var reviewNames = map[string]string{"upheld": "维持原派单", "reassigned": "已改派"}

// HopView is one hop of an order as staff read it.
type HopView struct {
	Role         AssignmentRole  `json:"role"`
	RoleName     string          `json:"role_name"`
	Mode         Mode            `json:"mode"`
	ModeName     string          `json:"mode_name"`
	Unit         string          `json:"unit"`
	UnitName     string          `json:"unit_name"`
	State        AssignmentState `json:"state"`
	StateName    string          `json:"state_name"`
	AssignedAt   time.Time       `json:"assigned_at"`
	AcceptedAt   *time.Time      `json:"accepted_at,omitempty"`
	ReturnedAt   *time.Time      `json:"returned_at,omitempty"`
	ReturnReason string          `json:"return_reason,omitempty"`
	Review       string          `json:"review,omitempty"`
	// Mine: the viewer is the worker who signed or grabbed it.
	Mine bool `json:"mine"`
}

// DispatchView is where an order stands between units: its state and
// every hop, oldest first.
type DispatchView struct {
	Number    string    `json:"number"`
	State     State     `json:"state"`
	StateName string    `json:"state_name"`
	Hops      []HopView `json:"hops"`
}

// hopView builds the line of one hop.
func (s *Service) hopView(ctx context.Context, actor *authz.Actor, district string, a Assignment) HopView {
	return HopView{Role: a.Role, RoleName: roleNames[a.Role], Mode: a.Mode, ModeName: a.Mode.Name(), Unit: a.Unit.Ref(),
		UnitName: s.unitName(ctx, district, a.Unit), State: a.State, StateName: assignmentStateNames[a.State],
		AssignedAt: a.AssignedAt, AcceptedAt: a.AcceptedAt, ReturnedAt: a.ReturnedAt, ReturnReason: a.ReturnReason,
		Review: reviewNames[a.ReviewResult], Mine: actor != nil && a.AccountID != 0 && a.AccountID == actor.AccountID}
}

// dispatchView reads the hops of o.
func (s *Service) dispatchView(ctx context.Context, actor *authz.Actor, o Order) (DispatchView, error) {
	hops, err := s.hopsOf(ctx, actor, o)
	if err != nil {
		return DispatchView{}, err
	}
	return DispatchView{Number: o.Number, State: o.State, StateName: o.State.Name(), Hops: hops}, nil
}

// hopsOf lists the hops of o, first first.
func (s *Service) hopsOf(ctx context.Context, actor *authz.Actor, o Order) ([]HopView, error) {
	as, err := assignmentsOf(ctx, s.DB, o.ID)
	if err != nil {
		return nil, err
	}
	hops := []HopView{}
	for _, a := range as {
		hops = append(hops, s.hopView(ctx, actor, o.District, a))
	}
	return hops, nil
}

// Hops returns where an order stands between units: for staff who may
// view it, dispatchers of its place, and members of a unit it was sent to.
func (s *Service) Hops(ctx context.Context, actor *authz.Actor, number string) (DispatchView, error) {
	if actor.Anonymous() {
		return DispatchView{}, apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	o, err := loadOrder(ctx, s.DB, `number = ? AND district_code = ?`, number, actor.District)
	if errors.Is(err, errNoOrder) {
		return DispatchView{}, errNotFound
	}
	if err != nil {
		return DispatchView{}, err
	}
	if actor.Kind != authz.KindStaff || !(mayView(actor, o) || mayDispatch(actor, o) || s.MayViewAssigned(ctx, actor, o)) {
		return DispatchView{}, errNotFound
	}
	return s.dispatchView(ctx, actor, o)
}

// MayViewAssigned reports whether the actor acts for a unit the order was
// sent to (any hop, past ones included): department staff and enforcement
// teams have no place scope, yet must read the orders sent to them.
func (s *Service) MayViewAssigned(ctx context.Context, actor *authz.Actor, o Order) bool {
	if actor == nil || actor.Kind != authz.KindStaff || actor.District != o.District {
		return false
	}
	as, err := assignmentsOf(ctx, s.DB, o.ID)
	if err != nil {
		return false
	}
	g, err := s.gazetteer(ctx, o.District)
	if err != nil {
		return false
	}
	for _, a := range as {
		if g.memberOf(actor, a.Unit) {
			return true
		}
	}
	return false
}

// refuse answers an actor who may not do something to an order: 404 when
// they may not even see it, else 403 with msg.
func (s *Service) refuse(ctx context.Context, actor *authz.Actor, o Order, msg string) error {
	if mayView(actor, o) || mayDispatch(actor, o) || s.MayViewAssigned(ctx, actor, o) {
		return apperr.Forbidden(msg)
	}
	return errNotFound
}
