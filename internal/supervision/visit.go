package supervision

import (
	"context"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Limits of a visit record.
const (
	maxFindingsRunes = 1000
	maxPhotos        = 9
)

// VisitInput is what an inspector records on site.
type VisitInput struct {
	Checks   []bool   `json:"checks"` // one per checklist line: true = 符合
	Findings string   `json:"findings"`
	Photos   []string `json:"photos"` // file ids uploaded by the inspector
	Lat      float64  `json:"lat"`
	Lng      float64  `json:"lng"`
	Outcome  string   `json:"outcome"`
	// RectifyBy is the rectification deadline, YYYY-MM-DD, for OutcomeRectify.
	RectifyBy string `json:"rectify_by,omitempty"`
	// Uploads are photos taken with the visit form, stored in the visit's
	// transaction (so a refused visit leaves no file behind).
	Uploads []PhotoUpload `json:"-"`
}

// PhotoUpload is one photo posted with the visit form.
type PhotoUpload struct {
	Name string
	Data []byte
}

// RecordVisit settles an open task with a visit, in one transaction: the
// visit, the task's outcome, and what the outcome brings — a re-visit task
// due on the rectification deadline, or a revocation proposal to the
// approving department and a queued 虚假承诺 credit record; the queued
// inspection result record (检查结果) for the credit registry; notices to
// the applicant, to the street's inspectors of a re-visit task, to the
// department's approvers of a revocation; and the VisitedHooks (the rating
// invitation). Only an inspector of the task's street may record; a
// second visit, a position outside the district or a bad field is refused
// with nothing changed.
func (s *Service) RecordVisit(ctx context.Context, actor *authz.Actor, taskID int64, in VisitInput) (Task, error) {
	if err := authz.Check(actor, actInspect, authz.Scope{}); err != nil {
		return Task{}, err
	}
	to, err := s.recipientsOf(ctx, actor, taskID, in.Outcome)
	if err != nil {
		return Task{}, err
	}
	var out Task
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		t, err := loadTask(ctx, tx, actor.District, taskID, tx.Engine().ForUpdate())
		if err != nil {
			return err
		}
		if err := authz.Check(actor, actInspect, streetScope(t.Street)); t.Street == "" || err != nil {
			return apperr.Forbidden("只有任务所在街道的检查人员可以记录检查结果")
		}
		if t.State != StateOpen {
			return apperr.Conflict("该检查任务已记录过检查结果，不能重复提交")
		}
		if err := s.validVisit(ctx, actor, t, &in, tx.Now()); err != nil {
			return err
		}
		if err := s.storeVisit(ctx, tx, actor, &t, in, to); err != nil {
			return err
		}
		if err := s.afterVisit(ctx, tx, actor, t, in, to); err != nil {
			return err
		}
		out = t
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "supervision.visit.record",
			ObjectType: "inspection_task", ObjectID: strconv.FormatInt(t.ID, 10),
			Before: map[string]string{"state": StateOpen}, After: map[string]string{"outcome": in.Outcome}})
	})
	return out, err
}

// recipients are the staff a visit's outcome concerns, looked up before
// the visit's transaction: the street's inspectors for the re-visit task
// of a rectification, the approving department's approvers for a
// revocation.
type recipients struct{ inspectors, approvers []int64 }

// recipientsOf looks the recipients up; a task the actor may not see is
// left for the transaction to refuse.
func (s *Service) recipientsOf(ctx context.Context, actor *authz.Actor, taskID int64, outcome string) (recipients, error) {
	if outcome != OutcomeRectify && outcome != OutcomeFalseCommitment {
		return recipients{}, nil
	}
	t, err := loadTask(ctx, s.DB, actor.District, taskID, "")
	if err != nil {
		return recipients{}, nil
	}
	if outcome == OutcomeRectify {
		ids, err := s.inspectorsOf(ctx, t.Street)
		return recipients{inspectors: ids}, err
	}
	ids, err := s.approversOf(ctx, t.District, t.Department)
	return recipients{approvers: ids}, err
}

// validVisit checks every field; the first fault names its field.
func (s *Service) validVisit(ctx context.Context, actor *authz.Actor, t Task, in *VisitInput, now time.Time) error {
	if len(in.Checks) != len(t.Checklist) {
		return apperr.Invalid("checks", fmt.Sprintf("请逐项填写检查结果（共%d项）", len(t.Checklist)))
	}
	if utf8.RuneCountInString(in.Findings) > maxFindingsRunes {
		return apperr.Invalid("findings", fmt.Sprintf("检查情况不能超过%d个字", maxFindingsRunes))
	}
	if !s.Area.Contains(in.Lat, in.Lng) {
		return apperr.Invalid("position", "定位不在本区范围内，请到现场后重新定位")
	}
	if err := s.checkPhotos(ctx, actor, in.Photos, len(in.Uploads)); err != nil {
		return err
	}
	switch in.Outcome {
	case OutcomeCompliant:
		in.RectifyBy = ""
	case OutcomeRectify:
		d, err := time.ParseInLocation("2006-01-02", in.RectifyBy, chinaTime)
		if err != nil || !d.After(now.In(chinaTime)) {
			return apperr.Invalid("rectify_by", "请填写今天以后的整改期限（年-月-日）")
		}
	case OutcomeFalseCommitment:
		if t.Kind != KindCommitment && t.Kind != KindRevisit {
			return apperr.Invalid("outcome", "只有告知承诺核查可以认定虚假承诺")
		}
		in.RectifyBy = ""
	default:
		return apperr.Invalid("outcome", "请选择检查结论：符合要求、责令整改或虚假承诺")
	}
	return nil
}

// checkPhotos requires the inspector's own uploaded files.
func (s *Service) checkPhotos(ctx context.Context, actor *authz.Actor, ids []string, uploads int) error {
	if len(ids)+uploads > maxPhotos {
		return apperr.Invalid("photos", fmt.Sprintf("现场照片最多%d张", maxPhotos))
	}
	return s.checkPhotoIDs(ctx, actor, ids)
}

// checkPhotoIDs requires files uploaded by the actor.
func (s *Service) checkPhotoIDs(ctx context.Context, actor *authz.Actor, ids []string) error {
	for _, id := range ids {
		if s.Files == nil {
			return apperr.Invalid("photos", "未接入文件存储，不能附照片")
		}
		f, err := s.Files.Stat(ctx, id)
		if err != nil || f.Owner != actor.AccountID {
			return apperr.Invalid("photos", "照片不存在或不是本人上传的")
		}
	}
	return nil
}
