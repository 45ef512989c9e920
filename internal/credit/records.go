package credit

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Bounds of a record's text fields, in characters.
const (
	maxDocRunes     = 64
	maxSummaryRunes = 500
	maxNoteRunes    = 500
)

// RecordInput is a record as a source department reports it.
type RecordInput struct {
	SubjectKind SubjectKind `json:"subject_kind"`
	// SubjectCode is the ID number of a person or credit code of an entity.
	SubjectCode string   `json:"subject_code"`
	SubjectName string   `json:"subject_name"`
	Department  string   `json:"department"`
	Kind        string   `json:"kind"`
	Severity    Severity `json:"severity"`
	DocumentNo  string   `json:"document_no"`
	// DecidedOn and ValidUntil are dates, YYYY-MM-DD; ValidUntil may be
	// empty for a record without end.
	DecidedOn  string `json:"decided_on"`
	ValidUntil string `json:"valid_until,omitempty"`
	Summary    string `json:"summary,omitempty"`
}

// validRecord is a checked RecordInput.
type validRecord struct {
	subject SubjectRef
	in      RecordInput
}

// recordFields is the order fields are checked and reported in.
var recordFields = []string{"subject_kind", "subject_code", "subject_name", "department", "kind", "severity",
	"document_no", "decided_on", "valid_until", "summary"}

// validate checks every field of in; the first problem (in recordFields
// order) is returned as an invalid error naming its field. The department
// is checked against the registry separately.
func (in RecordInput) validate() (validRecord, error) {
	v, problems := in.check()
	for _, f := range recordFields {
		if msg, bad := problems[f]; bad {
			return validRecord{}, apperr.Invalid(f, msg)
		}
	}
	return v, nil
}

// check cleans in and returns every problem by field, so an import can
// report all bad cells of a row at once.
func (in RecordInput) check() (validRecord, map[string]string) {
	problems := map[string]string{}
	note := func(err error) {
		if e, ok := apperr.As(err); ok {
			for f, m := range e.Fields {
				problems[f] = m
			}
		}
	}
	ref, err := parseSubject("subject_code", in.SubjectKind, in.SubjectCode)
	note(err)
	in.SubjectName, err = cleanName("subject_name", in.SubjectName)
	note(err)
	in.Kind, in.DocumentNo = strings.TrimSpace(in.Kind), strings.TrimSpace(in.DocumentNo)
	in.Summary, in.Department = strings.TrimSpace(in.Summary), strings.TrimSpace(in.Department)
	for _, err := range checkRecordFields(in) {
		note(err)
	}
	return validRecord{subject: ref, in: in}, problems
}

// checkRecordFields checks the fields of a record other than its subject.
func checkRecordFields(in RecordInput) []error {
	var errs []error
	if !slices.Contains(Kinds, in.Kind) {
		errs = append(errs, apperr.Invalid("kind", "记录类别“"+in.Kind+"”不在目录中，应为："+strings.Join(Kinds, "、")))
	}
	if !in.Severity.Valid() {
		errs = append(errs, apperr.Invalid("severity", "严重程度应为 general（一般失信）、serious（严重失信）或 positive（守信激励）"))
	}
	switch {
	case in.DocumentNo == "":
		errs = append(errs, apperr.Invalid("document_no", "请填写决定文书号"))
	case utf8.RuneCountInString(in.DocumentNo) > maxDocRunes:
		errs = append(errs, apperr.Invalid("document_no", fmt.Sprintf("决定文书号不能超过%d个字", maxDocRunes)))
	}
	if utf8.RuneCountInString(in.Summary) > maxSummaryRunes {
		errs = append(errs, apperr.Invalid("summary", fmt.Sprintf("事实摘要不能超过%d个字", maxSummaryRunes)))
	}
	if err := checkDate("decided_on", "决定日期", in.DecidedOn, true); err != nil {
		errs = append(errs, err)
	}
	if err := checkDate("valid_until", "有效期至", in.ValidUntil, false); err != nil {
		errs = append(errs, err)
	} else if in.ValidUntil != "" && in.ValidUntil < in.DecidedOn {
		errs = append(errs, apperr.Invalid("valid_until", "有效期至不能早于决定日期"))
	}
	return errs
}

