package supervision

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
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
// approving department and a queued 虚假承诺 credit record. Only an
// inspector of the task's street may record; a second visit, a position
// outside the district or a bad field is refused with nothing changed.
func (s *Service) RecordVisit(ctx context.Context, actor *authz.Actor, taskID int64, in VisitInput) (Task, error) {
	if err := authz.Check(actor, actInspect, authz.Scope{}); err != nil {
		return Task{}, err
	}
	var out Task
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
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
		if err := s.storeVisit(ctx, tx, actor, &t, in); err != nil {
			return err
		}
		out = t
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "supervision.visit.record",
			ObjectType: "inspection_task", ObjectID: strconv.FormatInt(t.ID, 10),
			Before: map[string]string{"state": StateOpen}, After: map[string]string{"outcome": in.Outcome}})
	})
	return out, err
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

// storeVisit writes the visit and what its outcome brings.
func (s *Service) storeVisit(ctx context.Context, tx *db.Tx, actor *authz.Actor, t *Task, in VisitInput) error {
	for _, up := range in.Uploads {
		if s.Files == nil {
			return apperr.Invalid("photos", "未接入文件存储，不能附照片")
		}
		f, err := s.Files.Put(ctx, tx, files.File{District: t.District, Owner: actor.AccountID, Name: up.Name},
			up.Data, files.KindJPEG, files.KindPNG)
		if err != nil {
			return apperr.Invalid("photos", "照片“"+up.Name+"”无法保存：应为20MB以内的JPEG或PNG图片")
		}
		in.Photos = append(in.Photos, f.ID)
	}
	checks, _ := json.Marshal(in.Checks)
	photos, _ := json.Marshal(append([]string{}, in.Photos...))
	_, err := tx.Exec(ctx, `INSERT INTO inspection_visits (task_id, inspector_id, checks, findings, photos, lat, lng,
		outcome, rectify_by, visited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, t.ID, actor.AccountID, string(checks),
		in.Findings, string(photos), in.Lat, in.Lng, in.Outcome, in.RectifyBy, tx.Now())
	if db.IsUniqueViolation(err) {
		return apperr.Conflict("该检查任务已记录过检查结果，不能重复提交")
	}
	if err != nil {
		return fmt.Errorf("supervision: visit: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE inspection_tasks SET state = ?, outcome = ?, done_at = ? WHERE id = ?`,
		StateDone, in.Outcome, tx.Now(), t.ID); err != nil {
		return fmt.Errorf("supervision: settle task: %w", err)
	}
	t.State, t.Outcome = StateDone, in.Outcome
	switch in.Outcome {
	case OutcomeRectify:
		return s.revisit(ctx, tx, *t, in.RectifyBy)
	case OutcomeFalseCommitment:
		return s.proposeRevocation(ctx, tx, *t, in.Findings)
	}
	return nil
}

// revisit creates the re-visit task due on the rectification deadline,
// with the same checklist.
func (s *Service) revisit(ctx context.Context, tx *db.Tx, t Task, due string) error {
	r := t
	r.ID, r.Kind, r.ParentID, r.DueOn, r.State, r.Outcome = 0, KindRevisit, t.ID, due, StateOpen, ""
	_, err := insertTask(ctx, tx, &r)
	return err
}

// proposeRevocation asks the approving department to revoke the licence
// (the licence module reads revocation_proposals) and queues the 虚假承诺
// credit record.
func (s *Service) proposeRevocation(ctx context.Context, tx *db.Tx, t Task, findings string) error {
	reason := "告知承诺现场核查认定承诺不实"
	if findings != "" {
		reason += "：" + findings
	}
	_, err := tx.Exec(ctx, `INSERT INTO revocation_proposals (district_code, application_id, task_id, department,
		reason, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?)`,
		t.District, t.ApplicationID, t.ID, t.Department, reason, tx.Now(), tx.Now())
	if err != nil {
		return fmt.Errorf("supervision: revocation proposal: %w", err)
	}
	args := CreditArgs{District: t.District, ApplicationID: t.ApplicationID, Record: creditFalse, TaskID: t.ID}
	return s.Jobs.InsertTx(ctx, tx, args, nil)
}
