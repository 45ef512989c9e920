package supervision

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

const taskSelect = `SELECT id, district_code, street_code, application_id, application_no, kind,
	COALESCE(parent_id, 0), item_code, item_name, department, entity_name, address, checklist, due_on, state,
	outcome, decided_at, created_at, applicant_id FROM inspection_tasks`

// querier is a *db.DB or a *db.Tx.
type querier interface {
	Query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, q string, args ...any) *sql.Row
}

type scanner interface{ Scan(dest ...any) error }

func scanTask(r scanner) (Task, error) {
	var t Task
	var list string
	err := r.Scan(&t.ID, &t.District, &t.Street, &t.ApplicationID, &t.ApplicationNo, &t.Kind, &t.ParentID,
		&t.ItemCode, &t.ItemName, &t.Department, &t.EntityName, &t.Address, &list, &t.DueOn, &t.State, &t.Outcome,
		&t.DecidedAt, &t.CreatedAt, &t.ApplicantID)
	if err != nil {
		return t, err
	}
	t.DistanceKM = -1
	return t, json.Unmarshal([]byte(list), &t.Checklist)
}

// loadTask reads one task of the district.
func loadTask(ctx context.Context, q querier, district string, id int64, suffix string) (Task, error) {
	t, err := scanTask(q.QueryRow(ctx, taskSelect+` WHERE id = ? AND district_code = ?`+suffix, id, district))
	if err == sql.ErrNoRows {
		return t, apperr.NotFound(fmt.Sprintf("检查任务 %d 不存在", id))
	}
	if err != nil {
		return t, fmt.Errorf("supervision: task %d: %w", id, err)
	}
	return t, nil
}

// listTasks reads the district's tasks, of some streets only unless all.
func listTasks(ctx context.Context, q querier, district, state string, streets []string, all bool) ([]Task, error) {
	where, args := ` WHERE district_code = ?`, []any{district}
	if state != "" {
		where, args = where+` AND state = ?`, append(args, state)
	}
	if !all {
		if len(streets) == 0 {
			return []Task{}, nil
		}
		where += ` AND street_code IN (?` + strings.Repeat(", ?", len(streets)-1) + `)`
		for _, s := range streets {
			args = append(args, s)
		}
	}
	rows, err := q.Query(ctx, taskSelect+where+` ORDER BY due_on, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("supervision: list tasks: %w", err)
	}
	defer rows.Close()
	out := []Task{}
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, fmt.Errorf("supervision: list tasks: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// visitRow is what the credit push and the public page read of a visit.
type visitRow struct {
	Outcome   string
	RectifyBy string
	VisitedAt time.Time
}

// loadVisit reads the visit that settled a task.
func loadVisit(ctx context.Context, q querier, taskID int64) (visitRow, error) {
	var v visitRow
	err := q.QueryRow(ctx, `SELECT outcome, rectify_by, visited_at FROM inspection_visits WHERE task_id = ?`, taskID).
		Scan(&v.Outcome, &v.RectifyBy, &v.VisitedAt)
	if err != nil {
		return v, fmt.Errorf("supervision: visit of task %d: %w", taskID, err)
	}
	return v, nil
}
