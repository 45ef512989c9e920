package delivery

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// ShipArgs books the shipment of one express choice. It carries ids only:
// job rows are stored in clear, the address is not.
type ShipArgs struct {
	District   string `json:"district"`
	DeliveryID int64  `json:"delivery_id"`
	// Revision is the delivery's revision the choice made; a later choice
	// leaves this job nothing to do.
	Revision int `json:"revision"`
}

// Kind names the job.
func (ShipArgs) Kind() string { return "delivery.ship" }

// ShipWorker books shipments.
type ShipWorker struct {
	river.WorkerDefaults[ShipArgs]
	s *Service
}

// Work books the shipment; a failed booking is retried by River.
func (w *ShipWorker) Work(ctx context.Context, job *jobs.Job[ShipArgs]) error {
	_, err := w.s.Ship(ctx, job.Args)
	return err
}

// Ship books the shipment of an express choice, in three steps so that
// no outside call runs inside a transaction and no choice ships twice:
// claim the delivery (express → shipping, only at the job's revision: the
// applicant can no longer change it), book it with the courier under a
// reference naming that revision (a retry gets the same waybill), record
// the waybill and tell the applicant. It reports whether it shipped.
func (s *Service) Ship(ctx context.Context, args ShipArgs) (bool, error) {
	x, ok, err := s.claim(ctx, args)
	if err != nil || !ok {
		return false, err
	}
	sh, err := s.shipment(x, args.Revision)
	if err != nil {
		return false, err
	}
	waybill, err := s.Courier.CreateShipment(ctx, sh)
	if err != nil {
		return false, fmt.Errorf("delivery: book shipment of %d: %w", x.ID, err)
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE deliveries SET state = ?, courier = ?, waybill = ?, tracking = ?,
			shipped_at = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND state = ? AND revision = ?`,
			StateShipped, s.Courier.Name(), waybill, "", tx.Now(), tx.Now(), x.ID, StateShipping, args.Revision)
		if err := oneRow(res, err); err != nil {
			return err
		}
		e := Event{Kind: eventShipped, Title: "已交快递寄出", Place: s.Courier.Name(), Note: "运单号 " + waybill, At: tx.Now()}
		if err := addEvent(ctx, tx, x.ID, e, ""); err != nil {
			return err
		}
		text := "您的办件" + x.ApplicationNo + "的证照已由" + s.Courier.Name() + "寄出，运单号" + waybill + "，可在“证照送达”中查看物流。"
		if err := s.Notify(ctx, tx, x.ApplicantID, text); err != nil {
			return fmt.Errorf("delivery: shipped notice: %w", err)
		}
		return s.audit(ctx, tx, authz.System(x.District), "delivery.ship", x, map[string]any{"state": StateShipped,
			"waybill": waybill})
	})
	return err == nil, err
}

// claim moves the delivery from express to shipping at the job's
// revision; a delivery already shipping at that revision (a retried job)
// is claimed again. Anything else means a later choice won: nothing to do.
func (s *Service) claim(ctx context.Context, args ShipArgs) (record, bool, error) {
	var x record
	claimed := false
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE deliveries SET state = ?, updated_at = ?
			WHERE id = ? AND revision = ? AND state IN (?, ?)`,
			StateShipping, tx.Now(), args.DeliveryID, args.Revision, StateExpress, StateShipping)
		if err := oneRow(res, err); err != nil {
			if err == errLost {
				return nil
			}
			return err
		}
		claimed = true
		x, err = load(ctx, tx, args.DeliveryID, "")
		return err
	})
	return x, claimed, err
}

// shipment decrypts the address of a claimed delivery.
func (s *Service) shipment(x record, revision int) (Shipment, error) {
	sh := Shipment{Reference: fmt.Sprintf("%s-D%d-R%d", x.District, x.ID, revision),
		Contents: x.ItemName + " 证照", Province: x.province, Postcode: x.postcode}
	var err error
	if sh.Name, err = s.open(ctxName, x.name); err != nil {
		return Shipment{}, err
	}
	if sh.Phone, err = s.open(ctxPhone, x.phone); err != nil {
		return Shipment{}, err
	}
	if sh.Detail, err = s.open(ctxDetail, x.detail); err != nil {
		return Shipment{}, err
	}
	return sh, nil
}
