package approval

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// SuspensionKind is why an application's clock stands still (行政许可法
// Art. 45 and the correction period).
type SuspensionKind string

// The kinds of suspension.
const (
	SuspendCorrection SuspensionKind = "correction" // 补正: returned to the applicant
	SuspendHearing    SuspensionKind = "hearing"    // 听证
	SuspendTesting    SuspensionKind = "testing"    // 检验、检测、检疫
	SuspendExpert     SuspensionKind = "expert"     // 专家评审
)

var suspensionNames = map[SuspensionKind]string{
	SuspendCorrection: "补正材料", SuspendHearing: "听证", SuspendTesting: "检验检测", SuspendExpert: "专家评审",
}

// Suspend stops the clock of an application the approver holds a task of:
// for correction by the applicant (who is told what to correct), or for a
// hearing, testing or expert review.
func (s *Service) Suspend(ctx context.Context, actor *authz.Actor, taskID int64, kind SuspensionKind, reason string) error {
	reason = strings.TrimSpace(reason)
	if _, ok := suspensionNames[kind]; !ok {
		return apperr.Invalid("kind", "请选择中止计时的原因")
	}
	if n := utf8.RuneCountInString(reason); n == 0 || n > maxReasonLen {
		return apperr.Invalid("reason", "请写明需要补正或中止的具体内容（不超过1000字）")
	}
	return s.taskTx(ctx, actor, taskID, func(tx *db.Tx, a *Application, t *Task) error {
		if t.AssigneeID != actor.AccountID {
			return apperr.Conflict("请先认领该审批任务")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO application_suspensions (application_id, kind, reason, started_at) VALUES (?, ?, ?, ?)`,
			a.ID, kind, reason, tx.Now()); err != nil {
			return fmt.Errorf("approval: suspend: %w", err)
		}
		if err := bump(ctx, tx, a, StateSuspended, ""); err != nil {
			return err
		}
		if err := addEvent(ctx, tx, a, actor, "suspend", StateAccepted, suspensionNames[kind]+"："+reason, false); err != nil {
			return err
		}
		msg := "您的办件" + a.Number + "因" + suspensionNames[kind] + "中止计时。"
		if kind == SuspendCorrection {
			msg = "您的办件" + a.Number + "需要补正：" + reason + "。请登录补正后提交，补正期间不计入办理时限。"
		}
		return s.notify(ctx, tx, a, msg)
	})
}

// Resume restarts the clock: the applicant after correcting, or an approver
// of the application after a hearing, test or review.
func (s *Service) Resume(ctx context.Context, actor *authz.Actor, id int64, form map[string]any) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		a, err := s.loadApp(ctx, tx, id, tx.Engine().ForUpdate())
		if err != nil {
			return err
		}
		if err := s.mayResume(ctx, actor, &a); err != nil {
			return err
		}
		if a.State != StateSuspended {
			return apperr.Conflict("办件" + a.State.Name() + "，无需恢复计时")
		}
		set, args := "", []any{}
		if form != nil && a.ApplicantID == actor.AccountID {
			enc, err := s.sealForm(form)
			if err != nil {
				return err
			}
			set, args = "form = ?", []any{enc}
		}
		if _, err := tx.Exec(ctx, `UPDATE application_suspensions SET ended_at = ? WHERE application_id = ? AND ended_at IS NULL`,
			tx.Now(), a.ID); err != nil {
			return fmt.Errorf("approval: resume: %w", err)
		}
		if err := bump(ctx, tx, &a, StateAccepted, set, args...); err != nil {
			return err
		}
		return addEvent(ctx, tx, &a, actor, "resume", StateSuspended, "恢复计时", false)
	})
}

// mayResume lets the applicant or an approver with a task on it resume.
func (s *Service) mayResume(ctx context.Context, actor *authz.Actor, a *Application) error {
	if actor == nil || actor.District != a.District {
		return apperr.NotFound("办件不存在")
	}
	if a.ApplicantID == actor.AccountID && actor.May(actApply, self(actor)) {
		return nil
	}
	if ok, err := s.hasTaskFor(ctx, actor, a.ID); err != nil || ok {
		return err
	}
	return apperr.NotFound("办件不存在")
}
