package approval

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// maxReasonLen bounds a refusal's reasons.
const maxReasonLen = 1000

// Accept accepts a claimed application at the worker's service point (区街
// 同权: any point whose level the items allow, anywhere in the district),
// numbers the acceptance notice (受理通知书) and hands the case to the
// departments of the items' steps (受理权与审批权分离).
func (s *Service) Accept(ctx context.Context, actor *authz.Actor, id int64) (Application, error) {
	point, level, err := s.frontDeskPoint(ctx, actor)
	if err != nil {
		return Application{}, err
	}
	var out Application
	err = s.frontDeskTx(ctx, actor, id, func(tx *db.Tx, a *Application) error {
		if err := mustHold(a, actor); err != nil {
			return err
		}
		items, err := s.versions(ctx, a)
		if err != nil {
			return err
		}
		for _, v := range items {
			if !slices.Contains(v.Item.ExerciseLevels, level) {
				return apperr.Forbidden(point.Name + "不能受理“" + v.Item.Name + "”，请转至" + levelsName(v.Item.ExerciseLevels) + "网点")
			}
		}
		if err := s.accept(ctx, tx, actor, a, point.Code, ""); err != nil {
			return err
		}
		out = *a
		return nil
	})
	return out, err
}

// levelsName lists levels in words.
func levelsName(ls []catalog.Level) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Name()
	}
	return strings.Join(names, "、")
}

// accept moves a submitted application to the departments in tx. An
// acceptance by law dates from the submission (Art. 32).
func (s *Service) accept(ctx context.Context, tx *db.Tx, actor *authz.Actor, a *Application, point, note string) error {
	no, err := nextNumber(ctx, tx, a.District, numAcceptance)
	if err != nil {
		return err
	}
	at := tx.Now()
	if actor.Kind == authz.KindSystem {
		at = a.SubmittedAt
	}
	err = bump(ctx, tx, a, StateAccepted, "accepted_at = ?, accepted_by = ?, accepted_point = ?, acceptance_no = ?",
		at, actor.AccountID, point, no)
	if err != nil {
		return err
	}
	a.AcceptedAt, a.AcceptedBy, a.AcceptedPoint, a.AcceptanceNo = at, actor.AccountID, point, no
	if err := addEvent(ctx, tx, a, actor, "accept", StateSubmitted, strings.TrimSpace("受理通知书 "+no+" "+note), false); err != nil {
		return err
	}
	if err := s.createTasks(ctx, tx, a); err != nil {
		return err
	}
	if err := s.scheduleClock(ctx, tx, a); err != nil {
		return err
	}
	return s.notify(ctx, tx, a, "您的办件"+a.Number+"已受理（"+no+"），正在审批。")
}

// Reject refuses to accept (不予受理) with the reasons the applicant is
// given in the written notice.
func (s *Service) Reject(ctx context.Context, actor *authz.Actor, id int64, reasons string) error {
	reasons = strings.TrimSpace(reasons)
	if n := utf8.RuneCountInString(reasons); n == 0 || n > maxReasonLen {
		return apperr.Invalid("reasons", "请写明不予受理的理由和依据（不超过1000字）")
	}
	return s.frontDeskTx(ctx, actor, id, func(tx *db.Tx, a *Application) error {
		if err := mustHold(a, actor); err != nil {
			return err
		}
		no, err := nextNumber(ctx, tx, a.District, numRejection)
		if err != nil {
			return err
		}
		if err := bump(ctx, tx, a, StateRejected, "decision_reason = ?, decision_no = ?, decided_at = ?", reasons, no, tx.Now()); err != nil {
			return err
		}
		a.Reason, a.DecisionNo, a.DecidedAt = reasons, no, tx.Now()
		if err := addEvent(ctx, tx, a, actor, "reject", StateSubmitted, "不予受理通知书 "+no+"："+reasons, false); err != nil {
			return err
		}
		return s.notify(ctx, tx, a, "您的办件"+a.Number+"不予受理，请登录查看不予受理通知书。")
	})
}

// Withdraw lets the applicant take back an application before it is
// accepted.
func (s *Service) Withdraw(ctx context.Context, actor *authz.Actor, id int64) error {
	if err := authz.Check(actor, actApply, self(actor)); err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		a, err := s.loadApp(ctx, tx, id, tx.Engine().ForUpdate())
		if err != nil {
			return err
		}
		if a.ApplicantID != actor.AccountID || a.District != actor.District {
			return apperr.NotFound("办件不存在")
		}
		if !CanMove(a.State, StateWithdrawn) {
			return apperr.Conflict("办件" + a.State.Name() + "，不能撤回")
		}
		from := a.State
		if err := bump(ctx, tx, &a, StateWithdrawn, "claimed_by = NULL"); err != nil {
			return err
		}
		return addEvent(ctx, tx, &a, actor, "withdraw", from, "", false)
	})
}

// acceptedLimit is an application's legal limit from acceptance.
func (s *Service) acceptedLimit(ctx context.Context, q querier, a *Application, promised bool) (Limit, error) {
	susp, err := loadSuspensions(ctx, q, a.ID)
	if err != nil {
		return Limit{}, err
	}
	days := a.LegalDays
	if promised {
		days = a.PromisedDays
	}
	return Limit{Days: days, Start: a.AcceptedAt, Suspensions: susp}, nil
}
