package rating

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Rate records the actor's rating of their case, once. A bad rating opens
// the rectification case in the same transaction. A case of someone else
// is not found; a case of one's own not yet ended is a conflict.
func (s *Service) Rate(ctx context.Context, actor *authz.Actor, kind CaseKind, caseID int64, in Input) (Rating, error) {
	if err := authz.Check(actor, actRate, selfOf(actor)); err != nil {
		return Rating{}, err
	}
	if !kind.Valid() {
		return Rating{}, apperr.Invalid("kind", "评价对象类型不正确")
	}
	in, err := in.validate()
	if err != nil {
		return Rating{}, err
	}
	var out Rating
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		r, err := loadRating(ctx, tx, kind, caseID)
		if err != nil {
			return err
		}
		if r.RaterID != actor.AccountID {
			return errNoInvitation
		}
		if out, err = s.rateTx(ctx, tx, actor, r, in); err != nil {
			return err
		}
		if in.Level.Bad() {
			return s.openRectification(ctx, tx, out)
		}
		return nil
	})
	if errors.Is(err, errNoInvitation) {
		return Rating{}, s.notOpen(ctx, actor, kind, caseID)
	}
	return out, err
}

// rateTx writes the rating where none was given yet: of two concurrent
// ratings only one changes the row.
func (s *Service) rateTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, r Rating, in Input) (Rating, error) {
	if r.Rated() {
		return Rating{}, alreadyRated()
	}
	res, err := tx.Exec(ctx, `UPDATE ratings SET level = ?, tags = ?, comment = ?, rated_at = ? WHERE id = ? AND level = 0`,
		in.Level, strings.Join(in.Tags, ","), in.Comment, tx.Now(), r.ID)
	if err != nil {
		return Rating{}, fmt.Errorf("rating: rate: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return Rating{}, alreadyRated()
	}
	before := r
	r.Level, r.LevelName, r.Tags, r.Comment, r.RatedAt = in.Level, in.Level.Name(), in.Tags, in.Comment, tx.Now()
	if r.Tags == nil {
		r.Tags = []string{}
	}
	err = audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "rating.rate", ObjectType: "rating",
		ObjectID: strconv.FormatInt(r.ID, 10), Before: before, After: r})
	return r, err
}

func alreadyRated() error {
	return apperr.Conflict("该办件已经评价过，每个办件只能评价一次")
}

// notOpen explains why a case cannot be rated: the actor's own case not
// yet ended is a conflict; anything else is not found, so that nobody
// learns of others' cases.
func (s *Service) notOpen(ctx context.Context, actor *authz.Actor, kind CaseKind, caseID int64) error {
	if s.Cases == nil {
		return errNoInvitation
	}
	owns, err := s.Cases.Owns(ctx, actor, kind, caseID)
	if err != nil {
		return fmt.Errorf("rating: case owner: %w", err)
	}
	if owns {
		return apperr.Conflict("该办件尚未办结，办结后才能评价")
	}
	return errNoInvitation
}

// selfOf is the actor's own scope; nil-safe.
func selfOf(a *authz.Actor) authz.Scope {
	if a == nil {
		return authz.Self(0)
	}
	return authz.Self(a.AccountID)
}
