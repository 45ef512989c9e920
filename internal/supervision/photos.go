package supervision

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// PhotoInput is one photo sent through the API ahead of its visit; Data
// is base64 in JSON.
type PhotoInput struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// Photo is a stored photo: its id goes in VisitInput.Photos.
type Photo struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Size int64  `json:"size"`
}

// UploadPhoto stores a photo for an open task of the inspector's street,
// owned by the inspector, for the visit to cite. (The visit page posts its
// photos with the form instead, stored in the visit's transaction.)
func (s *Service) UploadPhoto(ctx context.Context, actor *authz.Actor, taskID int64, in PhotoInput) (Photo, error) {
	if err := authz.Check(actor, actInspect, authz.Scope{}); err != nil {
		return Photo{}, err
	}
	t, err := loadTask(ctx, s.DB, actor.District, taskID, "")
	if err != nil {
		return Photo{}, err
	}
	if err := authz.Check(actor, actInspect, streetScope(t.Street)); t.Street == "" || err != nil {
		return Photo{}, apperr.Forbidden("只有任务所在街道的检查人员可以上传现场照片")
	}
	if t.State != StateOpen {
		return Photo{}, apperr.Conflict("该检查任务已记录过检查结果，不能再上传照片")
	}
	if s.Files == nil {
		return Photo{}, apperr.Invalid("photos", "未接入文件存储，不能附照片")
	}
	if in.Name == "" {
		in.Name = "现场照片"
	}
	var f files.File
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		f, err = s.Files.Put(ctx, tx, files.File{District: t.District, Owner: actor.AccountID, Name: in.Name},
			in.Data, files.KindJPEG, files.KindPNG)
		if err != nil {
			return apperr.Invalid("data", "照片应为20MB以内的JPEG或PNG图片")
		}
		return nil
	})
	return Photo{ID: f.ID, Name: f.Name, Size: f.Size}, err
}
