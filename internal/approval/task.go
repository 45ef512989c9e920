package approval

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Task is one step of one item of an accepted application, for one
// department. Tasks of the same stage run in parallel; the next stage
// starts when every task of a stage is done.
type Task struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"application_id"`
	Stage         int       `json:"stage"`
	ItemCode      string    `json:"item_code"`
	Step          int       `json:"step"`
	Name          string    `json:"name"`
	Department    string    `json:"department"`
	Role          string    `json:"role"`
	State         TaskState `json:"state"`
	AssigneeID    int64     `json:"assignee_id,omitempty"`
	Extra         bool      `json:"extra,omitempty"`
	Outcome       string    `json:"outcome,omitempty"`
	Opinion       string    `json:"opinion,omitempty"`
	StartedAt     time.Time `json:"started_at,omitzero"`
	DoneAt        time.Time `json:"done_at,omitzero"`
	DoneBy        int64     `json:"done_by,omitempty"`
}

// TaskState is where a task stands.
type TaskState string

// The task states.
const (
	TaskWaiting   TaskState = "waiting"   // its stage has not started
	TaskActive    TaskState = "active"    // the department is on it
	TaskDone      TaskState = "done"      // finished with an outcome
	TaskCancelled TaskState = "cancelled" // the application was decided without it
)

// stagesOf numbers an item's steps: each step starts a new stage, except
// that consecutive steps of the same parallel group and role run together
// (e.g. two departments checking at once). Stages of bundled items line
// up, so the items go through review, check and decision side by side.
func stagesOf(steps []catalog.Step) []int {
	out := make([]int, len(steps))
	stage := 0
	for j, st := range steps {
		prev := catalog.Step{}
		if j > 0 {
			prev = steps[j-1]
		}
		if j == 0 || st.ParallelGroup == "" || st.ParallelGroup != prev.ParallelGroup || st.Role != prev.Role {
			stage++
		}
		out[j] = stage
	}
	return out
}

// createTasks creates every task of an accepted application; stage 1
// starts at once.
func (s *Service) createTasks(ctx context.Context, tx *db.Tx, a *Application) error {
	items, err := s.versions(ctx, a)
	if err != nil {
		return err
	}
	depts, err := s.departmentCodes(ctx, a.District)
	if err != nil {
		return err
	}
	for _, v := range items {
		stages := stagesOf(v.Item.Steps)
		for j, st := range v.Item.Steps {
			code, ok := depts[st.Department]
			if !ok {
				return fmt.Errorf("approval: item %s step %d: unknown department %s", v.ImplCode, j, st.Department)
			}
			state, started := TaskWaiting, sql.NullTime{}
			if stages[j] == 1 {
				state, started = TaskActive, sql.NullTime{Time: tx.Now(), Valid: true}
			}
			_, err := tx.Exec(ctx, `INSERT INTO approval_tasks (application_id, stage, item_code, step, name, department, role, state, started_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, stages[j], v.ImplCode, j, st.Name, code, st.Role, state, started)
			if err != nil {
				return fmt.Errorf("approval: create task: %w", err)
			}
		}
	}
	return nil
}

const taskColumns = `id, application_id, stage, item_code, step, name, department, role, state, assignee_id,
	extra, outcome, opinion, started_at, done_at, done_by`

// scanTask reads one task row.
func scanTask(r interface{ Scan(...any) error }) (Task, error) {
	var t Task
	var assignee, doneBy sql.NullInt64
	var started, done sql.NullTime
	err := r.Scan(&t.ID, &t.ApplicationID, &t.Stage, &t.ItemCode, &t.Step, &t.Name, &t.Department, &t.Role, &t.State,
		&assignee, &t.Extra, &t.Outcome, &t.Opinion, &started, &done, &doneBy)
	t.AssigneeID, t.DoneBy, t.StartedAt, t.DoneAt = assignee.Int64, doneBy.Int64, started.Time, done.Time
	return t, err
}

// loadTask reads one task, locked in tx when lock is set.
func loadTask(ctx context.Context, q querier, id int64, lock string) (Task, error) {
	t, err := scanTask(q.QueryRow(ctx, `SELECT `+taskColumns+` FROM approval_tasks WHERE id = ?`+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Task{}, apperr.NotFound("审批任务不存在")
	}
	if err != nil {
		return Task{}, fmt.Errorf("approval: task %d: %w", id, err)
	}
	return t, nil
}

// Tasks lists an application's tasks by stage.
func (s *Service) tasksOf(ctx context.Context, q querier, appID int64) ([]Task, error) {
	rows, err := q.Query(ctx, `SELECT `+taskColumns+` FROM approval_tasks WHERE application_id = ? ORDER BY stage, id`, appID)
	if err != nil {
		return nil, fmt.Errorf("approval: tasks: %w", err)
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, fmt.Errorf("approval: tasks: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// loadSuspensions reads the periods an application's clock stood still;
// an open one has a zero End.
func loadSuspensions(ctx context.Context, q querier, appID int64) ([]calendar.Interval, error) {
	rows, err := q.Query(ctx, `SELECT started_at, ended_at FROM application_suspensions WHERE application_id = ? ORDER BY id`, appID)
	if err != nil {
		return nil, fmt.Errorf("approval: suspensions: %w", err)
	}
	defer rows.Close()
	var out []calendar.Interval
	for rows.Next() {
		var start time.Time
		var end sql.NullTime
		if err := rows.Scan(&start, &end); err != nil {
			return nil, err
		}
		out = append(out, calendar.Interval{Start: start, End: end.Time})
	}
	return out, rows.Err()
}
