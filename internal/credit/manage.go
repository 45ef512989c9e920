package credit

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// cleanNote trims a required note and bounds it.
func cleanNote(field, label, v string) (string, error) {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return "", apperr.Invalid(field, "请填写"+label)
	case utf8.RuneCountInString(v) > maxNoteRunes:
		return "", apperr.Invalid(field, fmt.Sprintf("%s不能超过%d个字", label, maxNoteRunes))
	}
	return v, nil
}

// Repair marks a record repaired (信用修复) on the date given: it no longer
// counts in admission checks. A positive record cannot be repaired, and a
// record is repaired or revoked only once.
func (s *Service) Repair(ctx context.Context, actor *authz.Actor, id int64, on, note string) (Record, error) {
	if err := authz.Check(actor, actManage, districtOf(actor)); err != nil {
		return Record{}, err
	}
	if err := checkDate("on", "修复日期", on, true); err != nil {
		return Record{}, err
	}
	note, err := cleanNote("note", "修复说明", note)
	if err != nil {
		return Record{}, err
	}
	err = s.changeRecord(ctx, actor, "credit.record.repair", id, func(r Record) error {
		if r.Severity == Positive {
			return apperr.Invalid("id", "守信激励记录无需修复")
		}
		return nil
	}, `UPDATE credit_records SET repaired_on = ?, repaired_by = ?, repair_note = ? WHERE id = ?`,
		on, actorID(actor), note, id)
	if err != nil {
		return Record{}, err
	}
	return s.record(ctx, actor.District, id)
}

// Revoke withdraws a record (e.g. the decision was quashed on review).
func (s *Service) Revoke(ctx context.Context, actor *authz.Actor, id int64, reason string) (Record, error) {
	if err := authz.Check(actor, actManage, districtOf(actor)); err != nil {
		return Record{}, err
	}
	reason, err := cleanNote("reason", "撤销理由", reason)
	if err != nil {
		return Record{}, err
	}
	var by = actorID(actor)
	err = s.changeRecord(ctx, actor, "credit.record.revoke", id, func(Record) error { return nil },
		`UPDATE credit_records SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ?`,
		s.db.Clock.Now().UTC(), by, reason, id)
	if err != nil {
		return Record{}, err
	}
	return s.record(ctx, actor.District, id)
}

// changeRecord applies an update to a live record of the actor's
// district after ok accepts it.
func (s *Service) changeRecord(ctx context.Context, actor *authz.Actor, action string, id int64, ok func(Record) error,
	update string, args ...any) error {
	r, err := s.record(ctx, actor.District, id)
	if err != nil {
		return err
	}
	switch {
	case r.Revoked != nil:
		return apperr.Conflict("该信用记录已撤销")
	case r.Repair != nil:
		return apperr.Conflict("该信用记录已于 " + r.Repair.On + " 完成信用修复")
	}
	if err := ok(r); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, update+` AND repaired_on IS NULL AND revoked_at IS NULL`, args...)
		if err != nil {
			return fmt.Errorf("credit: change record: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.Conflict("该信用记录已被他人修改，请刷新后重试")
		}
		return auditTx(ctx, tx, actor, action, "credit_record", id, r, args)
	})
}

// ListInput puts a subject on a red or black list.
type ListInput struct {
	SubjectKind SubjectKind `json:"subject_kind"`
	SubjectCode string      `json:"subject_code"`
	SubjectName string      `json:"subject_name"`
	List        ListKind    `json:"list"`
	ListName    string      `json:"list_name"`
	Department  string      `json:"department"`
	Reason      string      `json:"reason"`
	From        string      `json:"from"`
	Until       string      `json:"until,omitempty"`
}

// AddListEntry puts a subject on a list (administrators).
func (s *Service) AddListEntry(ctx context.Context, actor *authz.Actor, in ListInput) (ListEntry, error) {
	if err := authz.Check(actor, actManage, districtOf(actor)); err != nil {
		return ListEntry{}, err
	}
	ref, err := s.validList(ctx, &in)
	if err != nil {
		return ListEntry{}, err
	}
	var id int64
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		sid, err := s.ensureSubject(ctx, tx, actor.District, ref, in.SubjectName)
		if err != nil {
			return err
		}
		id, err = tx.InsertID(ctx, `INSERT INTO credit_list_entries (district, subject_id, list, list_name,
			department, reason, from_on, until_on, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.District, sid, in.List, in.ListName, in.Department, in.Reason, in.From, nullable(in.Until),
			tx.Now(), actorID(actor))
		if err != nil {
			return err
		}
		in.SubjectCode, in.SubjectName = "", ""
		return auditTx(ctx, tx, actor, "credit.list.add", "credit_list_entry", id, nil, in)
	})
	if err != nil {
		return ListEntry{}, fmt.Errorf("credit: add list entry: %w", err)
	}
	return s.listEntry(ctx, actor.District, id)
}

// validList checks a list entry and fills the default list name.
func (s *Service) validList(ctx context.Context, in *ListInput) (SubjectRef, error) {
	ref, err := parseSubject("subject_code", in.SubjectKind, in.SubjectCode)
	if err != nil {
		return SubjectRef{}, err
	}
	if in.SubjectName, err = cleanName("subject_name", in.SubjectName); err != nil {
		return SubjectRef{}, err
	}
	switch in.List {
	case BlackList, RedList:
	default:
		return SubjectRef{}, apperr.Invalid("list", "名单应为 red（守信红名单）或 black（严重失信主体名单）")
	}
	if strings.TrimSpace(in.ListName) == "" {
		in.ListName = map[ListKind]string{BlackList: "严重失信主体名单", RedList: "守信红名单"}[in.List]
	}
	if in.Reason, err = cleanNote("reason", "列入理由", in.Reason); err != nil {
		return SubjectRef{}, err
	}
	if _, err := s.department(ctx, "department", in.Department); err != nil {
		return SubjectRef{}, err
	}
	if err := checkDate("from", "列入日期", in.From, true); err != nil {
		return SubjectRef{}, err
	}
	if err := checkDate("until", "列入期限", in.Until, false); err != nil {
		return SubjectRef{}, err
	}
	if in.Until != "" && in.Until < in.From {
		return SubjectRef{}, apperr.Invalid("until", "列入期限不能早于列入日期")
	}
	return ref, nil
}

// RemoveListEntry takes a subject off a list (移出名单).
func (s *Service) RemoveListEntry(ctx context.Context, actor *authz.Actor, id int64, note string) (ListEntry, error) {
	if err := authz.Check(actor, actManage, districtOf(actor)); err != nil {
		return ListEntry{}, err
	}
	note, err := cleanNote("note", "移出说明", note)
	if err != nil {
		return ListEntry{}, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE credit_list_entries SET removed_at = ?, removed_by = ?, removal_note = ?
			WHERE district = ? AND id = ? AND removed_at IS NULL`, tx.Now(), actorID(actor), note, actor.District, id)
		if err != nil {
			return fmt.Errorf("credit: remove list entry: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.NotFound("名单记录不存在或已移出")
		}
		return auditTx(ctx, tx, actor, "credit.list.remove", "credit_list_entry", id, nil, note)
	})
	if err != nil {
		return ListEntry{}, err
	}
	return s.listEntry(ctx, actor.District, id)
}

func (s *Service) listEntry(ctx context.Context, district string, id int64) (ListEntry, error) {
	e, err := scanList(s.db.QueryRow(ctx, listSelect+` WHERE district = ? AND id = ?`, district, id))
	if err != nil {
		return ListEntry{}, fmt.Errorf("credit: load list entry: %w", err)
	}
	return e, nil
}
