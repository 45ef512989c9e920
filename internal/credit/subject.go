package credit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// maxNameRunes bounds a subject's name.
const maxNameRunes = 100

// SubjectRef names a subject by kind and code (ID number or credit code).
type SubjectRef struct {
	Kind SubjectKind `json:"kind"`
	Code string      `json:"code"`
}

// parseSubject validates a code as its kind requires and normalises it.
// An empty kind is inferred: a code that passes the GB 11643 check is a
// person's, anything else must be a credit code. field names the code in
// errors.
func parseSubject(field string, kind SubjectKind, code string) (SubjectRef, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return SubjectRef{}, apperr.Invalid(field, "请填写身份证号码或统一社会信用代码")
	}
	if kind == "" {
		kind = Entity
		if check.IDNumber(code) == nil {
			kind = Person
		}
	}
	switch kind {
	case Person:
		if err := check.IDNumber(code); err != nil {
			return SubjectRef{}, apperr.Invalid(field, "身份证号码有误："+err.Error())
		}
		return SubjectRef{Kind: Person, Code: check.NormalizeIDNumber(code)}, nil
	case Entity:
		r, err := check.CreditCode(code)
		if err != nil {
			return SubjectRef{}, apperr.Invalid(field, "统一社会信用代码有误："+err.Error())
		}
		if !r.ChecksumOK {
			return SubjectRef{}, apperr.Invalid(field, "统一社会信用代码校验位不符")
		}
		return SubjectRef{Kind: Entity, Code: r.Normalized}, nil
	}
	return SubjectRef{}, apperr.Invalid("subject_kind", "主体类型应为 person（自然人）或 entity（法人和其他组织）")
}

// cleanName trims a subject's name and bounds it.
func cleanName(field, name string) (string, error) {
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > maxNameRunes {
		return "", apperr.Invalid(field, fmt.Sprintf("名称不能超过%d个字", maxNameRunes))
	}
	return name, nil
}

// lookups returns the lookup keys of a subject: every blind index of a
// person's ID number (current key first, so rows indexed under an older
// key are still found while re-indexing), or an entity's credit code.
func (s *Service) lookups(ref SubjectRef) []string {
	if ref.Kind == Person {
		return s.index.BlindIndexes(ctxIDNumber, ref.Code)
	}
	return []string{ref.Code}
}

// placeholders returns "?, ?, …" for n values.

// findSubjectID returns the id of a registered subject, 0 when unknown.
func (s *Service) findSubjectID(ctx context.Context, q querier, district string, ref SubjectRef) (int64, error) {
	keys := s.lookups(ref)
	args := append([]any{district}, anys(keys)...)
	var id int64
	err := q.QueryRow(ctx, `SELECT id FROM credit_subjects WHERE district = ? AND lookup IN (`+
		db.Marks(len(keys))+`) ORDER BY id LIMIT 1`, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("credit: find subject: %w", err)
	}
	return id, nil
}

// ensureSubject returns the subject's id, registering it first when new.
// ON CONFLICT makes two loaders registering the same person at once safe.
func (s *Service) ensureSubject(ctx context.Context, tx *db.Tx, district string, ref SubjectRef, name string) (int64, error) {
	if id, err := s.findSubjectID(ctx, tx, district, ref); err != nil || id != 0 {
		return id, err
	}
	row, err := s.subjectRow(ref, name)
	if err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO credit_subjects (district, kind, lookup, code_enc, name_enc, name,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (district, lookup) DO NOTHING`,
		district, ref.Kind, row.lookup, row.codeEnc, row.nameEnc, row.name, tx.Now(), tx.Now()); err != nil {
		return 0, fmt.Errorf("credit: register subject: %w", err)
	}
	return s.findSubjectID(ctx, tx, district, ref)
}

// subjectRow holds the stored form of a new subject.
type subjectRow struct {
	lookup           string
	codeEnc, nameEnc sql.NullString
	name             string
}

// subjectRow encrypts a person's ID number and name; an entity is stored
// in clear.
func (s *Service) subjectRow(ref SubjectRef, name string) (subjectRow, error) {
	if ref.Kind == Entity {
		return subjectRow{lookup: ref.Code, name: name}, nil
	}
	row := subjectRow{lookup: s.index.BlindIndex(ctxIDNumber, ref.Code)}
	enc, err := s.keys.Encrypt(ctxIDNumber, []byte(ref.Code))
	if err != nil {
		return subjectRow{}, fmt.Errorf("credit: encrypt id number: %w", err)
	}
	row.codeEnc = sql.NullString{String: enc, Valid: true}
	if name != "" {
		if enc, err = s.keys.Encrypt(ctxName, []byte(name)); err != nil {
			return subjectRow{}, fmt.Errorf("credit: encrypt name: %w", err)
		}
		row.nameEnc = sql.NullString{String: enc, Valid: true}
	}
	return row, nil
}

// subjectView loads a subject for display, personal data masked.
func (s *Service) subjectView(ctx context.Context, id int64) (Subject, error) {
	var (
		v                Subject
		codeEnc, nameEnc sql.NullString
		lookup           string
	)
	err := s.db.QueryRow(ctx, `SELECT id, kind, lookup, code_enc, name_enc, name FROM credit_subjects WHERE id = ?`, id).
		Scan(&v.ID, &v.Kind, &lookup, &codeEnc, &nameEnc, &v.Name)
	if err != nil {
		return Subject{}, fmt.Errorf("credit: load subject: %w", err)
	}
	if v.Kind == Entity {
		v.Code = lookup
		return v, nil
	}
	if v.Code, err = s.openMasked(ctxIDNumber, codeEnc, gm.MaskIDNumber); err != nil {
		return Subject{}, err
	}
	v.Name, err = s.openMasked(ctxName, nameEnc, gm.MaskName)
	return v, err
}

// openMasked decrypts a stored value and masks it; "" for NULL.
func (s *Service) openMasked(context string, v sql.NullString, mask func(string) string) (string, error) {
	if !v.Valid {
		return "", nil
	}
	pt, err := s.keys.Decrypt(context, v.String)
	if err != nil {
		return "", fmt.Errorf("credit: decrypt %s: %w", context, err)
	}
	return mask(string(pt)), nil
}

// querier is the read side shared by *db.DB and *db.Tx.
type querier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// anys converts strings to query arguments.
func anys(v []string) []any {
	out := make([]any, len(v))
	for i, x := range v {
		out[i] = x
	}
	return out
}

// maskID masks an ID number for display.
func maskID(code string) string { return gm.MaskIDNumber(code) }
