package delivery

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Encryption contexts of the personal columns.
const (
	ctxName   = "deliveries.recipient_name"
	ctxPhone  = "deliveries.recipient_phone"
	ctxDetail = "deliveries.address_detail"
	ctxCode   = "deliveries.pickup_code"
)

const columns = `id, district_code, application_id, application_no, item_name, decision_no, applicant_id, state,
	revision, point, code_hash, failed_attempts, locked_until, recipient_name, recipient_phone, province,
	address_detail, postcode, courier, waybill, tracking, handed_by, handed_point, handed_at, shipped_at,
	delivered_at, chosen_at, created_at, updated_at`

// record is a stored delivery: the public part and what stays inside.
type record struct {
	Delivery
	codeHash            string
	attempts            int
	name, phone, detail string // ciphertexts, "" when no address was given
	province, postcode  string
	handedBy            int64
}

// errNotFound hides others' deliveries as well as missing ones.
var errNotFound = apperr.NotFound("没有找到该证照送达记录")

func scanRecord(r interface{ Scan(...any) error }) (record, error) {
	var x record
	var locked, handed, shipped, delivered, chosen sql.NullTime
	var handedBy sql.NullInt64
	err := r.Scan(&x.ID, &x.District, &x.ApplicationID, &x.ApplicationNo, &x.ItemName, &x.DecisionNo, &x.ApplicantID,
		&x.State, &x.Revision, &x.Point, &x.codeHash, &x.attempts, &locked, &x.name, &x.phone, &x.province,
		&x.detail, &x.postcode, &x.Courier, &x.Waybill, &x.Tracking, &handedBy, &x.HandedPoint, &handed, &shipped,
		&delivered, &chosen, &x.CreatedAt, &x.UpdatedAt)
	if err != nil {
		return record{}, err
	}
	x.LockedUntil, x.HandedAt, x.ShippedAt = utc(locked), utc(handed), utc(shipped)
	x.DeliveredAt, x.ChosenAt = utc(delivered), utc(chosen)
	x.CreatedAt, x.UpdatedAt, x.handedBy = x.CreatedAt.UTC(), x.UpdatedAt.UTC(), handedBy.Int64
	x.StateName = x.State.Name()
	return x, nil
}

func utc(t sql.NullTime) time.Time { return t.Time.UTC() }

// load reads one delivery by id, locking its row in a transaction on
// PostgreSQL.
func load(ctx context.Context, q querier, id int64, lock string) (record, error) {
	x, err := scanRecord(q.QueryRow(ctx, `SELECT `+columns+` FROM deliveries WHERE id = ?`+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return record{}, errNotFound
	}
	if err != nil {
		return record{}, fmt.Errorf("delivery: load %d: %w", id, err)
	}
	return x, nil
}

// list reads the deliveries a WHERE clause selects, in the given order.
func list(ctx context.Context, q querier, where, order string, args ...any) ([]record, error) {
	rows, err := q.Query(ctx, `SELECT `+columns+` FROM deliveries WHERE `+where+` ORDER BY `+order, args...)
	if err != nil {
		return nil, fmt.Errorf("delivery: list: %w", err)
	}
	defer rows.Close()
	var out []record
	for rows.Next() {
		x, err := scanRecord(rows)
		if err != nil {
			return nil, fmt.Errorf("delivery: list: %w", err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// addEvent appends a step to the timeline; a ref makes it stored once.
func addEvent(ctx context.Context, tx *db.Tx, id int64, e Event, ref string) error {
	_, err := tx.Exec(ctx, `INSERT INTO delivery_events (delivery_id, kind, title, place, note, ref, at, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, e.Kind, e.Title, e.Place, e.Note, ref, e.At.UTC(), tx.Now())
	if err != nil {
		return fmt.Errorf("delivery: event: %w", err)
	}
	return nil
}

// events reads a delivery's timeline, oldest first.
func events(ctx context.Context, q querier, id int64) ([]Event, error) {
	rows, err := q.Query(ctx, `SELECT kind, title, place, note, at FROM delivery_events WHERE delivery_id = ?
		ORDER BY at, id`, id)
	if err != nil {
		return nil, fmt.Errorf("delivery: events: %w", err)
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.Kind, &e.Title, &e.Place, &e.Note, &e.At); err != nil {
			return nil, fmt.Errorf("delivery: events: %w", err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// seal encrypts a personal value under its column's context.
func (s *Service) seal(context, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	return s.Keys.Encrypt(context, []byte(v))
}

// open decrypts a personal value.
func (s *Service) open(context, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	b, err := s.Keys.Decrypt(context, v)
	if err != nil {
		return "", fmt.Errorf("delivery: decrypt %s: %w", context, err)
	}
	return string(b), nil
}

// recipient is the masked recipient of a record, nil before an express
// choice; the detailed address is shown to the applicant only.
func (s *Service) recipient(x record, owner bool) (*Address, error) {
	if x.name == "" {
		return nil, nil
	}
	name, err := s.open(ctxName, x.name)
	if err != nil {
		return nil, err
	}
	phone, err := s.open(ctxPhone, x.phone)
	if err != nil {
		return nil, err
	}
	a := &Address{Name: gm.MaskName(name), Phone: gm.MaskPhone(phone), Province: x.province, Postcode: x.postcode}
	if owner {
		if a.Detail, err = s.open(ctxDetail, x.detail); err != nil {
			return nil, err
		}
	}
	return a, nil
}
