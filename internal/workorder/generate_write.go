package workorder

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// writeBatch writes a batch of generated orders and everything with them
// in one transaction, counting what it wrote into out.
func (s *Service) writeBatch(ctx context.Context, b []genOrder, out *Generated) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := insertGenOrders(ctx, tx, b); err != nil {
			return err
		}
		var events, clocks, follows, assigns []any
		facts := make([]measureFact, 0, len(b))
		ne, nc, nf, na := 0, 0, 0, 0
		for i := range b {
			o := &b[i]
			for _, e := range o.events {
				events = append(events, o.ID, e.Seq, e.Kind, e.ActorKind, e.ActorID, e.ActorRole, e.Unit, e.From, e.To,
					e.Outcome, e.Public, e.Note, string(e.Payload), e.At)
				ne++
			}
			for _, c := range o.clocks {
				clocks = append(clocks, o.ID, c.kind, c.basis, c.limit, c.started, c.warn, c.due, genNullTime(c.paused),
					genNullTime(c.stopped), genNullTime(c.lapsed), c.reminders, genNullTime(c.escalated), c.state)
				nc++
			}
			if f := o.follow; f != nil {
				follows = append(follows, o.ID, f.channel, f.asked, f.asked.Add(time.Minute), f.fixed, f.satisfaction)
				nf++
			}
			if a := o.assign; a != nil {
				assigns = append(assigns, o.ID, a.mode, a.unit.Kind, a.unit.Code, a.state, a.assigned, a.accepted, a.ended)
				na++
			}
			o.fact.OrderID = o.ID
			facts = append(facts, o.fact)
		}
		out.Orders, out.Events, out.Clocks, out.Followups = out.Orders+len(b), out.Events+ne, out.Clocks+nc, out.Followups+nf
		return writeGenRows(ctx, tx, events, clocks, follows, assigns, facts)
	})
}

// writeGenRows writes the rows that refer to the batch's orders.
func writeGenRows(ctx context.Context, tx *db.Tx, events, clocks, follows, assigns []any, facts []measureFact) error {
	tables := []struct {
		head, tuple string
		per         int
		args        []any
	}{
		{`INSERT INTO workorder_events (order_id, seq, kind, actor_kind, actor_id, actor_role, unit, state_from, state_to,
			outcome, public, note, payload, at) VALUES `, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 14, events},
		{`INSERT INTO workorder_clocks (order_id, kind, basis, limit_value, started_at, warn_at, due_at, paused_at,
			stopped_at, lapsed_at, reminders, escalated_at, state) VALUES `, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 13, clocks},
		{`INSERT INTO workorder_followups (order_id, channel, asked_at, asked_by, answered_at, fixed, satisfaction)
			VALUES `, "(?, ?, ?, 900001, ?, ?, ?)", 6, follows},
		{`INSERT INTO workorder_assignments (order_id, role, mode, unit_kind, unit_code, state, assigned_at,
			assigned_by, accepted_at, ended_at) VALUES `, "(?, 'lead', ?, ?, ?, ?, ?, 0, ?, ?)", 8, assigns},
	}
	for _, t := range tables {
		n := len(t.args) / t.per
		err := bulkChunks(n, t.per, func(lo, hi int) error {
			_, err := tx.Exec(ctx, t.head+db.Tuples(hi-lo, t.tuple), t.args[lo*t.per:hi*t.per]...)
			return err
		})
		if err != nil {
			return fmt.Errorf("workorder: generate: %w", err)
		}
	}
	return writeFacts(ctx, tx, facts)
}

// insertGenOrders inserts the orders and sets their ids.
func insertGenOrders(ctx context.Context, tx *db.Tx, b []genOrder) error {
	const per = 23
	byNumber := make(map[string]*genOrder, len(b))
	return bulkChunks(len(b), per, func(lo, hi int) error {
		args := make([]any, 0, (hi-lo)*per)
		for i := lo; i < hi; i++ {
			o := &b[i]
			byNumber[o.Number] = o
			args = append(args, o.District, o.Number, o.Channel, o.CategoryCode, o.CategoryVersion, o.Urgency,
				o.Description, o.fields, genNullFloat(o.Place.Lat), genNullFloat(o.Place.Lng), o.Place.Address, o.Place.Street,
				o.Place.Community, o.Place.Grid, o.Place.Source, o.Anonymous, o.State, o.Outcome, o.Version, o.FiledAt,
				genNullTime(o.ResolvedAt), genNullTime(o.ClosedAt), o.UpdatedAt)
		}
		rows, err := tx.Query(ctx, `INSERT INTO workorders (district_code, number, channel, category_code,
			category_version, urgency, description, field_values, lat, lng, address, street_code, community_code,
			grid_code, place_source, anonymous, state, outcome, version, filed_at, resolved_at, closed_at, updated_at)
			VALUES `+db.Tuples(hi-lo, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")+
			` RETURNING id, number`, args...)
		if err != nil {
			return fmt.Errorf("workorder: generate: orders: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var number string
			if err := rows.Scan(&id, &number); err != nil {
				return fmt.Errorf("workorder: generate: orders: %w", err)
			}
			byNumber[number].ID = id
		}
		return rows.Err()
	})
}

func genNullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: *t, Valid: true}
}

func genNullFloat(f *float64) sql.NullFloat64 {
	if f == nil {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: *f, Valid: true}
}
