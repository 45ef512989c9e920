package supervision

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// Credit records pushed by this module, as CreditArgs.Record names them.
const (
	creditLicence = "行政许可" // the approval itself, recorded as positive information
	creditFalse   = "虚假承诺" // a false commitment found on site, a 一般失信 record
	creditResult  = "检查结果" // a visit's outcome other than a false commitment (see results.go)
)

// CreditArgs pushes one record to the credit registry. Like PushArgs it
// carries ids only; the worker reads the subject from the application.
type CreditArgs struct {
	District      string `json:"district"`
	ApplicationID int64  `json:"application_id"`
	Record        string `json:"record"`            // the credit record kind
	TaskID        int64  `json:"task_id,omitempty"` // the visit that found a false commitment
}

// Kind names the job.
func (CreditArgs) Kind() string { return "supervision.credit" }

// queueCredit inserts the push of an approval to the credit registry.
func (s *Service) queueCredit(ctx context.Context, tx *db.Tx, f approval.Filed) error {
	args := CreditArgs{District: f.District, ApplicationID: f.ID, Record: creditLicence}
	return s.Jobs.InsertTx(ctx, tx, args, &jobs.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
}

// queueResult inserts the push of a visit's result, in the visit's
// transaction.
func (s *Service) queueResult(ctx context.Context, tx *db.Tx, t Task) error {
	args := CreditArgs{District: t.District, ApplicationID: t.ApplicationID, Record: creditResult, TaskID: t.ID}
	return s.Jobs.InsertTx(ctx, tx, args, &jobs.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
}

// CreditWorker records the pushes.
type CreditWorker struct {
	river.WorkerDefaults[CreditArgs]
	s *Service
}

// Work records one push.
func (w *CreditWorker) Work(ctx context.Context, job *jobs.Job[CreditArgs]) error {
	return w.s.PushCredit(ctx, job.Args)
}

// PushCredit records a credit record for the application's subject and
// notes the outcome. The subject is the enterprise when the form carries a
// valid credit code, else the verified applicant. A push that cannot be
// made (no subject, no department code, no credit service) is noted as
// skipped with the reason; a record already reported counts as recorded.
func (s *Service) PushCredit(ctx context.Context, args CreditArgs) error {
	sys := authz.System(args.District)
	f, err := s.Applications.Get(ctx, sys, args.ApplicationID)
	if err != nil {
		return fmt.Errorf("supervision: credit push: %w", err)
	}
	in, why := s.recordInput(ctx, f, args)
	if why == "" && s.Credit == nil {
		why = "未接入信用服务"
	}
	if why == "" {
		_, err = s.Credit.AddRecord(ctx, sys, in)
		if apperr.CodeOf(err) == apperr.CodeConflict {
			err = nil // reported before (a retried job)
		}
		if apperr.CodeOf(err) == apperr.CodeInvalid {
			why, err = "信用记录不合格："+err.Error(), nil
		}
		if err != nil {
			return fmt.Errorf("supervision: credit push: %w", err)
		}
	}
	return s.notePush(ctx, args, in.DocumentNo, why)
}

// recordInput builds the record; why is non-empty when none can be made.
// A visit's records name the department of the task's item; an
// approval's, the department of its main item.
func (s *Service) recordInput(ctx context.Context, f approval.Filed, args CreditArgs) (credit.RecordInput, string) {
	in := credit.RecordInput{Kind: args.Record, Severity: credit.Positive, DocumentNo: f.DecisionNo,
		DecidedOn: f.DecidedAt.In(chinaTime).Format("2006-01-02"), Summary: "准予" + f.ItemName}
	var dept string
	if len(f.Items) > 0 {
		dept = f.Items[0].Item.Department
	}
	if args.TaskID != 0 {
		var why string
		if dept, why = s.visitRecord(ctx, args, &in); why != "" {
			return in, why
		}
	}
	if in.DocumentNo == "" {
		in.DocumentNo = f.Number
	}
	in.SubjectKind, in.SubjectCode, in.SubjectName = subjectOf(f)
	if in.SubjectCode == "" {
		return in, "办件无可识别的信用主体"
	}
	if dept != "" {
		code, err := s.Directory.DepartmentCode(ctx, f.District, dept)
		if err != nil || code == "" {
			return in, "找不到审批部门编码"
		}
		in.Department = code
	}
	return in, ""
}

// subjectOf picks the credit subject of an application.
func subjectOf(f approval.Filed) (credit.SubjectKind, string, string) {
	name := formText(f.Form, entityFields)
	if code, _ := f.Form["credit_code"].(string); code != "" && validCreditCode(code) && name != "" {
		return credit.Entity, code, name
	}
	for _, p := range f.Parties {
		if p.Role == approval.PartyApplicant && p.Code != "" {
			kind := credit.Person
			if p.SubjectKind == "entity" {
				kind = credit.Entity
			}
			return kind, p.Code, p.Name
		}
	}
	return "", "", ""
}

// notePush records the outcome once per document.
func (s *Service) notePush(ctx context.Context, args CreditArgs, doc, why string) error {
	outcome := "recorded"
	if why != "" {
		outcome = "skipped"
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM supervision_credit_pushes WHERE district_code = ?
			AND document_no = ?`, args.District, doc).Scan(&n); err != nil || n > 0 {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO supervision_credit_pushes (district_code, application_id, kind,
			document_no, outcome, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			args.District, args.ApplicationID, args.Record, doc, outcome, why, tx.Now())
		return err
	})
}

// validCreditCode reports whether code is a well-formed credit code.
func validCreditCode(code string) bool {
	_, err := check.CreditCode(code)
	return err == nil
}
