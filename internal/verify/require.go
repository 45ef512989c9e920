package verify

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Level returns the identity level the actor holds for ref now: L0 for
// nobody signed in or staff, L1 for a resident or enterprise user, higher
// when an open verification for ref reached it.
func (s *Service) Level(ctx context.Context, actor *authz.Actor, ref string) (Level, error) {
	if !actor.May(actOwn, selfOf(actor)) {
		return L0, nil
	}
	r, err := latestFor(ctx, s.d, s.d.Engine, actor.AccountID, ref, false)
	if apperr.CodeOf(err) == apperr.CodeNotFound {
		return L1, nil
	}
	if err != nil {
		return L0, err
	}
	return max(L1, r.v.LevelAt(s.now())), nil
}

// Require returns the actor's open verification for ref when it reached
// level, and otherwise a forbidden error whose message (also on field
// "verification") names the missing step: start, carrier check, SMS code,
// face check, or a new verification when the last one expired or was used.
func (s *Service) Require(ctx context.Context, actor *authz.Actor, ref string, level Level) (Verification, error) {
	if err := s.requireArgs(actor, level); err != nil {
		return Verification{}, err
	}
	return s.RequireAccount(ctx, actor.AccountID, ref, level)
}

// RequireAccount is Require for a caller that has already established that
// accountID is the person acting (e.g. the applicant of the application
// ref): it checks no permission.
func (s *Service) RequireAccount(ctx context.Context, accountID int64, ref string, level Level) (Verification, error) {
	if !level.Valid() {
		return Verification{}, apperr.Invalid("level", msgLevelBad)
	}
	r, err := latestFor(ctx, s.d, s.d.Engine, accountID, ref, false)
	if apperr.CodeOf(err) == apperr.CodeNotFound {
		return Verification{}, need(fmt.Sprintf(msgNeedStart, level.Name()))
	}
	if err != nil {
		return Verification{}, err
	}
	if err := sufficient(r.v, level, s.now()); err != nil {
		return Verification{}, err
	}
	return s.reveal(r)
}

// Consume uses the actor's verification id for ref inside the caller's
// transaction (e.g. the submission of an application): it must be the
// actor's, started for ref, open and at level; it is then marked used, so
// it serves no other submission. Errors: conflict for another purpose or a
// verification already used, forbidden (see Require) for a missing step.
func (s *Service) Consume(ctx context.Context, tx *db.Tx, actor *authz.Actor, id, ref string, level Level) (Verification, error) {
	if err := s.requireArgs(actor, level); err != nil {
		return Verification{}, err
	}
	return s.ConsumeAccount(ctx, tx, actor.AccountID, id, ref, level)
}

// ConsumeAccount is Consume for a caller that has already established
// that accountID is the person acting; a verification of another account
// is forbidden.
func (s *Service) ConsumeAccount(ctx context.Context, tx *db.Tx, accountID int64, id, ref string, level Level) (Verification, error) {
	if !level.Valid() {
		return Verification{}, apperr.Invalid("level", msgLevelBad)
	}
	r, err := loadRow(ctx, tx, tx.Engine(), id, true)
	if err != nil {
		return Verification{}, err
	}
	switch {
	case r.v.AccountID != accountID:
		return Verification{}, apperr.Forbidden("您无权" + actOwn.Title)
	case r.v.Purpose != ref:
		return Verification{}, apperr.Conflict(msgOtherPurpose)
	case r.v.UsedAt != nil:
		return Verification{}, apperr.Conflict(msgUsed)
	}
	if err := sufficient(r.v, level, tx.Now()); err != nil {
		return Verification{}, err
	}
	now := tx.Now().Truncate(time.Microsecond)
	res, err := tx.Exec(ctx, `UPDATE verifications SET used_at = ? WHERE id = ? AND used_at IS NULL`, now, id)
	if err != nil {
		return Verification{}, fmt.Errorf("verify: consume: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return Verification{}, apperr.Conflict(msgUsed)
	}
	r.v.UsedAt = &now
	return s.reveal(r)
}

// requireArgs checks the level asked for and that the actor may hold one.
func (s *Service) requireArgs(actor *authz.Actor, level Level) error {
	if !level.Valid() {
		return apperr.Invalid("level", msgLevelBad)
	}
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		if apperr.CodeOf(err) == apperr.CodeForbidden {
			return need(msgNeedPublic)
		}
		return err
	}
	return nil
}

// sufficient says which step v lacks for level at now, or nil.
func sufficient(v Verification, level Level, now time.Time) error {
	switch v.StatusAt(now) {
	case StatusUsed:
		return need(msgUsed)
	case StatusExpired:
		return need(msgExpired)
	}
	switch {
	case level >= L2 && !v.Carrier.Passed():
		return need(fmt.Sprintf(msgNeedCarrier, level.Name()))
	case level >= L2 && !v.SMS.Passed():
		return need(fmt.Sprintf(msgNeedSMS, level.Name()))
	case level >= L3 && !v.Face.Passed():
		return need(fmt.Sprintf(msgNeedFace, level.Name()))
	}
	return nil
}

// need is the refusal of a submission that lacks an identity step.
func need(msg string) error {
	e := apperr.Forbidden(msg)
	e.Fields = map[string]string{"verification": msg}
	return e
}
