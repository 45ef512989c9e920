package workorder

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// recomputeBatch is the number of orders refolded per transaction.
const recomputeBatch = 2000

// RecomputeMeasures rebuilds the measures row of every order of the
// actor's district from the order's events alone (and its resolution
// clock's deadline), replacing what is there, and returns how many rows
// it wrote. The rows are the same as those kept after each event, so this
// repairs rows of orders written around the service (imports) and proves
// the figures recomputable. Administrators (and the system) only; audited.
func (s *Service) RecomputeMeasures(ctx context.Context, actor *authz.Actor) (int, error) {
	if err := authz.Check(actor, actRecompute, authz.District(actor.District)); err != nil {
		return 0, err
	}
	total := 0
	for after := int64(0); ; {
		var n int
		err := s.DB.InTx(ctx, func(tx *db.Tx) error {
			var err error
			n, after, err = recomputeFrom(ctx, tx, actor.District, after)
			return err
		})
		if err != nil {
			return total, err
		}
		total += n
		if n < recomputeBatch {
			break
		}
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: actRecompute.Name,
			ObjectType: "workorder_measures", ObjectID: actor.District, After: map[string]int{"orders": total}})
	})
	return total, err
}

// recomputeFrom refolds the next batch of the district's orders after id
// after; it returns how many it refolded and the last id.
func recomputeFrom(ctx context.Context, tx *db.Tx, district string, after int64) (int, int64, error) {
	dims, err := orderDims(ctx, tx, district, after)
	if err != nil || len(dims) == 0 {
		return 0, after, err
	}
	lo, hi := dims[0].ID, dims[len(dims)-1].ID
	events, err := eventsBetween(ctx, tx, lo, hi)
	if err != nil {
		return 0, after, err
	}
	dues, err := duesBetween(ctx, tx, lo, hi)
	if err != nil {
		return 0, after, err
	}
	facts := make([]measureFact, len(dims))
	for i, d := range dims {
		var due *time.Time
		if t, ok := dues[d.ID]; ok {
			due = &t
		}
		facts[i] = foldFact(d, events[d.ID], due)
	}
	return len(dims), hi, writeFacts(ctx, tx, facts)
}

// orderDims reads the next batch of the district's orders by id.
func orderDims(ctx context.Context, tx *db.Tx, district string, after int64) ([]factDims, error) {
	rows, err := tx.Query(ctx, `SELECT id, district_code, filed_at, street_code, community_code, category_code
		FROM workorders WHERE district_code = ? AND id > ? ORDER BY id LIMIT ?`, district, after, recomputeBatch)
	if err != nil {
		return nil, fmt.Errorf("workorder: recompute: orders: %w", err)
	}
	defer rows.Close()
	var out []factDims
	for rows.Next() {
		var d factDims
		if err := rows.Scan(&d.ID, &d.District, &d.FiledAt, &d.Street, &d.Community, &d.Category); err != nil {
			return nil, fmt.Errorf("workorder: recompute: orders: %w", err)
		}
		d.FiledAt = d.FiledAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// eventsBetween reads the events of the orders with ids in [lo, hi], by
// order, oldest first. Only follow-ups keep their payload: nothing else's
// is folded.
func eventsBetween(ctx context.Context, tx *db.Tx, lo, hi int64) (map[int64][]Event, error) {
	rows, err := tx.Query(ctx, `SELECT order_id, seq, kind, actor_kind, unit, state_from, state_to, outcome, payload, at
		FROM workorder_events WHERE order_id BETWEEN ? AND ? ORDER BY order_id, seq`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("workorder: recompute: events: %w", err)
	}
	defer rows.Close()
	out := map[int64][]Event{}
	for rows.Next() {
		var e Event
		var payload string
		if err := rows.Scan(&e.OrderID, &e.Seq, &e.Kind, &e.ActorKind, &e.Unit, &e.From, &e.To, &e.Outcome, &payload, &e.At); err != nil {
			return nil, fmt.Errorf("workorder: recompute: events: %w", err)
		}
		if e.Kind == EventFollowedUp {
			e.Payload = json.RawMessage(payload)
		}
		e.At = e.At.UTC()
		out[e.OrderID] = append(out[e.OrderID], e)
	}
	return out, rows.Err()
}

// duesBetween reads the resolution deadlines of the orders with ids in
// [lo, hi].
func duesBetween(ctx context.Context, tx *db.Tx, lo, hi int64) (map[int64]time.Time, error) {
	rows, err := tx.Query(ctx, `SELECT order_id, due_at FROM workorder_clocks
		WHERE kind = 'resolution' AND order_id BETWEEN ? AND ?`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("workorder: recompute: clocks: %w", err)
	}
	defer rows.Close()
	out := map[int64]time.Time{}
	for rows.Next() {
		var id int64
		var due time.Time
		if err := rows.Scan(&id, &due); err != nil {
			return nil, fmt.Errorf("workorder: recompute: clocks: %w", err)
		}
		out[id] = due.UTC()
	}
	return out, rows.Err()
}
