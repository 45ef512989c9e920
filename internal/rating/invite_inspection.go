package rating

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/supervision"
)

// OpenInspectionRating is a supervision.VisitedHook: in the visit's
// transaction it invites the person served — the applicant of the
// inspected application — to rate the inspection (case id: the task's) and
// queues the SMS. The answerable unit is the enforcement team of the
// street that inspected, kept by the street's code in the department slot
// (see Invitation). A task whose applicant is not known (made before
// supervision kept it) invites nobody; a case already invited is left as
// it is, since a hook error would undo the visit.
func (s *Service) OpenInspectionRating(ctx context.Context, tx *db.Tx, v supervision.VisitDone) error {
	if v.ApplicantID <= 0 {
		return nil
	}
	if n, err := invitations(ctx, tx, CaseInspection, v.TaskID); err != nil || n > 0 {
		return err
	}
	return s.InviteTx(ctx, tx, Invitation{District: v.District, Kind: CaseInspection, CaseID: v.TaskID,
		CaseNo: v.ApplicationNo, CaseTitle: v.ItemName + "（现场检查）", RaterID: v.ApplicantID, Department: v.Street})
}
