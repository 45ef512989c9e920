package workorder

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// FiledHook is told about a new order inside the transaction that files
// it, so the dispatch part can dispatch it (or insert a job to) and the
// clock part can start its clocks: they exist if and only if the order
// does. Hooks must not do slow work themselves.
type FiledHook func(ctx context.Context, tx *db.Tx, o Order) error

// EventHook is told about every recorded event (filed included) inside its
// transaction, after the order row was updated: the clocks stop and pause
// on it, notices to the requester are queued from it.
type EventHook func(ctx context.Context, tx *db.Tx, o Order, e Event) error

// OnFiled registers hooks; call it while wiring, before serving.
func (s *Service) OnFiled(hooks ...FiledHook) { s.filedHooks = append(s.filedHooks, hooks...) }

// OnEvent registers hooks; call it while wiring, before serving.
func (s *Service) OnEvent(hooks ...EventHook) { s.eventHooks = append(s.eventHooks, hooks...) }

// Change is one change the later parts record on an order.
type Change struct {
	Kind    EventKind
	Outcome Outcome
	// Unit is the organisation unit the actor acts for ("" when none).
	Unit string
	Note string
	// Payload is the kind's details, stored as JSON.
	Payload any
	// Public overrides the transition's default visibility to the
	// requester when set.
	Public *bool
}

// record applies ch to o inside tx: the machine must allow it, the row is
// updated only if nobody changed it since it was read (o.Version), and the
// event is appended with the new version as its seq. o is updated in
// place. Every state change of an order goes through here.
func (s *Service) record(ctx context.Context, tx *db.Tx, actor *authz.Actor, o *Order, ch Change) (Event, error) {
	to, err := Next(o.State, ch.Kind, ch.Outcome)
	if err != nil {
		return Event{}, err
	}
	t, _ := transitionOf(ch.Kind)
	outcome := o.Outcome
	switch {
	case to == StateResolved || to == StateClosed:
		if ch.Outcome != "" {
			outcome = ch.Outcome
		}
	case to.Open():
		outcome = ""
	}
	res, err := tx.Exec(ctx, `UPDATE workorders SET state = ?, outcome = ?, version = version + 1, updated_at = ?,
		resolved_at = CASE WHEN ? THEN ? ELSE resolved_at END, closed_at = CASE WHEN ? THEN ? ELSE closed_at END
		WHERE id = ? AND version = ?`, to, outcome, tx.Now(), to == StateResolved, tx.Now(), to == StateClosed, tx.Now(),
		o.ID, o.Version)
	if err != nil {
		return Event{}, fmt.Errorf("workorder: record %s: %w", ch.Kind, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return Event{}, apperr.Conflict("工单刚被其他人修改过，请刷新后重试")
	}
	e := Event{OrderID: o.ID, Seq: o.Version + 1, Kind: ch.Kind, From: o.State, To: to, Outcome: ch.Outcome,
		Unit: ch.Unit, Note: ch.Note, Public: t.Public, At: tx.Now()}
	if ch.Public != nil {
		e.Public = *ch.Public
	}
	o.State, o.Outcome, o.Version, o.UpdatedAt = to, outcome, o.Version+1, tx.Now()
	if err := s.appendEvent(ctx, tx, actor, o, &e, ch.Payload); err != nil {
		return Event{}, err
	}
	return e, nil
}

// appendEvent inserts e (its seq set by the caller) with the actor's
// identity and runs the event hooks.
func (s *Service) appendEvent(ctx context.Context, tx *db.Tx, actor *authz.Actor, o *Order, e *Event, payload any) error {
	e.Payload = json.RawMessage(`{}`)
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			return fmt.Errorf("workorder: event payload: %w", err)
		}
		e.Payload = b
	}
	e.ActorKind, e.ActorID, e.ActorRole = actorOf(actor)
	var err error
	e.ID, err = tx.InsertID(ctx, `INSERT INTO workorder_events (order_id, seq, kind, actor_kind, actor_id, actor_role,
		unit, state_from, state_to, outcome, public, note, payload, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.ID, e.Seq, e.Kind, e.ActorKind, e.ActorID, e.ActorRole, e.Unit, e.From, e.To, e.Outcome, e.Public, e.Note,
		string(e.Payload), e.At)
	if err != nil {
		return fmt.Errorf("workorder: append event %s: %w", e.Kind, err)
	}
	for _, h := range s.eventHooks {
		if err := h(ctx, tx, *o, *e); err != nil {
			return fmt.Errorf("workorder: event hook: %w", err)
		}
	}
	// Last, once the hooks have moved the clocks: the order's measures row
	// is refolded from all its events (measure_store.go).
	return s.measureHook(ctx, tx, *o, *e)
}

// actorOf is the kind, id and main role recorded for an actor: the role is
// the first staff role the actor holds, "" for residents, keys and jobs.
func actorOf(a *authz.Actor) (kind string, id int64, role string) {
	if a == nil {
		return string(authz.KindSystem), 0, ""
	}
	for _, r := range a.Roles() {
		if r.IsStaff() {
			role = string(r)
			break
		}
	}
	return string(a.Kind), a.AccountID, role
}
