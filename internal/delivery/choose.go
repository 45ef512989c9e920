package delivery

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// PickupInput is the applicant's pickup choice: the point, and the
// delivery's revision the choice was made on.
type PickupInput struct {
	Point    string `json:"point"`
	Revision int    `json:"revision"`
}

// choosable lists the states a choice may be made in, for the UPDATEs.
const choosable = `state IN ('awaiting', 'pickup', 'express')`

// ChoosePickup sends the result to a pickup point and returns the new
// pickup code, which is not kept: only its keyed hash is. Choosing again
// (another point, or after losing the code) makes a new code.
func (s *Service) ChoosePickup(ctx context.Context, actor *authz.Actor, id int64, in PickupInput) (Chosen, error) {
	x, err := s.ownRecord(ctx, actor, id)
	if err != nil {
		return Chosen{}, err
	}
	p, err := s.pickupPoint(ctx, x.District, in.Point)
	if err != nil {
		return Chosen{}, err
	}
	if err := checkRevision(in.Revision); err != nil {
		return Chosen{}, err
	}
	code, err := newPickupCode()
	if err != nil {
		return Chosen{}, err
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE deliveries SET state = ?, point = ?, code_hash = ?, failed_attempts = 0,
			recipient_name = '', recipient_phone = '', province = '', address_detail = '', postcode = '',
			revision = revision + 1, chosen_at = ?, updated_at = ?
			WHERE id = ? AND applicant_id = ? AND revision = ? AND `+choosable,
			StatePickup, p.Code, s.Index.BlindIndex(ctxCode, code), tx.Now(), tx.Now(), id, actor.AccountID, in.Revision)
		if err := oneRow(res, err); err != nil {
			return s.whyNot(ctx, tx, id, err)
		}
		e := Event{Kind: eventPickup, Title: "选择同城取件", Place: p.Name, Note: p.Address, At: tx.Now()}
		if err := addEvent(ctx, tx, id, e, ""); err != nil {
			return err
		}
		if err := s.Notify(ctx, tx, x.ApplicantID, pickupText(x.ApplicationNo, p.Name, code)); err != nil {
			return fmt.Errorf("delivery: pickup notice: %w", err)
		}
		return s.audit(ctx, tx, actor, "delivery.choose_pickup", x, map[string]any{"state": StatePickup, "point": p.Code})
	})
	if err != nil {
		return Chosen{}, err
	}
	d, err := s.Get(ctx, actor, id)
	return Chosen{Delivery: d, PickupCode: code}, err
}

// ChooseExpress sends the result by express to a mainland address and
// queues the job that books the shipment. Until that job has claimed it
// the applicant may still change the choice; the job ships only the
// revision it was queued for.
func (s *Service) ChooseExpress(ctx context.Context, actor *authz.Actor, id int64, in ExpressInput) (Delivery, error) {
	x, err := s.ownRecord(ctx, actor, id)
	if err != nil {
		return Delivery{}, err
	}
	if in, err = in.validate(); err != nil {
		return Delivery{}, err
	}
	if err := checkRevision(in.Revision); err != nil {
		return Delivery{}, err
	}
	enc, err := s.sealAddress(in)
	if err != nil {
		return Delivery{}, err
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE deliveries SET state = ?, point = '', code_hash = '', failed_attempts = 0,
			recipient_name = ?, recipient_phone = ?, province = ?, address_detail = ?, postcode = ?,
			revision = revision + 1, chosen_at = ?, updated_at = ?
			WHERE id = ? AND applicant_id = ? AND revision = ? AND `+choosable,
			StateExpress, enc[0], enc[1], in.Province, enc[2], in.Postcode, tx.Now(), tx.Now(), id, actor.AccountID, in.Revision)
		if err := oneRow(res, err); err != nil {
			return s.whyNot(ctx, tx, id, err)
		}
		e := Event{Kind: eventExpress, Title: "选择快递寄送", Place: in.Province, Note: "等待寄出", At: tx.Now()}
		if err := addEvent(ctx, tx, id, e, ""); err != nil {
			return err
		}
		args := ShipArgs{District: x.District, DeliveryID: id, Revision: in.Revision + 1}
		if err := s.Jobs.InsertTx(ctx, tx, args, nil); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "delivery.choose_express", x, map[string]any{"state": StateExpress,
			"province": in.Province})
	})
	if err != nil {
		return Delivery{}, err
	}
	return s.Get(ctx, actor, id)
}

