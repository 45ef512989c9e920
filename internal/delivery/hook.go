package delivery

import (
	"context"
	"fmt"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// OpenDelivery is an approval.DecidedHook: in the decision's transaction
// it opens the delivery of an approved application, waiting for the
// applicant's choice, and queues the SMS asking for it. Refusals deliver
// nothing here (their notice is on the tracking page). An application
// that has a delivery already is left as it is: a hook error would undo
// the decision itself.
func (s *Service) OpenDelivery(ctx context.Context, tx *db.Tx, d approval.Decided) error {
	a := d.Application
	if a.Decision != string(approval.StateApproved) {
		return nil
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM deliveries WHERE application_id = ?`, a.ID).Scan(&n); err != nil {
		return fmt.Errorf("delivery: open: %w", err)
	}
	if n > 0 {
		return nil
	}
	id, err := tx.InsertID(ctx, `INSERT INTO deliveries (district_code, application_id, application_no, item_name,
		decision_no, applicant_id, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.District, a.ID, a.Number, a.ItemName, a.DecisionNo, a.ApplicantID, StateAwaiting, tx.Now(), tx.Now())
	if err != nil {
		return fmt.Errorf("delivery: open: %w", err)
	}
	if err := addEvent(ctx, tx, id, Event{Kind: eventOpened, Title: "准予许可，待选择领取方式",
		Note: "可选择同城取件或快递寄送", At: tx.Now()}, ""); err != nil {
		return err
	}
	if err := s.Notify(ctx, tx, a.ApplicantID, openText(a.Number)); err != nil {
		return fmt.Errorf("delivery: open notice: %w", err)
	}
	return audit.Append(ctx, tx, audit.Entry{Actor: authz.System(a.District), Action: "delivery.open",
		ObjectType: "delivery", ObjectID: strconv.FormatInt(id, 10),
		After: map[string]any{"application_id": a.ID, "state": StateAwaiting}})
}

// openText asks the applicant to choose; the number only, no personal data.
func openText(number string) string {
	return "您的办件" + number + "已准予许可，请登录善治政务服务，在“证照送达”中选择同城取件或快递寄送。"
}
