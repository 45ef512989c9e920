package workorder

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// handlingStages are the stages of the photos a unit adds.
var handlingStages = map[string]string{StageBefore: "处理前", StageAfter: "处理后", StageProof: "办结佐证"}

// HandlingStages lists the stages a unit may give its photos, in order.
var HandlingStages = []string{StageBefore, StageAfter, StageProof}

// StageName is a photo stage's Chinese name.
func StageName(stage string) string {
	if stage == StageIntake {
		return "诉求照片"
	}
	return nameOr(handlingStages, stage)
}

// PhotosInput is photos a handling unit adds to an order at one stage.
type PhotosInput struct {
	Stage  string
	Photos []PhotoUpload
}

// AddPhotos stores photos of the unit handling the order (before or after
// the work, or proof for the closure), JPEG or PNG by content, 20 MB each.
func (s *Service) AddPhotos(ctx context.Context, actor *authz.Actor, number string, in PhotosInput) (OrderView, error) {
	if err := authz.Check(actor, actHandle, authz.Scope{}); err != nil {
		return OrderView{}, err
	}
	v := newViolations()
	if _, ok := handlingStages[in.Stage]; !ok {
		v.add("stage", ReasonInvalid, "请选择照片类别：处理前、处理后或办结佐证")
	}
	if len(in.Photos) == 0 {
		v.add("photos", ReasonRequired, "请选择照片")
	}
	s.checkUploads(v, in.Photos)
	if err := v.err(); err != nil {
		return OrderView{}, err
	}
	return s.act(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		u, err := s.mustHandle(ctx, tx, actor, *o)
		if err != nil {
			return err
		}
		return s.addPhotosTx(ctx, tx, actor, o, u, in)
	})
}

// checkUploads checks the photos sent with a handling form.
func (s *Service) checkUploads(v *violations, photos []PhotoUpload) {
	if len(photos) > s.Limits.Photos {
		v.add("photos", ReasonTooMany, "一次最多上传"+itoa(s.Limits.Photos)+"张照片")
	}
	for _, p := range photos {
		if r, msg := s.photoProblem(p.Data); r != "" {
			v.add("photos", r, msg)
		}
	}
}

// addPhotosTx stores the photos and records one photo_added event.
func (s *Service) addPhotosTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, o *Order, u Assignment, in PhotosInput) error {
	ids := make([]string, 0, len(in.Photos))
	for _, p := range in.Photos {
		id, err := s.putStagePhoto(ctx, tx, actor, o.ID, in.Stage, p)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	_, err := s.record(ctx, tx, actor, o, Change{Kind: EventPhotoAdded, Unit: u.Unit.Ref(),
		Note: StageName(in.Stage) + "照片" + itoa(len(ids)) + "张", Payload: photoPayload{Stage: in.Stage, Photos: ids}})
	return err
}

// photoPayload is the payload of photo_added and photo_redacted events.
type photoPayload struct {
	Stage  string   `json:"stage,omitempty"`
	Photos []string `json:"photos"`
}

// putStagePhoto stores one photo of an order at a stage.
func (s *Service) putStagePhoto(ctx context.Context, tx *db.Tx, actor *authz.Actor, orderID int64, stage string, p PhotoUpload) (string, error) {
	name := p.Name
	if name == "" {
		name = StageName(stage) + "照片"
	}
	f, err := s.Files.Put(ctx, tx, files.File{District: actor.District, Owner: actor.AccountID, Name: name},
		p.Data, files.KindJPEG, files.KindPNG)
	if err != nil {
		return "", err
	}
	kind, id, _ := actorOf(actor)
	if _, err := tx.Exec(ctx, `INSERT INTO workorder_photos (district_code, order_id, file_id, stage, uploader_kind,
		uploader_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.District, orderID, f.ID, stage, kind, id,
		tx.Now()); err != nil {
		return "", fmt.Errorf("workorder: handling photo: %w", err)
	}
	return f.ID, nil
}

// StageName is the photo's stage in Chinese.
func (p Photo) StageName() string { return StageName(p.Stage) }
