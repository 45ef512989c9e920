package workorder

import (
	"context"
	"fmt"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// Photo stages.
const (
	StageIntake = "intake" // sent with the request
	StageBefore = "before" // handling: before
	StageAfter  = "after"  // handling: after
	StageProof  = "proof"  // closure evidence
)

// Photo is a photo of an order as listed; its ID is the file's random id.
type Photo struct {
	ID       string `json:"id"`
	Stage    string `json:"stage"`
	Size     int64  `json:"size,omitempty"`
	Redacted bool   `json:"redacted,omitempty"`
}

// Caption says what the photo shows: 诉求照片, 处理前, 处理后, 办结佐证.
func (p Photo) Caption() string { return StageName(p.Stage) }

// FromRequester reports whether the requester sent the photo with the
// request (rather than the handling unit).
func (p Photo) FromRequester() bool { return p.Stage == StageIntake }

// PhotoInput is a photo sent through the API ahead of its order; Data is
// base64 in JSON.
type PhotoInput struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// photoProblem tells what is wrong with a photo's bytes ("" when nothing):
// over the size limit, or not a JPEG or PNG by its first bytes.
func (s *Service) photoProblem(data []byte) (Reason, string) {
	if int64(len(data)) > s.Limits.PhotoBytes {
		return ReasonTooLarge, "每张照片不能超过" + itoa(int(s.Limits.PhotoBytes>>20)) + "MB"
	}
	k, err := files.Sniff("photos", data)
	if err != nil || (k != files.KindJPEG && k != files.KindPNG) {
		return ReasonNotImage, "只能上传JPG或PNG格式的照片"
	}
	return "", ""
}

// UploadPhoto keeps a photo for an order the caller is about to file
// (the JSON API sends photos ahead, then cites their ids). Only the
// uploader may cite it.
func (s *Service) UploadPhoto(ctx context.Context, actor *authz.Actor, in PhotoInput) (Photo, error) {
	if _, err := callerOf(actor); err != nil {
		return Photo{}, err
	}
	v := newViolations()
	if r, msg := s.photoProblem(in.Data); r != "" {
		v.add("data", r, msg)
	}
	if err := v.err(); err != nil {
		return Photo{}, err
	}
	if in.Name == "" {
		in.Name = "诉求照片"
	}
	var p Photo
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		p, err = s.putPhoto(ctx, tx, actor, 0, PhotoUpload(in))
		return err
	})
	return p, err
}

// putPhoto stores one photo, for orderID (0: not yet cited).
func (s *Service) putPhoto(ctx context.Context, tx *db.Tx, actor *authz.Actor, orderID int64, up PhotoUpload) (Photo, error) {
	name := []rune(up.Name)
	if len(name) > 100 {
		name = name[:100]
	}
	f, err := s.Files.Put(ctx, tx, files.File{District: actor.District, Owner: actor.AccountID, Name: string(name)},
		up.Data, files.KindJPEG, files.KindPNG)
	if err != nil {
		return Photo{}, err
	}
	kind, id, _ := actorOf(actor)
	var order any
	if orderID != 0 {
		order = orderID
	}
	if _, err := tx.Exec(ctx, `INSERT INTO workorder_photos (district_code, order_id, file_id, stage, uploader_kind,
		uploader_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.District, order, f.ID, StageIntake, kind, id,
		tx.Now()); err != nil {
		return Photo{}, fmt.Errorf("workorder: photo: %w", err)
	}
	return Photo{ID: f.ID, Stage: StageIntake, Size: f.Size}, nil
}

// checkPhotoIDs checks that every cited photo was uploaded by the caller
// and is not cited yet.
func (s *Service) checkPhotoIDs(ctx context.Context, v *violations, actor *authz.Actor, ids []string) {
	kind, id, _ := actorOf(actor)
	for i, fid := range ids {
		var n int
		err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM workorder_photos WHERE file_id = ? AND order_id IS NULL
			AND uploader_kind = ? AND uploader_id = ? AND district_code = ?`, fid, kind, id, actor.District).Scan(&n)
		if err != nil || n != 1 || slices.Contains(ids[:i], fid) {
			v.add("photos", ReasonUnknownPhoto, "照片「"+short(fid)+"」不存在或已被其他诉求使用，请重新上传")
			return
		}
	}
}

// storePhotos stores the photos sent with the request and attaches the
// ones uploaded ahead; it returns how many the order has.
func (s *Service) storePhotos(ctx context.Context, tx *db.Tx, actor *authz.Actor, o *Order, in FileInput) (int, error) {
	for _, up := range in.Photos {
		if up.Name == "" {
			up.Name = "诉求照片"
		}
		if _, err := s.putPhoto(ctx, tx, actor, o.ID, up); err != nil {
			return 0, err
		}
	}
	kind, id, _ := actorOf(actor)
	for _, fid := range in.PhotoIDs {
		res, err := tx.Exec(ctx, `UPDATE workorder_photos SET order_id = ? WHERE file_id = ? AND order_id IS NULL
			AND uploader_kind = ? AND uploader_id = ?`, o.ID, fid, kind, id)
		if err != nil {
			return 0, fmt.Errorf("workorder: attach photo: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return 0, apperr.Conflict("照片已被另一份诉求使用，请重新上传")
		}
	}
	return len(in.Photos) + len(in.PhotoIDs), nil
}
