package workorder

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// measureColumns are the columns of workorder_measures, in the order
// factArgs gives them.
const measureColumns = `order_id, district_code, filed_at, filed_day, filed_week, filed_month, street_code,
	community_code, category_code, unit, counted, responded, response_secs, outcome, resolved_at, handling_secs,
	on_time, satisfaction, reopened, seq`

// measurePerRow is the number of measureColumns.
const measurePerRow = 20

// measureUpsert ends an INSERT of measure rows: a row that exists is
// replaced by the new fold.
const measureUpsert = ` ON CONFLICT (order_id) DO UPDATE SET district_code = excluded.district_code,
	filed_at = excluded.filed_at, filed_day = excluded.filed_day, filed_week = excluded.filed_week,
	filed_month = excluded.filed_month, street_code = excluded.street_code, community_code = excluded.community_code,
	category_code = excluded.category_code, unit = excluded.unit, counted = excluded.counted,
	responded = excluded.responded, response_secs = excluded.response_secs, outcome = excluded.outcome,
	resolved_at = excluded.resolved_at, handling_secs = excluded.handling_secs, on_time = excluded.on_time,
	satisfaction = excluded.satisfaction, reopened = excluded.reopened, seq = excluded.seq`

// factArgs appends f's values in measureColumns order.
func factArgs(args []any, f measureFact) []any {
	day, week, month := measurePeriodKeys(f.FiledAt)
	var resolved sql.NullTime
	if f.ResolvedAt != nil {
		resolved = sql.NullTime{Time: *f.ResolvedAt, Valid: true}
	}
	var onTime sql.NullInt64
	if f.OnTime != nil {
		onTime = sql.NullInt64{Int64: int64(measureBit(*f.OnTime)), Valid: true}
	}
	return append(args, f.OrderID, f.District, f.FiledAt, day, week, month, f.Street, f.Community, f.Category,
		f.Unit, measureBit(f.Counted), measureBit(f.Responded), f.ResponseSecs, string(f.Outcome), resolved, f.HandlingSecs,
		onTime, f.Satisfaction, f.Reopened, f.Seq)
}

// measureBit is a flag as the 0/1 integer the measures sum.
func measureBit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// writeFacts upserts measure rows, many per statement.
func writeFacts(ctx context.Context, tx *db.Tx, facts []measureFact) error {
	return bulkChunks(len(facts), measurePerRow, func(lo, hi int) error {
		args := make([]any, 0, (hi-lo)*measurePerRow)
		for _, f := range facts[lo:hi] {
			args = factArgs(args, f)
		}
		_, err := tx.Exec(ctx, `INSERT INTO workorder_measures (`+measureColumns+`) VALUES `+
			db.Tuples(hi-lo, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")+measureUpsert, args...)
		if err != nil {
			return fmt.Errorf("workorder: write measures: %w", err)
		}
		return nil
	})
}

// measureHook rebuilds the order's measures row from all its events after
// each event, in the event's transaction.
func (s *Service) measureHook(ctx context.Context, tx *db.Tx, o Order, _ Event) error {
	events, err := eventsOf(ctx, tx, o.ID, false)
	if err != nil {
		return err
	}
	due, ok, err := resolutionDue(ctx, tx, o.ID)
	if err != nil {
		return err
	}
	var deadline *time.Time
	if ok {
		deadline = &due
	}
	return writeFacts(ctx, tx, []measureFact{foldFact(factDimsOf(o), events, deadline)})
}

// resolutionDue is the deadline of the order's resolution clock; ok is
// false when it has none.
func resolutionDue(ctx context.Context, q querier, orderID int64) (due time.Time, ok bool, err error) {
	err = q.QueryRow(ctx, `SELECT due_at FROM workorder_clocks WHERE order_id = ? AND kind = 'resolution'`,
		orderID).Scan(&due)
	if isNoRows(err) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("workorder: resolution clock: %w", err)
	}
	return due.UTC(), true, nil
}
