package credit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// maxItemCodeRunes bounds an item implementation code.
const maxItemCodeRunes = 64

// CommitmentInput is a commitment a subject signed.
type CommitmentInput struct {
	SubjectKind SubjectKind `json:"subject_kind"`
	SubjectCode string      `json:"subject_code"`
	SubjectName string      `json:"subject_name"`
	// ItemCode is the implementation code of the item it was signed for.
	ItemCode string `json:"item_code,omitempty"`
	Text     string `json:"text"`
	// SignedAt defaults to now.
	SignedAt time.Time `json:"signed_at,omitzero"`
}

// AddCommitment records a signed commitment, pending until verified.
func (s *Service) AddCommitment(ctx context.Context, actor *authz.Actor, in CommitmentInput) (Commitment, error) {
	if err := authz.Check(actor, actCommit, authz.Scope{}); err != nil {
		return Commitment{}, err
	}
	ref, err := parseSubject("subject_code", in.SubjectKind, in.SubjectCode)
	if err != nil {
		return Commitment{}, err
	}
	if in.SubjectName, err = cleanName("subject_name", in.SubjectName); err != nil {
		return Commitment{}, err
	}
	if in.Text, err = cleanNote("text", "承诺内容", in.Text); err != nil {
		return Commitment{}, err
	}
	if in.ItemCode = strings.TrimSpace(in.ItemCode); len([]rune(in.ItemCode)) > maxItemCodeRunes {
		return Commitment{}, apperr.Invalid("item_code", "事项编码过长")
	}
	var id int64
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		sid, err := s.ensureSubject(ctx, tx, actor.District, ref, in.SubjectName)
		if err != nil {
			return err
		}
		signed := in.SignedAt
		if signed.IsZero() {
			signed = tx.Now()
		}
		id, err = tx.InsertID(ctx, `INSERT INTO credit_commitments (district, subject_id, item_code, text, signed_at,
			status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.District, sid, in.ItemCode, in.Text, signed.UTC(), Pending, tx.Now(), actorID(actor))
		if err != nil {
			return err
		}
		return auditTx(ctx, tx, actor, "credit.commitment.add", "credit_commitment", id, nil, in.ItemCode)
	})
	if err != nil {
		return Commitment{}, fmt.Errorf("credit: add commitment: %w", err)
	}
	return s.commitment(ctx, actor.District, id)
}

// Breach describes the record made when a commitment is found broken.
type Breach struct {
	Department string   `json:"department"`
	DocumentNo string   `json:"document_no"`
	DecidedOn  string   `json:"decided_on"`
	ValidUntil string   `json:"valid_until,omitempty"`
	Severity   Severity `json:"severity"`
	Summary    string   `json:"summary,omitempty"`
}

// Keep marks a pending commitment kept (verification found it honoured).
func (s *Service) Keep(ctx context.Context, actor *authz.Actor, id int64) (Commitment, error) {
	if err := authz.Check(actor, actCommit, authz.Scope{}); err != nil {
		return Commitment{}, err
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error { return settle(ctx, tx, actor, id, Kept, nil) })
	if err != nil {
		return Commitment{}, err
	}
	return s.commitment(ctx, actor.District, id)
}

// Break marks a pending commitment broken and, in the same transaction,
// records the breach as a 违反承诺 record of the department that found it.
func (s *Service) Break(ctx context.Context, actor *authz.Actor, id int64, b Breach) (Commitment, error) {
	if err := authz.Check(actor, actCommit, authz.Scope{}); err != nil {
		return Commitment{}, err
	}
	c, err := s.commitment(ctx, actor.District, id)
	if err != nil {
		return Commitment{}, err
	}
	if b.Severity == "" {
		b.Severity = General
	}
	in := RecordInput{Department: b.Department, Kind: "违反承诺", Severity: b.Severity, DocumentNo: b.DocumentNo,
		DecidedOn: b.DecidedOn, ValidUntil: b.ValidUntil, Summary: b.Summary}
	v, err := s.breachRecord(ctx, c.SubjectID, in)
	if err != nil {
		return Commitment{}, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		rid, err := s.insertRecord(ctx, tx, actor.District, actorID(actor), v)
		if err != nil {
			return err
		}
		return settle(ctx, tx, actor, id, Broken, &rid)
	})
	if err != nil {
		return Commitment{}, err
	}
	return s.commitment(ctx, actor.District, id)
}

// breachRecord validates the record of a breach for the commitment's
// subject, whose code is known only encrypted: the subject is reused by id.
func (s *Service) breachRecord(ctx context.Context, subjectID int64, in RecordInput) (validRecord, error) {
	in.Kind, in.DocumentNo, in.Summary = strings.TrimSpace(in.Kind), strings.TrimSpace(in.DocumentNo), strings.TrimSpace(in.Summary)
	if errs := checkRecordFields(in); len(errs) > 0 {
		return validRecord{}, errs[0]
	}
	if _, err := s.department(ctx, "department", in.Department); err != nil {
		return validRecord{}, err
	}
	ref, err := s.subjectRef(ctx, subjectID)
	if err != nil {
		return validRecord{}, err
	}
	return validRecord{subject: ref, in: in}, nil
}

// subjectRef recovers a subject's kind and code (decrypting a person's).
func (s *Service) subjectRef(ctx context.Context, id int64) (SubjectRef, error) {
	var (
		ref    SubjectRef
		lookup string
		enc    *string
	)
	if err := s.db.QueryRow(ctx, `SELECT kind, lookup, code_enc FROM credit_subjects WHERE id = ?`, id).
		Scan(&ref.Kind, &lookup, &enc); err != nil {
		return SubjectRef{}, fmt.Errorf("credit: load subject: %w", err)
	}
	if ref.Kind == Entity || enc == nil {
		ref.Code = lookup
		return ref, nil
	}
	pt, err := s.keys.Decrypt(ctxIDNumber, *enc)
	if err != nil {
		return SubjectRef{}, fmt.Errorf("credit: decrypt id number: %w", err)
	}
	ref.Code = string(pt)
	return ref, nil
}

// settle moves a pending commitment of the actor's district to status.
func settle(ctx context.Context, tx *db.Tx, actor *authz.Actor, id int64, status CommitmentStatus, record *int64) error {
	res, err := tx.Exec(ctx, `UPDATE credit_commitments SET status = ?, resolved_at = ?, resolved_by = ?,
		breach_record_id = ? WHERE district = ? AND id = ? AND status = ?`,
		status, tx.Now(), actorID(actor), record, actor.District, id, Pending)
	if err != nil {
		return fmt.Errorf("credit: settle commitment: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperr.Conflict("该承诺不存在或已核查")
	}
	return auditTx(ctx, tx, actor, "credit.commitment."+string(status), "credit_commitment", id, Pending, record)
}

func (s *Service) commitment(ctx context.Context, district string, id int64) (Commitment, error) {
	c, err := scanCommitment(s.db.QueryRow(ctx, commitmentSelect+` WHERE district = ? AND id = ?`, district, id))
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Commitment{}, apperr.NotFound("信用承诺不存在")
		}
		return Commitment{}, fmt.Errorf("credit: load commitment: %w", err)
	}
	return c, nil
}
