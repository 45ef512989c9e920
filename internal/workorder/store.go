package workorder

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// errNoOrder is a missing row, turned into a not-found error by callers.
var errNoOrder = errors.New("workorder: no such order")

// insertOrder writes a new order row with its idempotency key.
func insertOrder(ctx context.Context, tx *db.Tx, o *Order, k idem) error {
	fields, err := json.Marshal(o.Fields)
	if err != nil {
		return fmt.Errorf("workorder: field values: %w", err)
	}
	o.ID, err = tx.InsertID(ctx, `INSERT INTO workorders (district_code, number, channel, category_code,
		category_version, urgency, description, field_values, lat, lng, address, street_code, community_code,
		grid_code, place_source, requester_id, requester_name, requester_phone, requester_phone_index, anonymous,
		entered_by, api_key_id, external_ref, idem_scope, idem_key, request_hash, state, outcome, version, filed_at,
		updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.District, o.Number, o.Channel, o.CategoryCode, o.CategoryVersion, o.Urgency, o.Description, string(fields),
		o.Place.Lat, o.Place.Lng, o.Place.Address, o.Place.Street, o.Place.Community, o.Place.Grid, o.Place.Source,
		nullID(o.RequesterID), o.raw.name, o.raw.phone, o.raw.phoneIndex, o.Anonymous, nullID(o.EnteredBy),
		nullID(o.APIKeyID), o.ExternalRef, scopeIfKey(k), k.key, k.hash, o.State, o.Outcome, o.Version, o.FiledAt,
		o.UpdatedAt)
	if err != nil {
		return fmt.Errorf("workorder: insert order: %w", err)
	}
	return nil
}

// scopeIfKey keeps the scope only with a key, so rows without one never
// meet in the unique index.
func scopeIfKey(k idem) string {
	if k.key == "" {
		return ""
	}
	return k.scope
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// orderColumns are read by scanOrder, in its order.
const orderColumns = `id, district_code, number, channel, category_code, category_version, urgency, description,
	field_values, lat, lng, address, street_code, community_code, grid_code, place_source, requester_id,
	requester_name, requester_phone, requester_phone_index, anonymous, entered_by, api_key_id, external_ref,
	state, outcome, version, merged_into, filed_at, resolved_at, closed_at, updated_at`

const orderSelect = `SELECT ` + orderColumns + ` FROM workorders`

func scanOrder(r interface{ Scan(...any) error }) (Order, error) {
	var o Order
	var fields string
	var lat, lng sql.NullFloat64
	var requester, entered, key, merged sql.NullInt64
	var resolved, closed sql.NullTime
	err := r.Scan(&o.ID, &o.District, &o.Number, &o.Channel, &o.CategoryCode, &o.CategoryVersion, &o.Urgency,
		&o.Description, &fields, &lat, &lng, &o.Place.Address, &o.Place.Street, &o.Place.Community, &o.Place.Grid,
		&o.Place.Source, &requester, &o.raw.name, &o.raw.phone, &o.raw.phoneIndex, &o.Anonymous, &entered, &key,
		&o.ExternalRef, &o.State, &o.Outcome, &o.Version, &merged, &o.FiledAt, &resolved, &closed, &o.UpdatedAt)
	if err != nil {
		return Order{}, err
	}
	if lat.Valid && lng.Valid {
		o.Place.Lat, o.Place.Lng = &lat.Float64, &lng.Float64
	}
	o.RequesterID, o.EnteredBy, o.APIKeyID, o.MergedInto = requester.Int64, entered.Int64, key.Int64, merged.Int64
	o.FiledAt, o.UpdatedAt = o.FiledAt.UTC(), o.UpdatedAt.UTC()
	o.ResolvedAt, o.ClosedAt = utcPtr(resolved), utcPtr(closed)
	o.Fields = map[string]any{}
	if err := json.Unmarshal([]byte(fields), &o.Fields); err != nil {
		return Order{}, fmt.Errorf("workorder: field values of %s: %w", o.Number, err)
	}
	return o, nil
}

// loadOrder reads one order by a where clause ("number = ?").
func loadOrder(ctx context.Context, q querier, where string, args ...any) (Order, error) {
	o, err := scanOrder(q.QueryRow(ctx, orderSelect+` WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Order{}, errNoOrder
	}
	if err != nil {
		return Order{}, fmt.Errorf("workorder: load order: %w", err)
	}
	return o, nil
}

// loadByIdem reads the order filed with an idempotency key, and the hash
// of the request that filed it.
func loadByIdem(ctx context.Context, q querier, district, scope, key string) (Order, string, error) {
	o, err := loadOrder(ctx, q, `district_code = ? AND idem_scope = ? AND idem_key = ?`, district, scope, key)
	if err != nil {
		return Order{}, "", err
	}
	var hash string
	if err := q.QueryRow(ctx, `SELECT request_hash FROM workorders WHERE id = ?`, o.ID).Scan(&hash); err != nil {
		return Order{}, "", fmt.Errorf("workorder: request hash: %w", err)
	}
	return o, hash, nil
}

// eventsOf reads an order's history, oldest first; public limits it to
// what the requester sees.
func eventsOf(ctx context.Context, q querier, orderID int64, public bool) ([]Event, error) {
	query := `SELECT id, order_id, seq, kind, actor_kind, actor_id, actor_role, unit, state_from, state_to, outcome,
		public, note, payload, at FROM workorder_events WHERE order_id = ?`
	if public {
		query += ` AND public = ?`
	}
	query += ` ORDER BY seq`
	args := []any{orderID}
	if public {
		args = append(args, true)
	}
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("workorder: events: %w", err)
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		var payload string
		if err := rows.Scan(&e.ID, &e.OrderID, &e.Seq, &e.Kind, &e.ActorKind, &e.ActorID, &e.ActorRole, &e.Unit,
			&e.From, &e.To, &e.Outcome, &e.Public, &e.Note, &payload, &e.At); err != nil {
			return nil, fmt.Errorf("workorder: events: %w", err)
		}
		e.Payload, e.At = json.RawMessage(payload), e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// photosOf lists an order's photos in upload order.
func photosOf(ctx context.Context, q querier, orderID int64) ([]Photo, error) {
	rows, err := q.Query(ctx, `SELECT p.file_id, p.stage, f.size, p.redacted_at IS NOT NULL FROM workorder_photos p
		JOIN files f ON f.id = p.file_id WHERE p.order_id = ? ORDER BY p.id`, orderID)
	if err != nil {
		return nil, fmt.Errorf("workorder: photos: %w", err)
	}
	defer rows.Close()
	out := []Photo{}
	for rows.Next() {
		var p Photo
		if err := rows.Scan(&p.ID, &p.Stage, &p.Size, &p.Redacted); err != nil {
			return nil, fmt.Errorf("workorder: photos: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// isNoRows reports a missing row.
func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// wrap prefixes an error with the module and the action.
func wrap(action string, err error) error { return fmt.Errorf("workorder: %s: %w", action, err) }
