package rating

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Invitation is a case that has ended and may now be rated. For an
// inspection the answerable unit is the enforcement team (综合执法大队) of
// the street that inspected: Department then holds the street's code,
// which only that street's inspectors (actTeam) and the district's staff
// reach.
type Invitation struct {
	District   string
	Kind       CaseKind
	CaseID     int64
	CaseNo     string // shown to the rater, e.g. the application number
	CaseTitle  string // e.g. the item name
	RaterID    int64  // the account served
	Department string // the answerable department (an inspection's street), "" if none
	Point      string // the answerable service point, "" if none
}

// OpenRating is an approval.DecidedHook: in the decision's transaction it
// invites the applicant to rate the application and queues the SMS. The
// answerable units are the department that decided and the point that
// accepted. An application already invited is left as it is: a hook
// error would undo the decision itself.
func (s *Service) OpenRating(ctx context.Context, tx *db.Tx, d approval.Decided) error {
	a := d.Application
	if n, err := invitations(ctx, tx, CaseApplication, a.ID); err != nil || n > 0 {
		return err
	}
	dept, err := decidingDepartment(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	return s.InviteTx(ctx, tx, Invitation{District: a.District, Kind: CaseApplication, CaseID: a.ID,
		CaseNo: a.Number, CaseTitle: a.ItemName, RaterID: a.ApplicantID, Department: dept, Point: a.AcceptedPoint})
}

// decidingDepartment is the department of the last task done on the
// application: the one whose decision ends it. approval.Decided does not
// carry it, so it is read from approval's task table inside the decision's
// own transaction, where the task has just been completed.
func decidingDepartment(ctx context.Context, tx *db.Tx, appID int64) (string, error) {
	var dept string
	err := tx.QueryRow(ctx, `SELECT department FROM approval_tasks WHERE application_id = ? AND state = 'done'
		ORDER BY done_at DESC, id DESC LIMIT 1`, appID).Scan(&dept)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("rating: deciding department: %w", err)
	}
	return dept, nil
}

// InviteTx records the invitation to rate a case and queues the SMS, in
// tx. A case is invited once: a second invitation is a conflict.
func (s *Service) InviteTx(ctx context.Context, tx *db.Tx, in Invitation) error {
	if !in.Kind.Valid() || in.CaseID <= 0 || in.RaterID <= 0 || in.District == "" {
		return apperr.Invalid("case", "评价邀请缺少办件、评价人或区县")
	}
	n, err := invitations(ctx, tx, in.Kind, in.CaseID)
	if err != nil {
		return err
	}
	if n > 0 {
		return apperr.Conflict("该" + in.Kind.Name() + "已发出评价邀请")
	}
	id, err := tx.InsertID(ctx, `INSERT INTO ratings (district_code, case_kind, case_id, case_no, case_title, rater_id,
		department, point, invited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.District, in.Kind, in.CaseID, in.CaseNo,
		in.CaseTitle, in.RaterID, in.Department, in.Point, tx.Now())
	if err != nil {
		return fmt.Errorf("rating: invite: %w", err)
	}
	if err := s.Notify.NotifyAccountTx(ctx, tx, in.RaterID, inviteText(in)); err != nil {
		return fmt.Errorf("rating: invite notice: %w", err)
	}
	return audit.Append(ctx, tx, audit.Entry{Actor: authz.System(in.District), Action: "rating.invite",
		ObjectType: "rating", ObjectID: strconv.FormatInt(id, 10), After: in})
}

// invitations counts the invitations of a case: 0 or 1.
func invitations(ctx context.Context, tx *db.Tx, kind CaseKind, id int64) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM ratings WHERE case_kind = ? AND case_id = ?`, kind, id).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("rating: invitations: %w", err)
	}
	return n, nil
}

// inviteText is the SMS: the case number only, no personal data.
func inviteText(in Invitation) string {
	what := "您的" + in.Kind.Name()
	switch {
	case in.Kind == CaseInspection && in.CaseNo != "": // the number is the inspected application's
		what = "您的办件" + in.CaseNo + "的" + in.Kind.Name()
	case in.CaseNo != "":
		what += in.CaseNo
	}
	done := "已办结"
	if in.Kind == CaseInspection {
		done = "已完成"
	}
	return what + done + "，欢迎登录善治政务服务，在“我的评价”中对本次服务作出评价。"
}