// checkDate requires a real YYYY-MM-DD date.
func checkDate(field, label, v string, required bool) error {
	if v == "" {
		if required {
			return apperr.Invalid(field, "请填写"+label)
		}
		return nil
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return apperr.Invalid(field, label+"应为有效日期，格式如 2026-03-02")
	}
	return nil
}

// AddRecord records one credit record reported by its source department.
// The actor must be allowed to load records for that department. A second
// record with the same document number from the same department is a
// conflict: resubmitting a report does not record it twice.
func (s *Service) AddRecord(ctx context.Context, actor *authz.Actor, in RecordInput) (Record, error) {
	if err := authz.Check(actor, actLoad, authz.Scope{}); err != nil {
		return Record{}, err
	}
	v, err := in.validate()
	if err != nil {
		return Record{}, err
	}
	if err := s.checkDepartment(ctx, actor, v.in.Department); err != nil {
		return Record{}, err
	}
	var id int64
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if id, err = s.insertRecord(ctx, tx, actor.District, actorID(actor), v); err != nil {
			return err
		}
		return auditTx(ctx, tx, actor, "credit.record.add", "credit_record", id, nil, v.in.audited())
	})
	if err != nil {
		return Record{}, err
	}
	return s.record(ctx, actor.District, id)
}

// checkDepartment requires an existing department inside the actor's scope.
func (s *Service) checkDepartment(ctx context.Context, actor *authz.Actor, code string) error {
	code = strings.TrimSpace(code)
	if code == "" {
		return apperr.Invalid("department", "请填写来源部门编码")
	}
	if _, err := s.department(ctx, "department", code); err != nil {
		return err
	}
	return authz.Check(actor, actLoad, departmentScope(code))
}

// insertRecord registers the subject when new and stores the record.
func (s *Service) insertRecord(ctx context.Context, tx *db.Tx, district string, by int64, v validRecord) (int64, error) {
	if dup, err := duplicateDoc(ctx, tx, district, v.in.Department, v.in.DocumentNo); err != nil || dup {
		if err == nil {
			err = apperr.Conflict("来源部门 " + v.in.Department + " 已报送过文书号为“" + v.in.DocumentNo + "”的记录，不能重复报送")
		}
		return 0, err
	}
	sid, err := s.ensureSubject(ctx, tx, district, v.subject, v.in.SubjectName)
	if err != nil {
		return 0, err
	}
	id, err := tx.InsertID(ctx, `INSERT INTO credit_records (district, subject_id, department, kind, severity,
		document_no, decided_on, valid_until, summary, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, district, sid, v.in.Department, v.in.Kind, v.in.Severity,
		v.in.DocumentNo, v.in.DecidedOn, nullable(v.in.ValidUntil), v.in.Summary, tx.Now(), by)
	if db.IsUniqueViolation(err) { // a concurrent submit of the same document won
		return 0, apperr.Conflict("来源部门 " + v.in.Department + " 已报送过文书号为“" + v.in.DocumentNo + "”的记录，不能重复报送")
	}
	if err != nil {
		return 0, fmt.Errorf("credit: insert record: %w", err)
	}
	return id, nil
}

// duplicateDoc reports whether the department already reported the
// document number (checked first so the error is clear; the unique index
// still guards against a race).
func duplicateDoc(ctx context.Context, tx *db.Tx, district, dept, doc string) (bool, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM credit_records WHERE district = ? AND department = ? AND document_no = ?`,
		district, dept, doc).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("credit: check document number: %w", err)
	}
	return n > 0, nil
}

// audited is the record as the audit log digests it: without the
// subject's code and name.
func (in RecordInput) audited() RecordInput {
	in.SubjectCode, in.SubjectName = "", ""
	return in
}

// nullable maps "" to NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
