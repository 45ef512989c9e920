package workorder

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// AssignInput is a dispatcher's choice: the unit (nil: as the catalogue
// says), the mode (direct when empty; grab offers it to the unit's pool;
// joint adds the assists as 协办) and a note (required for a 改派).
type AssignInput struct {
	Unit    *Target  `json:"unit,omitempty"`
	Mode    Mode     `json:"mode,omitempty"`
	Assists []Target `json:"assists,omitempty"`
	Note    string   `json:"note,omitempty"`
}

// dispatchNoteRunes bounds a dispatcher's note.
const dispatchNoteRunes = 500

// Assign dispatches an order by hand: one waiting for a dispatcher (待派单)
// is dispatched; one returned (退单) is re-assigned (改派) after review;
// one with a unit (assigned, in a pool, in handling) is taken from it and
// re-assigned. A department's matter goes to a community or grid only
// where a catalogue rule allows it. Dispatchers of the order's street or
// district only.
func (s *Service) Assign(ctx context.Context, actor *authz.Actor, number string, in AssignInput) (DispatchView, error) {
	return s.dispatcherTx(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		first := o.State == StateFiled
		v := newViolations()
		note := checkText(v, "note", "改派说明", in.Note, dispatchNoteRunes, !first)
		if err := v.err(); err != nil {
			return err
		}
		d, err := s.choose(ctx, tx, *o, in)
		if err != nil {
			return err
		}
		prev, err := s.release(ctx, tx, actor, *o, d)
		if err != nil {
			return err
		}
		kind := kindFor(d.Mode, EventReassigned)
		if first && kind == EventReassigned {
			kind = EventDispatched
		}
		if err := s.apply(ctx, tx, actor, o, d, applyOpts{kind: kind, note: note, previous: prev,
			keepAssists: d.Mode != ModeJoint}); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.dispatch.assign",
			ObjectType: "workorder", ObjectID: o.Number, After: d.payload(prev)})
	})
}

// choose turns a dispatcher's input into a decision: the catalogue's when
// no unit is named, else the named unit ("own" codes resolved) after
// checking it exists and may receive the matter.
func (s *Service) choose(ctx context.Context, tx *db.Tx, o Order, in AssignInput) (decision, error) {
	if in.Unit == nil {
		d, ok, err := s.decide(ctx, tx, o)
		if err == nil && !ok {
			err = apperr.Invalid("unit", "派单目录和分类的默认处置单位都无法确定承办单位，请指定单位")
		}
		return d, err
	}
	d := decision{Lead: own(*in.Unit, o), Mode: in.Mode, Source: sourceManual}
	if d.Mode == "" {
		d.Mode = ModeDirect
	}
	for _, a := range in.Assists {
		d.Assists = append(d.Assists, own(a, o))
	}
	rule := Rule{Unit: d.Lead, Mode: d.Mode, Assists: d.Assists}
	dir, err := s.directory(ctx, o.District, gridCodesOf([]Rule{rule}))
	if err != nil {
		return decision{}, err
	}
	p, named := problems{}, problems{}
	dir.checkRule(p, "in", rule, &Tree{})
	for k, msg := range p {
		named[strings.TrimPrefix(k, "in.")] = msg
	}
	if err := named.err("派单信息有问题"); err != nil {
		return decision{}, err
	}
	return d, s.checkPushDown(ctx, tx, o, append([]Target{d.Lead}, d.Assists...))
}

// release takes the order from its current lead before a new decision: a
// returned hop is reviewed as re-assigned, a live one withdrawn. It
// returns the previous lead (nil for a first dispatch) and refuses to
// re-assign to the very same unit.
func (s *Service) release(ctx context.Context, tx *db.Tx, actor *authz.Actor, o Order, d decision) (*Target, error) {
	var prev Assignment
	var err error
	switch o.State {
	case StateFiled:
		return nil, nil
	case StateReturned:
		prev, err = lastReturned(ctx, tx, o.ID)
	default:
		var found bool
		prev, found, err = liveLead(ctx, tx, o.ID, true)
		if err == nil && !found {
			err = apperr.Conflict("工单当前为「" + o.State.Name() + "」，不能改派")
		}
	}
	if err != nil {
		return nil, err
	}
	if prev.Unit == d.Lead {
		return nil, apperr.Invalid("unit", "改派的单位与原承办单位相同；如应由原单位继续办理，请选择维持原派单")
	}
	if d.Mode == ModeGrab && o.State != StateReturned {
		return nil, apperr.Invalid("mode", "只有待派单或退单的工单可以发布抢单")
	}
	review, st := "", AssignWithdrawn
	if o.State == StateReturned {
		review, st = "reassigned", AssignReturned
	}
	return &prev.Unit, endAssignment(ctx, tx, prev.ID, st, review, actorID(actor))
}

