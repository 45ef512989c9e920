package approval

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// decide records the decision (准予 / 不予许可) with its number, cancels the
// tasks left open and tells the applicant. On approval of an item taken on
// commitment (告知承诺), the on-site verification it owes is recorded on the
// timeline for the supervision that follows.
func (s *Service) decide(ctx context.Context, tx *db.Tx, actor *authz.Actor, a *Application, to State, reason string) error {
	no, err := nextNumber(ctx, tx, a.District, numDecision)
	if err != nil {
		return err
	}
	decision := "approved"
	if to == StateRefused {
		decision = "refused"
	}
	from := a.State
	err = bump(ctx, tx, a, to, "decided_at = ?, decision = ?, decision_no = ?, decision_reason = ?", tx.Now(), decision, no, reason)
	if err != nil {
		return err
	}
	a.DecidedAt, a.Decision, a.DecisionNo, a.Reason = tx.Now(), decision, no, reason
	if _, err := tx.Exec(ctx, `UPDATE approval_tasks SET state = ? WHERE application_id = ? AND state IN (?, ?)`,
		TaskCancelled, a.ID, TaskWaiting, TaskActive); err != nil {
		return fmt.Errorf("approval: cancel tasks: %w", err)
	}
	note := "准予许可，决定书 " + no
	if to == StateRefused {
		note = "不予许可，决定书 " + no + "。理由：" + reason
	}
	if err := addEvent(ctx, tx, a, actor, "decide", from, note, false); err != nil {
		return err
	}
	if err := s.runDecided(ctx, tx, a); err != nil {
		return err
	}
	if to == StateApproved && a.UseCommitment {
		err := addEvent(ctx, tx, a, actor, "commitment_check_due", a.State, "告知承诺：许可后须现场核查承诺内容", true)
		if err != nil {
			return err
		}
	}
	return s.notify(ctx, tx, a, "您的办件"+a.Number+"已办结："+stateNames[to]+"，请登录查看决定书。")
}
