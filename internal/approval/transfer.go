package approval

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Transfer hands a task the actor holds to a colleague of the same
// department (转办 / 委托). The colleague's role is checked when they act.
func (s *Service) Transfer(ctx context.Context, actor *authz.Actor, taskID, to int64) (Task, error) {
	var out Task
	err := s.taskTx(ctx, actor, taskID, func(tx *db.Tx, a *Application, t *Task) error {
		if t.AssigneeID != actor.AccountID {
			return apperr.Conflict("只能转办自己认领的任务")
		}
		if to <= 0 || to == actor.AccountID {
			return apperr.Invalid("to", "请选择接收转办的同事")
		}
		if _, err := tx.Exec(ctx, `UPDATE approval_tasks SET assignee_id = ? WHERE id = ?`, to, t.ID); err != nil {
			return fmt.Errorf("approval: transfer: %w", err)
		}
		t.AssigneeID = to
		out = *t
		return addEvent(ctx, tx, a, actor, "transfer", a.State, fmt.Sprintf("%s 转办给账号 %d", t.Name, to), true)
	})
	return out, err
}

// AddApprover adds a task for another department to the same stage (加签):
// the stage then also waits for that department.
func (s *Service) AddApprover(ctx context.Context, actor *authz.Actor, taskID int64, department, name string) (Task, error) {
	var out Task
	err := s.taskTx(ctx, actor, taskID, func(tx *db.Tx, a *Application, t *Task) error {
		if t.AssigneeID != actor.AccountID {
			return apperr.Conflict("只能在自己认领的任务上加签")
		}
		if _, err := s.Org.GetDepartment(ctx, nil, department); err != nil || department[:6] != a.District {
			return apperr.Invalid("department", "请选择本区的部门")
		}
		if name == "" {
			name = "会签"
		}
		id, err := tx.InsertID(ctx, `INSERT INTO approval_tasks (application_id, stage, item_code, step, name, department, role, state, extra, started_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, t.Stage, t.ItemCode, t.Step, name, department, "check", TaskActive, true, tx.Now())
		if err != nil {
			return fmt.Errorf("approval: add approver: %w", err)
		}
		out, err = loadTask(ctx, tx, id, "")
		if err != nil {
			return err
		}
		return addEvent(ctx, tx, a, actor, "add_approver", a.State, t.Name+" 加签 "+name, true)
	})
	return out, err
}
