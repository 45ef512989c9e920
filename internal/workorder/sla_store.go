package workorder

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// TimeRequestState is where an extension or parking request stands.
type TimeRequestState string

// The request states. Ended (恢复办理) and withdrawn (the order was
// resolved or closed first) are parking's only.
const (
	TimePending   TimeRequestState = "pending"
	TimeApproved  TimeRequestState = "approved"
	TimeRefused   TimeRequestState = "refused"
	TimeEnded     TimeRequestState = "ended"
	TimeWithdrawn TimeRequestState = "withdrawn"
)

var timeRequestNames = map[TimeRequestState]string{TimePending: "待审批", TimeApproved: "已批准", TimeRefused: "未批准",
	TimeEnded: "已恢复办理", TimeWithdrawn: "已失效"}

// Name is the state's Chinese name.
func (s TimeRequestState) Name() string { return nameOr(timeRequestNames, s) }

// Extension is a request for more time (延期).
type Extension struct {
	ID      int64  `json:"id"`
	OrderID int64  `json:"-"`
	Number  string `json:"number"`
	// Unit is the handling unit that asked (kind:code), UnitName its name.
	Unit         string           `json:"unit"`
	UnitName     string           `json:"unit_name"`
	Reason       string           `json:"reason"`
	RequestedDue time.Time        `json:"requested_due"`
	Amount       int              `json:"amount"`
	Basis        LimitUnit        `json:"basis"`
	State        TimeRequestState `json:"state"`
	RequestedBy  int64            `json:"-"`
	RequestedAt  time.Time        `json:"requested_at"`
	DecidedBy    int64            `json:"-"`
	DecidedAt    *time.Time       `json:"decided_at,omitempty"`
	DecisionNote string           `json:"decision_note,omitempty"`
}

// Parking is a request to park an order (挂账) and, once approved, the
// parking itself until the order resumes.
type Parking struct {
	ID       int64  `json:"id"`
	OrderID  int64  `json:"-"`
	Number   string `json:"number"`
	Unit     string `json:"unit"`
	UnitName string `json:"unit_name"`
	Reason   string `json:"reason"`
	// ReviewOn is the China date on which to review the matter.
	ReviewOn     string           `json:"review_on"`
	State        TimeRequestState `json:"state"`
	RequestedBy  int64            `json:"-"`
	RequestedAt  time.Time        `json:"requested_at"`
	DecidedBy    int64            `json:"-"`
	DecidedAt    *time.Time       `json:"decided_at,omitempty"`
	DecisionNote string           `json:"decision_note,omitempty"`
	EndedAt      *time.Time       `json:"ended_at,omitempty"`
}

// head and decide serve the shared flow of time requests (timeRow).
func (x *Extension) head() timeHead { return timeHead{x.ID, x.OrderID, x.RequestedBy, x.State} }

func (x *Extension) decide(state TimeRequestState, by int64, at *time.Time, note string) {
	x.State, x.DecidedBy, x.DecidedAt, x.DecisionNote = state, by, at, note
}

func (p *Parking) head() timeHead { return timeHead{p.ID, p.OrderID, p.RequestedBy, p.State} }

func (p *Parking) decide(state TimeRequestState, by int64, at *time.Time, note string) {
	p.State, p.DecidedBy, p.DecidedAt, p.DecisionNote = state, by, at, note
}

// timeTable is how one kind of time request is read: its SELECT (the
// request table as alias, joined to its order as o), its listing order,
// its scan and the name of its rows in errors.
type timeTable[T any] struct {
	what    string // extension, parking
	missing string // the message when a request is not found
	alias   string
	sel     string
	order   string
	scan    func(clockScanner) (T, error)
}

// byID reads one request; lock is a row-lock suffix or "".
func (t timeTable[T]) byID(ctx context.Context, q querier, id int64, lock string) (T, error) {
	if lock != "" {
		lock += " OF " + t.alias
	}
	x, err := t.scan(q.QueryRow(ctx, t.sel+` WHERE `+t.alias+`.id = ?`+lock, id))
	var none T
	if isNoRows(err) {
		return none, apperr.NotFound(t.missing)
	}
	if err != nil {
		return none, fmt.Errorf("workorder: %s: %w", t.what, err)
	}
	return x, nil
}

// where lists requests, oldest first.
func (t timeTable[T]) where(ctx context.Context, q querier, where string, args ...any) ([]T, error) {
	return clockRows(ctx, q, t.scan, t.what+"s", t.sel+` WHERE `+where+` ORDER BY `+t.order, args...)
}

