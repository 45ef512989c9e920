package workorder

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// errAlreadyAssigned answers a second lead for an order that has one (the
// unique index on live leads): someone dispatched it meanwhile.
var errAlreadyAssigned = apperr.Conflict("工单刚被派给其他单位，请刷新后重试")

// EnableDispatch registers dispatch with the service: every new order is
// dispatched inside its filing transaction (by the catalogue in force,
// else its category's default handler rule; an order nothing can be
// decided for stays 待派单 for a dispatcher), and an order's hops end
// when it is resolved or closed and come back when it is reopened. Call
// it once while wiring, after the hooks that must see the order as filed.
func (s *Service) EnableDispatch() {
	s.OnFiled(s.dispatchFiled)
	s.OnEvent(s.followAssignments)
}

// dispatchFiled is the filing hook. The decision reads the catalogue and
// the tree from memory once warm; it writes the hops and the dispatch
// event in the filing transaction, so an order exists only dispatched (or
// waiting for a dispatcher), never half.
func (s *Service) dispatchFiled(ctx context.Context, tx *db.Tx, o Order) error {
	d, ok, err := s.decide(ctx, tx, o)
	if err != nil || !ok {
		return err
	}
	return s.apply(ctx, tx, authz.System(o.District), &o, d, applyOpts{kind: kindFor(d.Mode, EventDispatched)})
}

// kindFor is the event of handing an order over in mode: a pool offer is
// "pooled", anything else the given kind.
func kindFor(m Mode, direct EventKind) EventKind {
	if m == ModeGrab {
		return EventPooled
	}
	return direct
}

// applyOpts says how a decision is recorded.
type applyOpts struct {
	kind     EventKind
	note     string
	previous *Target
	// keepAssists leaves the order's co-units in place (a 改派 of the lead
	// only); otherwise the decision's assists replace them.
	keepAssists bool
}

// apply writes a decision: the lead hop (offered to the pool in grab
// mode, else pending 签收), the co-units' hops, and the event.
func (s *Service) apply(ctx context.Context, tx *db.Tx, actor *authz.Actor, o *Order, d decision, opt applyOpts) error {
	by := actorID(actor)
	lead := Assignment{OrderID: o.ID, Role: RoleLead, Mode: ModeDirect, Unit: d.Lead, RuleID: d.RuleID,
		State: AssignPending, AssignedBy: by}
	if d.Mode == ModeGrab {
		lead.Mode, lead.State = ModeGrab, AssignOffered
	}
	if err := insertAssignment(ctx, tx, &lead); err != nil {
		return err
	}
	if !opt.keepAssists {
		if _, err := tx.Exec(ctx, `UPDATE workorder_assignments SET state = ?, ended_at = ? WHERE order_id = ?
			AND role = ? AND state IN (?, ?)`, AssignWithdrawn, tx.Now(), o.ID, RoleAssist, AssignPending,
			AssignAccepted); err != nil {
			return fmt.Errorf("workorder: withdraw co-units: %w", err)
		}
	}
	for _, u := range d.Assists {
		a := Assignment{OrderID: o.ID, Role: RoleAssist, Mode: ModeDirect, Unit: u, RuleID: d.RuleID,
			State: AssignPending, AssignedBy: by}
		if err := insertAssignment(ctx, tx, &a); err != nil {
			return err
		}
	}
	_, err := s.record(ctx, tx, actor, o, Change{Kind: opt.kind, Unit: d.Lead.Ref(), Note: opt.note,
		Payload: d.payload(opt.previous)})
	return err
}

// actorID is the account recorded as having assigned: 0 for the system.
func actorID(a *authz.Actor) int64 {
	if a == nil || a.Kind == authz.KindSystem {
		return 0
	}
	return a.AccountID
}

// followAssignments is the event hook that keeps the hops in step with
// the order: they end when it is resolved or closed (a pool offer nobody
// took is withdrawn, the others are done) and the last lead comes back
// when it is reopened.
func (s *Service) followAssignments(ctx context.Context, tx *db.Tx, o Order, e Event) error {
	switch {
	case e.From.Open() && !e.To.Open():
		_, err := tx.Exec(ctx, `UPDATE workorder_assignments SET ended_at = ?, state = CASE
			WHEN state = ? THEN ? WHEN state IN (?, ?) THEN ? ELSE state END WHERE order_id = ? AND ended_at IS NULL`,
			tx.Now(), AssignOffered, AssignWithdrawn, AssignPending, AssignAccepted, AssignDone, o.ID)
		if err != nil {
			return fmt.Errorf("workorder: end assignments: %w", err)
		}
	case e.Kind == EventReopened:
		return reviveLead(ctx, tx, o.ID)
	}
	return nil
}

// reviveLead gives a reopened order back to the unit (and worker) that
// last led it.
func reviveLead(ctx context.Context, tx *db.Tx, orderID int64) error {
	last, err := scanAssignment(tx.QueryRow(ctx, assignmentSelect+` WHERE order_id = ? AND role = ? AND state = ?
		ORDER BY id DESC LIMIT 1`, orderID, RoleLead, AssignDone))
	if isNoRows(err) {
		return nil // never led by anyone: a dispatcher re-assigns it
	}
	if err != nil {
		return fmt.Errorf("workorder: last lead: %w", err)
	}
	a := last
	a.State, a.AcceptedAt = AssignAccepted, utcTime(tx.Now())
	return insertAssignment(ctx, tx, &a)
}

// liveLead reads the order's current lead hop; found is false when it has
// none. lock takes the row for the change that follows (PostgreSQL; the
// SQLite writer is alone anyway). Grabs read it unlocked: their
// conditional UPDATE is what decides between two grabbers.
func liveLead(ctx context.Context, tx *db.Tx, orderID int64, lock bool) (Assignment, bool, error) {
	q := assignmentSelect + ` WHERE order_id = ? AND role = ? AND state IN (?, ?, ?)`
	if lock {
		q += tx.Engine().ForUpdate()
	}
	a, err := scanAssignment(tx.QueryRow(ctx, q, orderID, RoleLead, AssignOffered, AssignPending, AssignAccepted))
	if isNoRows(err) {
		return Assignment{}, false, nil
	}
	if err != nil {
		return Assignment{}, false, fmt.Errorf("workorder: live lead: %w", err)
	}
	return a, true, nil
}

// lastReturned reads the hop a returned order came back from.
func lastReturned(ctx context.Context, tx *db.Tx, orderID int64) (Assignment, error) {
	a, err := scanAssignment(tx.QueryRow(ctx, assignmentSelect+` WHERE order_id = ? AND role = ? AND state = ?
		AND ended_at IS NULL ORDER BY id DESC LIMIT 1`, orderID, RoleLead, AssignReturned))
	if isNoRows(err) {
		return Assignment{}, apperr.Conflict("找不到待审核的退单记录")
	}
	if err != nil {
		return Assignment{}, fmt.Errorf("workorder: returned hop: %w", err)
	}
	return a, nil
}
