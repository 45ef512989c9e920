package rating

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// GetRectification returns a case to the staff of its units, leaders and
// administrators.
func (s *Service) GetRectification(ctx context.Context, actor *authz.Actor, id int64) (Rectification, error) {
	if err := mayAny(actor, actView); err != nil {
		return Rectification{}, err
	}
	x, err := s.loadRect(ctx, s.DB, id)
	if err != nil {
		return Rectification{}, err
	}
	if err := checkCase(actor, actView, x); err != nil {
		return Rectification{}, err
	}
	return x, nil
}

// AddCallback records a call to the person who rated, by the actor.
func (s *Service) AddCallback(ctx context.Context, actor *authz.Actor, id int64, in CallbackInput) (Rectification, error) {
	in.Note = strings.TrimSpace(in.Note)
	if err := text("note", "回访情况", in.Note, maxNote); err != nil {
		return Rectification{}, err
	}
	return s.change(ctx, actor, actRectify, id, func(tx *db.Tx, x *Rectification) error {
		if x.State != StateOpen {
			return apperr.Conflict("整改件" + x.State.Name() + "，不能再记录回访")
		}
		at := in.CalledAt.UTC()
		if in.CalledAt.IsZero() {
			at = tx.Now()
		}
		if at.After(tx.Now()) || at.Before(x.OpenedAt) {
			return apperr.Invalid("called_at", "回访时间应在差评之后、当前时间之前")
		}
		_, err := tx.Exec(ctx, `INSERT INTO rating_callbacks (rectification_id, called_by, called_at, reached, note, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, id, actor.AccountID, at, in.Reached, in.Note, tx.Now())
		if err != nil {
			return fmt.Errorf("rating: callback: %w", err)
		}
		_, err = tx.Exec(ctx, `UPDATE rating_rectifications SET updated_at = ? WHERE id = ?`, tx.Now(), id)
		return err
	})
}

// Submit sends the unit's measures for review; the person must have been
// called back first.
func (s *Service) Submit(ctx context.Context, actor *authz.Actor, id int64, in SubmitInput) (Rectification, error) {
	in.Measures = strings.TrimSpace(in.Measures)
	if err := text("measures", "整改措施", in.Measures, maxMeasures); err != nil {
		return Rectification{}, err
	}
	return s.change(ctx, actor, actRectify, id, func(tx *db.Tx, x *Rectification) error {
		if x.State != StateOpen {
			return apperr.Conflict("整改件" + x.State.Name() + "，不能提交")
		}
		if len(x.Callbacks) == 0 {
			return apperr.Invalid("callbacks", "请先记录对评价人的回访，再提交整改")
		}
		return moveRect(ctx, tx, id, StateOpen, StateSubmitted, `, measures = ?, submitted_at = ?, submitted_by = ?`,
			in.Measures, tx.Now(), actor.AccountID)
	})
}

// Review closes a submitted case (accepted) or sends it back to the unit
// (returned, with a note saying why).
func (s *Service) Review(ctx context.Context, actor *authz.Actor, id int64, in ReviewInput) (Rectification, error) {
	in.Note = strings.TrimSpace(in.Note)
	switch {
	case in.Outcome != Accepted && in.Outcome != Returned:
		return Rectification{}, apperr.Invalid("outcome", "请选择审核结果：通过或退回")
	case in.Outcome == Returned && in.Note == "":
		return Rectification{}, apperr.Invalid("note", "退回时请写明理由")
	case len([]rune(in.Note)) > maxNote:
		return Rectification{}, apperr.Invalid("note", "审核意见过长")
	}
	return s.change(ctx, actor, actReview, id, func(tx *db.Tx, x *Rectification) error {
		if x.State != StateSubmitted {
			return apperr.Conflict("整改件" + x.State.Name() + "，不能审核")
		}
		to, returns := StateClosed, x.Returns
		if in.Outcome == Returned {
			to, returns = StateOpen, returns+1
		}
		return moveRect(ctx, tx, id, StateSubmitted, to, `, returns = ?, review_note = ?, reviewed_at = ?, reviewed_by = ?`,
			returns, in.Note, tx.Now(), actor.AccountID)
	})
}

// change runs fn on a case the actor may act on, then audits the change
// and returns the case as it now stands.
func (s *Service) change(ctx context.Context, actor *authz.Actor, act *authz.Action, id int64,
	fn func(tx *db.Tx, x *Rectification) error) (Rectification, error) {
	check := authz.Check(actor, act, authz.Scope{})
	if act == actRectify {
		check = mayAny(actor, act)
	}
	if check != nil {
		return Rectification{}, check
	}
	var out Rectification
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		x, err := s.loadRect(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.mayChange(actor, act, x); err != nil {
			return err
		}
		if err := fn(tx, &x); err != nil {
			return err
		}
		if out, err = s.loadRect(ctx, tx, id); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: act.Name, ObjectType: "rating_rectification",
			ObjectID: strconv.FormatInt(id, 10), Before: x, After: out})
	})
	return out, err
}

// mayChange checks the actor against the case: unit staff over one of its
// units, reviewers over its district.
func (s *Service) mayChange(actor *authz.Actor, act *authz.Action, x Rectification) error {
	if act == actReview {
		return authz.Check(actor, act, authz.District(x.District))
	}
	return checkCase(actor, act, x)
}