// The tables of extension requests and of parkings.
var (
	extensionTable = timeTable[Extension]{what: "extension", missing: "延期申请不存在", alias: "x",
		sel: `SELECT x.id, x.order_id, o.number, x.unit_code, x.reason, x.requested_due,
		x.amount, x.basis, x.state, x.requested_by, x.requested_at, x.decided_by, x.decided_at, x.decision_note
		FROM workorder_extensions x JOIN workorders o ON o.id = x.order_id`,
		order: "x.requested_at, x.id", scan: scanExtension}
	parkingTable = timeTable[Parking]{what: "parking", missing: "挂账申请不存在", alias: "p",
		sel: `SELECT p.id, p.order_id, o.number, p.unit_code, p.reason, p.review_on, p.state, p.parked_by,
		p.parked_at, p.decided_by, p.decided_at, p.decision_note, p.ended_at
		FROM workorder_parkings p JOIN workorders o ON o.id = p.order_id`,
		order: "p.parked_at, p.id", scan: scanParking}
)

func scanExtension(r clockScanner) (Extension, error) {
	var x Extension
	var by sql.NullInt64
	var due, at sql.NullTime
	err := r.Scan(&x.ID, &x.OrderID, &x.Number, &x.Unit, &x.Reason, &due, &x.Amount, &x.Basis, &x.State,
		&x.RequestedBy, &x.RequestedAt, &by, &at, &x.DecisionNote)
	x.RequestedDue, x.RequestedAt, x.DecidedBy, x.DecidedAt = due.Time.UTC(), x.RequestedAt.UTC(), by.Int64, utcPtr(at)
	return x, err
}

func scanParking(r clockScanner) (Parking, error) {
	var p Parking
	var by sql.NullInt64
	var at, ended sql.NullTime
	err := r.Scan(&p.ID, &p.OrderID, &p.Number, &p.Unit, &p.Reason, &p.ReviewOn, &p.State, &p.RequestedBy,
		&p.RequestedAt, &by, &at, &p.DecisionNote, &ended)
	p.RequestedAt, p.DecidedBy, p.DecidedAt, p.EndedAt = p.RequestedAt.UTC(), by.Int64, utcPtr(at), utcPtr(ended)
	return p, err
}

func insertExtension(ctx context.Context, tx *db.Tx, x *Extension) error {
	var err error
	x.ID, err = tx.InsertID(ctx, `INSERT INTO workorder_extensions (order_id, unit_code, reason, amount, basis, state,
		requested_by, requested_at, requested_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, x.OrderID, x.Unit, x.Reason,
		x.Amount, x.Basis, x.State, x.RequestedBy, x.RequestedAt, x.RequestedDue)
	if err != nil {
		return fmt.Errorf("workorder: insert extension: %w", err)
	}
	return nil
}

func insertParking(ctx context.Context, tx *db.Tx, p *Parking) error {
	var err error
	p.ID, err = tx.InsertID(ctx, `INSERT INTO workorder_parkings (order_id, reason, review_on, parked_by, parked_at,
		state, unit_code) VALUES (?, ?, ?, ?, ?, ?, ?)`, p.OrderID, p.Reason, p.ReviewOn, p.RequestedBy, p.RequestedAt,
		p.State, p.Unit)
	if err != nil {
		return fmt.Errorf("workorder: insert parking: %w", err)
	}
	return nil
}

func decideExtensionRow(ctx context.Context, tx *db.Tx, x Extension) error {
	_, err := tx.Exec(ctx, `UPDATE workorder_extensions SET state = ?, decided_by = ?, decided_at = ?, decision_note = ?
		WHERE id = ?`, x.State, x.DecidedBy, x.DecidedAt, x.DecisionNote, x.ID)
	if err != nil {
		return fmt.Errorf("workorder: decide extension: %w", err)
	}
	return nil
}

func decideParkingRow(ctx context.Context, tx *db.Tx, p Parking) error {
	_, err := tx.Exec(ctx, `UPDATE workorder_parkings SET state = ?, decided_by = ?, decided_at = ?, decision_note = ?,
		approved_by = CASE WHEN ? THEN ? ELSE approved_by END WHERE id = ?`, p.State, p.DecidedBy, p.DecidedAt,
		p.DecisionNote, p.State == TimeApproved, p.DecidedBy, p.ID)
	if err != nil {
		return fmt.Errorf("workorder: decide parking: %w", err)
	}
	return nil
}

// clockCount runs a COUNT query.
func clockCount(ctx context.Context, q querier, query string, args ...any) (int, error) {
	var n int
	if err := q.QueryRow(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("workorder: count: %w", err)
	}
	return n, nil
}

// clockConflict is err, or a conflict with msg when err is nil.
func clockConflict(err error, msg string) error {
	if err != nil {
		return err
	}
	return apperr.Conflict(msg)
}

// clockFieldErr is an invalid-input error of one field.
func clockFieldErr(field, msg string) error {
	v := newViolations()
	v.add(field, ReasonInvalid, msg)
	return v.err()
}
