package approval

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Outcome is what an approver decides on a task.
type Outcome string

// The outcomes of a task.
const (
	OutcomeApprove Outcome = "approve" // pass the step (审查通过 / 准予)
	OutcomeRefuse  Outcome = "refuse"  // refuse the application, with legal reasons (check and decide steps)
	OutcomeBack    Outcome = "back"    // return to the previous step of the item
)

// maxOpinionLen bounds an approver's opinion.
const maxOpinionLen = 2000

// ClaimTask makes the approver the one handling an active task of their
// department. Two approvers at once: one wins.
func (s *Service) ClaimTask(ctx context.Context, actor *authz.Actor, taskID int64) (Task, error) {
	var out Task
	err := s.taskTx(ctx, actor, taskID, func(tx *db.Tx, a *Application, t *Task) error {
		res, err := tx.Exec(ctx, `UPDATE approval_tasks SET assignee_id = ? WHERE id = ? AND state = ? AND assignee_id IS NULL`,
			actor.AccountID, t.ID, TaskActive)
		if err != nil {
			return fmt.Errorf("approval: claim task: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.Conflict("该审批任务已由他人认领或尚未开始")
		}
		t.AssigneeID = actor.AccountID
		out = *t
		return addEvent(ctx, tx, a, actor, "claim_task", a.State, t.Name, true)
	})
	return out, err
}

// CompleteTask records the approver's outcome on their task. Review and
// check of one item are done by different people; when every task of a
// stage is done the next stage starts, and after the last stage the
// application is approved. A refusal decides the whole application.
func (s *Service) CompleteTask(ctx context.Context, actor *authz.Actor, taskID int64, outcome Outcome, opinion string) (Application, error) {
	opinion = strings.TrimSpace(opinion)
	if utf8.RuneCountInString(opinion) > maxOpinionLen {
		return Application{}, apperr.Invalid("opinion", "审批意见不能超过2000字")
	}
	var out Application
	err := s.taskTx(ctx, actor, taskID, func(tx *db.Tx, a *Application, t *Task) error {
		if err := s.mayComplete(ctx, tx, actor, a, t, outcome, opinion); err != nil {
			return err
		}
		if err := finishTask(ctx, tx, actor, t, outcome, opinion); err != nil {
			return err
		}
		var err error
		switch outcome {
		case OutcomeRefuse:
			err = s.decide(ctx, tx, actor, a, StateRefused, opinion)
		case OutcomeBack:
			err = s.stepBack(ctx, tx, actor, a, t, opinion)
		default:
			err = s.advance(ctx, tx, actor, a, t)
		}
		out = *a
		return err
	})
	return out, err
}

// mayComplete checks that the task can take this outcome from actor.
func (s *Service) mayComplete(ctx context.Context, tx *db.Tx, actor *authz.Actor, a *Application, t *Task, o Outcome, opinion string) error {
	if t.AssigneeID != actor.AccountID {
		return apperr.Conflict("请先认领该审批任务")
	}
	switch o {
	case OutcomeApprove:
	case OutcomeRefuse:
		if t.Role == string(catalog.StepReview) {
			return apperr.Invalid("outcome", "审查环节不能作出不予许可决定，请提出意见后交审核")
		}
		if opinion == "" {
			return apperr.Invalid("opinion", "不予许可须写明理由和法律依据")
		}
	case OutcomeBack:
		if t.Stage == 1 {
			return apperr.Invalid("outcome", "这是第一个环节，不能退回上一环节")
		}
		if opinion == "" {
			return apperr.Invalid("opinion", "退回须写明理由")
		}
	default:
		return apperr.Invalid("outcome", "请选择审批结果")
	}
	if t.Role == string(catalog.StepReview) {
		return nil
	}
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM approval_tasks WHERE application_id = ? AND item_code = ?
		AND stage < ? AND state = ? AND done_by = ?`, a.ID, t.ItemCode, t.Stage, TaskDone, actor.AccountID).Scan(&n)
	if err != nil {
		return fmt.Errorf("approval: reviewers: %w", err)
	}
	if n > 0 {
		return apperr.Forbidden("审查和审核须由不同人员办理：您已办理本事项的前一环节")
	}
	return nil
}

// finishTask closes a task with its outcome.
func finishTask(ctx context.Context, tx *db.Tx, actor *authz.Actor, t *Task, o Outcome, opinion string) error {
	_, err := tx.Exec(ctx, `UPDATE approval_tasks SET state = ?, outcome = ?, opinion = ?, done_at = ?, done_by = ? WHERE id = ?`,
		TaskDone, o, opinion, tx.Now(), actor.AccountID, t.ID)
	if err != nil {
		return fmt.Errorf("approval: finish task: %w", err)
	}
	t.State, t.Outcome, t.Opinion, t.DoneBy = TaskDone, string(o), opinion, actor.AccountID
	return nil
}

// advance starts the next stage once every task of this one is done, and
// approves the application after the last stage.
func (s *Service) advance(ctx context.Context, tx *db.Tx, actor *authz.Actor, a *Application, t *Task) error {
	if err := addEvent(ctx, tx, a, actor, "task_done", a.State, t.Name+"：通过", true); err != nil {
		return err
	}
	var open, next int
	err := tx.QueryRow(ctx, `SELECT
		COALESCE(SUM(CASE WHEN stage = ? AND state <> ? THEN 1 ELSE 0 END), 0),
		COALESCE(MIN(CASE WHEN stage > ? THEN stage END), 0)
		FROM approval_tasks WHERE application_id = ?`, t.Stage, TaskDone, t.Stage, a.ID).Scan(&open, &next)
	if err != nil {
		return fmt.Errorf("approval: stage: %w", err)
	}
	switch {
	case open > 0:
		return nil
	case next > 0:
		_, err := tx.Exec(ctx, `UPDATE approval_tasks SET state = ?, started_at = ? WHERE application_id = ? AND stage = ?`,
			TaskActive, tx.Now(), a.ID, next)
		return err
	}
	return s.decide(ctx, tx, actor, a, StateApproved, "")
}

// stepBack returns the item to its previous stage: those tasks open again
// for the same people, this one waits.
func (s *Service) stepBack(ctx context.Context, tx *db.Tx, actor *authz.Actor, a *Application, t *Task, opinion string) error {
	_, err := tx.Exec(ctx, `UPDATE approval_tasks SET state = ?, outcome = '', done_at = NULL, done_by = NULL
		WHERE application_id = ? AND stage = ? AND state = ?`, TaskWaiting, a.ID, t.Stage, TaskDone)
	if err != nil {
		return fmt.Errorf("approval: step back: %w", err)
	}
	_, err = tx.Exec(ctx, `UPDATE approval_tasks SET state = ?, outcome = '', done_at = NULL, done_by = NULL, started_at = ?
		WHERE application_id = ? AND stage = ? AND item_code = ?`, TaskActive, tx.Now(), a.ID, t.Stage-1, t.ItemCode)
	if err != nil {
		return fmt.Errorf("approval: step back: %w", err)
	}
	return addEvent(ctx, tx, a, actor, "task_back", a.State, t.Name+"：退回上一环节。"+opinion, true)
}

// taskTx runs fn on a locked task and its application for an approver of
// the task's department, while the application is with the departments.
func (s *Service) taskTx(ctx context.Context, actor *authz.Actor, taskID int64, fn func(tx *db.Tx, a *Application, t *Task) error) error {
	if err := authz.Check(actor, actApprove, authz.Scope{}); err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		t, err := loadTask(ctx, tx, taskID, tx.Engine().ForUpdate())
		if err != nil {
			return err
		}
		if !actor.May(actApprove, authz.Scope{Kind: authz.ScopeDepartment, Code: t.Department}) {
			return apperr.NotFound("审批任务不存在")
		}
		a, err := s.loadApp(ctx, tx, t.ApplicationID, tx.Engine().ForUpdate())
		if err != nil {
			return err
		}
		if a.District != actor.District {
			return apperr.NotFound("审批任务不存在")
		}
		if a.State != StateAccepted {
			return apperr.Conflict("办件" + a.State.Name() + "，不能审批")
		}
		if t.State != TaskActive {
			return apperr.Conflict("该审批任务" + taskStateName(t.State))
		}
		return fn(tx, &a, &t)
	})
}

// taskStateName says what a task's state means for someone acting on it.
func taskStateName(s TaskState) string {
	switch s {
	case TaskWaiting:
		return "尚未开始"
	case TaskDone:
		return "已办结"
	case TaskCancelled:
		return "已取消"
	}
	return "进行中"
}
