package credit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

const recordSelect = `SELECT id, subject_id, department, kind, severity, document_no, decided_on,
	valid_until, summary, repaired_on, repaired_by, repair_note, revoked_at, revoked_by, revoke_reason, created_at
	FROM credit_records`

// scanRecord reads one row of recordSelect.
func scanRecord(sc interface{ Scan(...any) error }) (Record, error) {
	var (
		r                    Record
		until, repairedOn    sql.NullString
		repairedBy, revokeBy sql.NullInt64
		note, reason         string
		revokedAt            sql.NullTime
	)
	err := sc.Scan(&r.ID, &r.SubjectID, &r.Department, &r.Kind, &r.Severity, &r.DocumentNo, &r.DecidedOn,
		&until, &r.Summary, &repairedOn, &repairedBy, &note, &revokedAt, &revokeBy, &reason, &r.CreatedAt)
	if err != nil {
		return Record{}, err
	}
	r.ValidUntil, r.CreatedAt = until.String, r.CreatedAt.UTC()
	if repairedOn.Valid {
		r.Repair = &Repair{On: repairedOn.String, By: repairedBy.Int64, Note: note}
	}
	if revokedAt.Valid {
		r.Revoked = &Revoked{At: revokedAt.Time.UTC(), By: revokeBy.Int64, Reason: reason}
	}
	return r, nil
}

// record loads one record of the district.
func (s *Service) record(ctx context.Context, district string, id int64) (Record, error) {
	r, err := scanRecord(s.db.QueryRow(ctx, recordSelect+` WHERE district = ? AND id = ?`, district, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, apperr.NotFound("信用记录不存在")
	}
	if err != nil {
		return Record{}, fmt.Errorf("credit: load record: %w", err)
	}
	return r, nil
}

// collect runs a query and scans every row with scan.
func collect[T any](ctx context.Context, q querier, scan func(interface{ Scan(...any) error }) (T, error),
	query string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("credit: query: %w", err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("credit: scan: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("credit: query: %w", err)
	}
	return out, nil
}

const listSelect = `SELECT id, subject_id, list, list_name, department, reason, from_on, until_on, removed_at,
	created_at FROM credit_list_entries`

func scanList(sc interface{ Scan(...any) error }) (ListEntry, error) {
	var (
		e       ListEntry
		until   sql.NullString
		removed sql.NullTime
	)
	err := sc.Scan(&e.ID, &e.SubjectID, &e.List, &e.ListName, &e.Department, &e.Reason, &e.From, &until,
		&removed, &e.CreatedAt)
	e.Until, e.CreatedAt = until.String, e.CreatedAt.UTC()
	if removed.Valid {
		t := removed.Time.UTC()
		e.RemovedAt = &t
	}
	return e, err
}

const commitmentSelect = `SELECT id, subject_id, item_code, text, signed_at, status, breach_record_id,
	resolved_at FROM credit_commitments`

func scanCommitment(sc interface{ Scan(...any) error }) (Commitment, error) {
	var (
		c        Commitment
		breach   sql.NullInt64
		resolved sql.NullTime
	)
	err := sc.Scan(&c.ID, &c.SubjectID, &c.ItemCode, &c.Text, &c.SignedAt, &c.Status, &breach, &resolved)
	c.BreachRecordID, c.SignedAt = breach.Int64, c.SignedAt.UTC()
	if resolved.Valid {
		t := resolved.Time.UTC()
		c.ResolvedAt = &t
	}
	return c, err
}

// dossier loads everything held on one subject, newest first.
func (s *Service) dossier(ctx context.Context, id int64) (Dossier, error) {
	var (
		d   Dossier
		err error
	)
	if d.Subject, err = s.subjectView(ctx, id); err != nil {
		return Dossier{}, err
	}
	if d.Records, err = collect(ctx, s.db, scanRecord, recordSelect+` WHERE subject_id = ? ORDER BY decided_on DESC, id DESC`, id); err != nil {
		return Dossier{}, err
	}
	if d.Lists, err = collect(ctx, s.db, scanList, listSelect+` WHERE subject_id = ? ORDER BY from_on DESC, id DESC`, id); err != nil {
		return Dossier{}, err
	}
	d.Commitments, err = collect(ctx, s.db, scanCommitment, commitmentSelect+` WHERE subject_id = ? ORDER BY signed_at DESC, id DESC`, id)
	return d, err
}

// Lookup returns a subject's dossier to district staff allowed to query
// credit. code is an ID number or credit code (kind inferred). An unknown
// but valid code gives an empty dossier: "no record" is an answer too.
func (s *Service) Lookup(ctx context.Context, actor *authz.Actor, code string) (Dossier, error) {
	if err := authz.Check(actor, actView, authz.Scope{}); err != nil {
		return Dossier{}, err
	}
	return s.lookupDossier(ctx, actor.District, "code", code)
}

func (s *Service) lookupDossier(ctx context.Context, district, field, code string) (Dossier, error) {
	ref, err := parseSubject(field, "", code)
	if err != nil {
		return Dossier{}, err
	}
	id, err := s.findSubjectID(ctx, s.db, district, ref)
	if err != nil {
		return Dossier{}, err
	}
	if id == 0 {
		return emptyDossier(ref), nil
	}
	return s.dossier(ctx, id)
}

// emptyDossier is the answer for a subject the registry does not know.
func emptyDossier(ref SubjectRef) Dossier {
	sub := Subject{Kind: ref.Kind, Code: ref.Code}
	if ref.Kind == Person {
		sub.Code = maskID(ref.Code)
	}
	return Dossier{Subject: sub, Records: []Record{}, Lists: []ListEntry{}, Commitments: []Commitment{}}
}

// Own returns the dossiers of the actor's own subjects (their ID number,
// the enterprises they act for), read under the self scope.
func (s *Service) Own(ctx context.Context, actor *authz.Actor) ([]Dossier, error) {
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		return nil, err
	}
	if s.own == nil {
		return []Dossier{}, nil
	}
	codes, err := s.own(ctx, actor.AccountID)
	if err != nil {
		return nil, fmt.Errorf("credit: own subjects: %w", err)
	}
	out := []Dossier{}
	for _, c := range codes {
		d, err := s.lookupDossier(ctx, actor.District, "code", c)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// dayOf is t's calendar date in China.
func dayOf(t time.Time) string { return t.In(chinaTime).Format(time.DateOnly) }
