package workorder

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// Redaction keeps the original: a redacted photo stays in files, encrypted
// like every file, as evidence of the matter, but is shown to nobody on
// any page, API or timeline (OpenPhoto refuses it). Administrators alone
// may open the original, and every opening is audited. The photo is not
// replaced by a blurred copy: a wrong blur would leak what it was meant to
// hide, and staff can add a fresh photo instead.

// Redact hides a photo of an order (faces, plates, house numbers, anything
// personal) with a reason: staff who may redact within the order's scope.
func (s *Service) Redact(ctx context.Context, actor *authz.Actor, fileID, reason string) (OrderView, error) {
	if err := authz.Check(actor, actRedact, authz.Scope{}); err != nil {
		return OrderView{}, err
	}
	v := newViolations()
	reason = checkText(v, "reason", "遮蔽原因", reason, maxReasonRunes, true)
	if err := v.err(); err != nil {
		return OrderView{}, err
	}
	number, err := s.photoOrder(ctx, actor, fileID)
	if err != nil {
		return OrderView{}, err
	}
	return s.act(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		if !covers(actor, actRedact, *o) {
			return apperr.Forbidden("该工单不在您的职责范围内")
		}
		res, err := tx.Exec(ctx, `UPDATE workorder_photos SET redacted_at = ?, redacted_by = ?, redact_reason = ?
			WHERE file_id = ? AND order_id = ? AND redacted_at IS NULL`, tx.Now(), actor.AccountID, reason, fileID, o.ID)
		if err != nil {
			return fmt.Errorf("workorder: redact: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.Conflict("照片已经遮蔽")
		}
		if _, err := s.record(ctx, tx, actor, o, Change{Kind: EventPhotoRedacted, Note: reason,
			Payload: photoPayload{Photos: []string{fileID}}}); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.photo.redact", ObjectType: "workorder",
			ObjectID: o.Number})
	})
}

// photoOrder returns the number of the order a photo belongs to.
func (s *Service) photoOrder(ctx context.Context, actor *authz.Actor, fileID string) (string, error) {
	var number string
	err := s.DB.QueryRow(ctx, `SELECT w.number FROM workorder_photos p JOIN workorders w ON w.id = p.order_id
		WHERE p.file_id = ? AND p.district_code = ?`, fileID, actor.District).Scan(&number)
	if isNoRows(err) {
		return "", apperr.NotFound("照片不存在")
	}
	if err != nil {
		return "", fmt.Errorf("workorder: photo's order: %w", err)
	}
	return number, nil
}

// OpenOriginal returns the original of a redacted photo to an
// administrator of the district; each opening is audited.
func (s *Service) OpenOriginal(ctx context.Context, actor *authz.Actor, fileID string) (files.File, []byte, error) {
	if err := authz.Check(actor, actOriginal, authz.District(actorDistrict(actor))); err != nil {
		return files.File{}, nil, err
	}
	var number string
	err := s.DB.QueryRow(ctx, `SELECT w.number FROM workorder_photos p JOIN workorders w ON w.id = p.order_id
		WHERE p.file_id = ? AND p.district_code = ? AND p.redacted_at IS NOT NULL`, fileID, actor.District).Scan(&number)
	if err != nil {
		return files.File{}, nil, apperr.NotFound("没有该遮蔽照片")
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.photo.original",
			ObjectType: "workorder", ObjectID: number})
	})
	if err != nil {
		return files.File{}, nil, err
	}
	return s.Files.Open(ctx, fileID)
}

// actorDistrict is the actor's district, "" for nobody.
func actorDistrict(a *authz.Actor) string {
	if a == nil {
		return ""
	}
	return a.District
}