// sealAddress encrypts the recipient's name, phone and detailed address.
func (s *Service) sealAddress(in ExpressInput) ([3]string, error) {
	var out [3]string
	for i, f := range []struct{ ctx, v string }{{ctxName, in.Name}, {ctxPhone, in.Phone}, {ctxDetail, in.Detail}} {
		enc, err := s.seal(f.ctx, f.v)
		if err != nil {
			return out, fmt.Errorf("delivery: encrypt: %w", err)
		}
		out[i] = enc
	}
	return out, nil
}

// ownRecord loads the actor's own delivery; anyone else's is not found.
func (s *Service) ownRecord(ctx context.Context, actor *authz.Actor, id int64) (record, error) {
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		return record{}, err
	}
	x, err := load(ctx, s.DB, id, "")
	if err == nil && (x.ApplicantID != actor.AccountID || x.District != actor.District) {
		err = errNotFound
	}
	return x, err
}

// pickupPoint finds an active pickup point of the district.
func (s *Service) pickupPoint(ctx context.Context, district, code string) (Point, error) {
	if code == "" {
		return Point{}, apperr.Invalid("point", "请选择取件网点")
	}
	ps, err := s.Points.PickupPoints(ctx, district)
	if err != nil {
		return Point{}, fmt.Errorf("delivery: pickup points: %w", err)
	}
	for _, p := range ps {
		if p.Code == code {
			return p, nil
		}
	}
	return Point{}, apperr.Invalid("point", "所选网点不能领取证照，请另选取件网点")
}

func checkRevision(rev int) error {
	if rev <= 0 {
		return apperr.Invalid("revision", "缺少版本号，请刷新页面后重新选择")
	}
	return nil
}

// oneRow turns an UPDATE that changed no row into errLost.
func oneRow(res interface{ RowsAffected() (int64, error) }, err error) error {
	if err != nil {
		return fmt.Errorf("delivery: update: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errLost
	}
	return nil
}

// errLost marks a conditional UPDATE that found the row changed.
var errLost = apperr.Conflict("证照送达信息已经更新，请刷新页面后重试")

// whyNot explains a lost UPDATE: the delivery has moved on, or a
// concurrent choice came first.
func (s *Service) whyNot(ctx context.Context, tx *db.Tx, id int64, err error) error {
	if err != errLost {
		return err
	}
	x, lerr := load(ctx, tx, id, "")
	if lerr != nil {
		return lerr
	}
	switch {
	case x.State == StateShipping || x.State == StateShipped || x.State == StateDelivered:
		return apperr.Conflict("证照已交快递寄出，不能再更改领取方式")
	case x.State == StateHandedOver:
		return apperr.Conflict("证照已领取，不能再更改领取方式")
	}
	return errLost
}

// newPickupCode draws a six-digit code uniformly.
func newPickupCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("delivery: pickup code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// pickupText tells the code; it carries no personal data.
func pickupText(number, point, code string) string {
	return "您的办件" + number + "的证照可到" + point + "领取，取件码" + code + "，请本人携带身份证原件办理。"
}

// audit records a change of a delivery; the digest of the state only.
func (s *Service) audit(ctx context.Context, tx *db.Tx, actor *authz.Actor, action string, x record, after any) error {
	return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: action, ObjectType: "delivery",
		ObjectID: strconv.FormatInt(x.ID, 10), Before: map[string]any{"state": x.State, "revision": x.Revision},
		After: after})
}