// Uphold refuses a return (退单不予认可): the order goes back, pending
// 签收, to the unit that returned it, with the dispatcher's reason.
func (s *Service) Uphold(ctx context.Context, actor *authz.Actor, number, note string) (DispatchView, error) {
	v := newViolations()
	note = checkText(v, "note", "维持派单的理由", note, dispatchNoteRunes, true)
	if err := v.err(); err != nil {
		return DispatchView{}, err
	}
	return s.dispatcherTx(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		if o.State != StateReturned {
			return apperr.Conflict("工单当前为「" + o.State.Name() + "」，没有待审核的退单")
		}
		prev, err := lastReturned(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		if err := endAssignment(ctx, tx, prev.ID, AssignReturned, "upheld", actorID(actor)); err != nil {
			return err
		}
		d := decision{Lead: prev.Unit, Mode: ModeDirect, Source: sourceManual}
		if err := s.apply(ctx, tx, actor, o, d, applyOpts{kind: EventReturnUpheld, note: note, previous: &prev.Unit,
			keepAssists: true}); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.dispatch.uphold",
			ObjectType: "workorder", ObjectID: o.Number, After: d.payload(&prev.Unit)})
	})
}

// AddAssist adds a co-unit (协办) to an order being handled or waiting to
// be signed.
func (s *Service) AddAssist(ctx context.Context, actor *authz.Actor, number string, unit Target, note string) (DispatchView, error) {
	v := newViolations()
	note = checkText(v, "note", "说明", note, dispatchNoteRunes, false)
	if err := v.err(); err != nil {
		return DispatchView{}, err
	}
	return s.dispatcherTx(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		d, err := s.choose(ctx, tx, *o, AssignInput{Unit: &unit})
		if err != nil {
			return err
		}
		as, err := assignmentsOf(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(as, func(a Assignment) bool { return a.live() && a.Unit == d.Lead }) {
			return apperr.Invalid("unit", "该单位已在办理此工单")
		}
		a := Assignment{OrderID: o.ID, Role: RoleAssist, Mode: ModeDirect, Unit: d.Lead, State: AssignPending,
			AssignedBy: actorID(actor)}
		if err := insertAssignment(ctx, tx, &a); err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, o, Change{Kind: EventAssistAdded, Unit: d.Lead.Ref(), Note: note,
			Payload: dispatchPayload{Lead: d.Lead, Mode: ModeJoint, Source: sourceManual}})
		return err
	})
}

// dispatcherTx runs a dispatcher's step on an order read in the
// transaction; the actor must dispatch for its street or district.
func (s *Service) dispatcherTx(ctx context.Context, actor *authz.Actor, number string, fn func(*db.Tx, *Order) error) (DispatchView, error) {
	if err := checkDispatcher(actor); err != nil {
		return DispatchView{}, err
	}
	return s.orderStep(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		if !mayDispatch(actor, *o) {
			return s.refuse(ctx, actor, *o, "该工单不在您负责派单的街道范围内")
		}
		return fn(tx, o)
	})
}

// orderStep runs fn on the order of number in the actor's district, read
// in fn's transaction (so its version is fresh), and answers with the
// order's dispatch as the actor sees it; an unknown order is not found.
func (s *Service) orderStep(ctx context.Context, actor *authz.Actor, number string, fn func(*db.Tx, *Order) error) (DispatchView, error) {
	var o Order
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if o, err = loadOrder(ctx, tx, `number = ? AND district_code = ?`, number, actor.District); err != nil {
			return err
		}
		return fn(tx, &o)
	})
	if errors.Is(err, errNoOrder) {
		return DispatchView{}, errNotFound
	}
	if err != nil {
		return DispatchView{}, err
	}
	return s.dispatchView(ctx, actor, o)
}
