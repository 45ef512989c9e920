package approval

import (
	"context"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Defect is one thing wrong with an application, as a one-time notice
// (一次性告知) lists it: what (a form field or material), why, and how to
// fix it.
type Defect struct {
	Target string `json:"target"`
	Reason string `json:"reason"`
	Fix    string `json:"fix"`
}

// Limits of a notice.
const (
	maxDefects   = 50
	maxDefectLen = 300
)

// Claim makes the front-desk worker the one pre-reviewing an application.
// Two workers claiming at once: exactly one wins, the other is told who has
// it.
func (s *Service) Claim(ctx context.Context, actor *authz.Actor, id int64) (Application, error) {
	var out Application
	err := s.frontDeskTx(ctx, actor, id, func(tx *db.Tx, a *Application) error {
		if a.State != StateSubmitted {
			return apperr.Conflict("办件" + a.State.Name() + "，无需预审")
		}
		res, err := tx.Exec(ctx, `UPDATE applications SET claimed_by = ?, claimed_at = ?, revision = revision + 1, updated_at = ?
			WHERE id = ? AND claimed_by IS NULL AND state = ?`, actor.AccountID, tx.Now(), tx.Now(), a.ID, StateSubmitted)
		if err != nil {
			return fmt.Errorf("approval: claim: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.Conflict("该办件已由其他工作人员认领")
		}
		a.ClaimedBy, a.Revision = actor.AccountID, a.Revision+1
		out = *a
		return addEvent(ctx, tx, a, actor, "claim", a.State, "", true)
	})
	return out, err
}

// Unclaim hands an application back to the shared queue.
func (s *Service) Unclaim(ctx context.Context, actor *authz.Actor, id int64) error {
	return s.frontDeskTx(ctx, actor, id, func(tx *db.Tx, a *Application) error {
		if a.ClaimedBy != actor.AccountID {
			return apperr.Conflict("您没有认领该办件")
		}
		if err := bump(ctx, tx, a, a.State, "claimed_by = NULL, claimed_at = NULL"); err != nil {
			return err
		}
		return addEvent(ctx, tx, a, actor, "unclaim", a.State, "", true)
	})
}

// ReturnForCorrection sends the applicant one notice with every defect
// (一次性告知) and stops waiting for them; each round is kept.
func (s *Service) ReturnForCorrection(ctx context.Context, actor *authz.Actor, id int64, defects []Defect) error {
	if err := checkDefects(defects); err != nil {
		return err
	}
	return s.frontDeskTx(ctx, actor, id, func(tx *db.Tx, a *Application) error {
		if err := mustHold(a, actor); err != nil {
			return err
		}
		round, err := nextRound(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		raw, _ := json.Marshal(defects)
		if _, err := tx.Exec(ctx, `INSERT INTO application_notices (application_id, round, defects, sent_at, sent_by)
			VALUES (?, ?, ?, ?, ?)`, a.ID, round, string(raw), tx.Now(), actor.AccountID); err != nil {
			return fmt.Errorf("approval: notice: %w", err)
		}
		if err := bump(ctx, tx, a, StateReturned, "claimed_by = NULL, claimed_at = NULL"); err != nil {
			return err
		}
		note := fmt.Sprintf("一次性告知（第%d次）：共%d项需补正", round, len(defects))
		if err := addEvent(ctx, tx, a, actor, "return", StateSubmitted, note, false); err != nil {
			return err
		}
		return s.notify(ctx, tx, a, "您的办件"+a.Number+"需要补正材料，请登录查看一次性告知书并修改后重新提交。")
	})
}

// checkDefects validates a notice.
func checkDefects(ds []Defect) error {
	if len(ds) == 0 {
		return apperr.Invalid("defects", "请至少列出一项需要补正的内容")
	}
	if len(ds) > maxDefects {
		return apperr.Invalid("defects", fmt.Sprintf("一次告知不能超过%d项", maxDefects))
	}
	for i, d := range ds {
		f := fmt.Sprintf("defects[%d]", i)
		for name, v := range map[string]string{".target": d.Target, ".reason": d.Reason, ".fix": d.Fix} {
			if n := utf8.RuneCountInString(v); n == 0 || n > maxDefectLen {
				return apperr.Invalid(f+name, "请填写补正的对象、原因和补正方法（每项不超过300字）")
			}
		}
	}
	return nil
}

// nextRound returns the number of the next notice round.
func nextRound(ctx context.Context, tx *db.Tx, appID int64) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(round), 0) + 1 FROM application_notices WHERE application_id = ?`, appID).Scan(&n)
	return n, err
}

// answerNotice marks the open notice answered by a resubmission.
func answerNotice(ctx context.Context, tx *db.Tx, appID int64) error {
	_, err := tx.Exec(ctx, `UPDATE application_notices SET answered_at = ? WHERE application_id = ? AND answered_at IS NULL`, tx.Now(), appID)
	return err
}

// Notices returns every notice round of an application, oldest first.
func (s *Service) Notices(ctx context.Context, actor *authz.Actor, id int64) ([][]Defect, error) {
	if _, err := s.Get(ctx, actor, id); err != nil {
		return nil, err
	}
	rows, err := s.DB.Query(ctx, `SELECT defects FROM application_notices WHERE application_id = ? ORDER BY round`, id)
	if err != nil {
		return nil, fmt.Errorf("approval: notices: %w", err)
	}
	defer rows.Close()
	var out [][]Defect
	for rows.Next() {
		var raw string
		var ds []Defect
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(raw), &ds); err != nil {
			return nil, fmt.Errorf("approval: notice: %w", err)
		}
		out = append(out, ds)
	}
	return out, rows.Err()
}

// mustHold requires the worker to have claimed a submitted application.
func mustHold(a *Application, actor *authz.Actor) error {
	if a.State != StateSubmitted {
		return apperr.Conflict("办件" + a.State.Name() + "，不能预审")
	}
	if a.ClaimedBy != actor.AccountID {
		return apperr.Conflict("请先认领该办件")
	}
	return nil
}

// frontDeskTx runs fn on a locked application for a front-desk worker of
// the district.
func (s *Service) frontDeskTx(ctx context.Context, actor *authz.Actor, id int64, fn func(tx *db.Tx, a *Application) error) error {
	if err := authz.Check(actor, actPreReview, authz.Scope{}); err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		a, err := s.loadApp(ctx, tx, id, tx.Engine().ForUpdate())
		if err != nil {
			return err
		}
		if a.District != actor.District || a.State == StateDraft {
			return apperr.NotFound("办件不存在")
		}
		return fn(tx, &a)
	})
}

// notify queues a message to the applicant in tx, when a notifier is set.
func (s *Service) notify(ctx context.Context, tx *db.Tx, a *Application, text string) error {
	if s.Gates.Notify == nil {
		return nil
	}
	return s.Gates.Notify.Notify(ctx, tx, a.ApplicantID, text)
}
