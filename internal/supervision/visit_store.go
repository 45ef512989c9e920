package supervision

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// storeVisit writes the visit and what its outcome brings.
func (s *Service) storeVisit(ctx context.Context, tx *db.Tx, actor *authz.Actor, t *Task, in VisitInput, to recipients) error {
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
		return s.revisit(ctx, tx, *t, in.RectifyBy, to.inspectors)
	case OutcomeFalseCommitment:
		return s.proposeRevocation(ctx, tx, *t, in.Findings)
	}
	return nil
}

// revisit creates the re-visit task due on the rectification deadline,
// with the same checklist, and announces it to the street's inspectors.
func (s *Service) revisit(ctx context.Context, tx *db.Tx, t Task, due string, inspectors []int64) error {
	r := t
	r.ID, r.Kind, r.ParentID, r.DueOn, r.State, r.Outcome = 0, KindRevisit, t.ID, due, StateOpen, ""
	if _, err := insertTask(ctx, tx, &r); err != nil {
		return err
	}
	return s.announce(ctx, tx, []Task{r}, inspectors)
}

// proposeRevocation asks the approving department to revoke the licence
// (its approvers decide it on the proposals pages: 吊销 revokes the item's licences
// through the licence port, 不予吊销 records why not) and queues the 虚假承诺
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

// afterVisit queues the inspection result for the credit registry (a
// false commitment has its 虚假承诺 record instead, queued with the
// proposal), tells the applicant and, on a revocation, the approvers, and
// runs the hooks.
func (s *Service) afterVisit(ctx context.Context, tx *db.Tx, actor *authz.Actor, t Task, in VisitInput, to recipients) error {
	if in.Outcome == OutcomeFalseCommitment {
		if err := s.notify(ctx, tx, to.approvers, revocationText(t)); err != nil {
			return err
		}
	} else if err := s.queueResult(ctx, tx, t); err != nil {
		return err
	}
	if err := s.notify(ctx, tx, []int64{t.ApplicantID}, outcomeText(t, in.Outcome, in.RectifyBy)); err != nil {
		return err
	}
	return s.runVisited(ctx, tx, VisitDone{District: t.District, TaskID: t.ID, TaskKind: t.Kind,
		ApplicationID: t.ApplicationID, ApplicationNo: t.ApplicationNo, ItemName: t.ItemName, Street: t.Street,
		ApplicantID: t.ApplicantID, InspectorID: actor.AccountID, Outcome: in.Outcome, RectifyBy: in.RectifyBy,
		VisitedAt: tx.Now()})
}
