package delivery

import (
	"context"
	"crypto/subtle"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// The front desk's allowance of wrong pickup codes and ID numbers.
const (
	MaxAttempts = 5
	LockFor     = 15 * time.Minute
)

// HandoverInput is what the front desk enters: the code the collector
// shows and the number on the ID card they present.
type HandoverInput struct {
	Code     string `json:"code"`
	IDNumber string `json:"id_number"`
}

// chinaTime is the zone lock times are told in.
var chinaTime = time.FixedZone("CST", 8*60*60)

// Handover hands a result over at the front desk of the point the
// applicant chose, to the holder in person: the code must be the
// delivery's and the ID number the holder's. A wrong one is a field error
// and changes nothing but the count of wrong tries; the fifth locks the
// delivery for LockFor. The handover records the worker, the point and the
// time, and tells the applicant.
func (s *Service) Handover(ctx context.Context, actor *authz.Actor, id int64, in HandoverInput) (Delivery, error) {
	pre, err := s.deskRecord(ctx, actor, id)
	if err != nil {
		return Delivery{}, err
	}
	in, err = in.validate(s.DB.Clock.Now())
	if err != nil {
		return Delivery{}, err
	}
	_, holder, err := s.Holders.HolderID(ctx, pre.ApplicationID)
	if err != nil {
		return Delivery{}, apperr.Wrap(apperr.CodeUnavailable, "暂时无法核对持证人身份，请稍后再试", err)
	}
	pointName := s.pointName(ctx, pre.District, pre.Point)
	var refused error
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		x, err := load(ctx, tx, id, tx.Engine().ForUpdate())
		if err != nil {
			return err
		}
		if err := stillWaiting(x); err != nil {
			return err
		}
		if err := atDesk(actor, x); err != nil {
			return err
		}
		if x.Point != pre.Point {
			pointName = x.Point
		}
		if x.Locked(tx.Now()) {
			refused = lockedError(x.LockedUntil)
			return nil
		}
		if wrong := s.mismatch(x, in, holder); wrong != nil {
			refused, err = s.countFailure(ctx, tx, actor, x, wrong)
			return err
		}
		return s.handOver(ctx, tx, actor, x, pointName)
	})
	if err == nil {
		err = refused
	}
	if err != nil {
		return Delivery{}, err
	}
	return s.deskView(ctx, actor, id)
}

// validate checks the shape of what was typed; a malformed entry is not
// counted as a wrong try.
func (in HandoverInput) validate(now time.Time) (HandoverInput, error) {
	in.Code = strings.TrimSpace(in.Code)
	in.IDNumber = check.NormalizeIDNumber(in.IDNumber)
	fields := map[string]string{}
	if len(in.Code) != 6 || strings.Trim(in.Code, "0123456789") != "" {
		fields["code"] = "取件码应为6位数字"
	}
	if in.IDNumber == "" {
		fields["id_number"] = "请输入领取人的身份证号"
	} else if err := check.IDNumberAt(in.IDNumber, now); err != nil {
		fields["id_number"] = "身份证号：" + err.Error()
	}
	if len(fields) > 0 {
		return in, &apperr.Error{Code: apperr.CodeInvalid, Message: "请检查取件码和身份证号", Fields: fields}
	}
	return in, nil
}

// mismatch compares the code and the ID number in constant time.
func (s *Service) mismatch(x record, in HandoverInput, holder string) error {
	ok := false
	for _, h := range s.Index.BlindIndexes(ctxCode, in.Code) {
		ok = ok || subtle.ConstantTimeCompare([]byte(h), []byte(x.codeHash)) == 1
	}
	if !ok || x.codeHash == "" {
		return apperr.Invalid("code", "取件码不正确")
	}
	holder = check.NormalizeIDNumber(holder)
	if holder == "" || subtle.ConstantTimeCompare([]byte(holder), []byte(in.IDNumber)) != 1 {
		return apperr.Invalid("id_number", "身份证号与持证人不一致，须由持证人本人持身份证领取")
	}
	return nil
}

// countFailure records a wrong try, locking the delivery at the last one,
// and returns the refusal with how many tries are left.
func (s *Service) countFailure(ctx context.Context, tx *db.Tx, actor *authz.Actor, x record, refusal error) (error, error) {
	e, _ := apperr.As(refusal)
	field := "code"
	if _, ok := e.Fields["id_number"]; ok {
		field = "id_number"
	}
	tries, msg := x.attempts+1, e.Message
	var until any
	if tries >= MaxAttempts {
		lock := tx.Now().Add(LockFor)
		tries, until = 0, lock
		msg += fmt.Sprintf("。错误已达%d次，该证照已锁定%d分钟，请于%s后再试", MaxAttempts, int(LockFor/time.Minute),
			lock.In(chinaTime).Format("15:04"))
	} else {
		msg += fmt.Sprintf("，还可尝试%d次", MaxAttempts-tries)
	}
	if _, err := tx.Exec(ctx, `UPDATE deliveries SET failed_attempts = ?, locked_until = ? WHERE id = ?`,
		tries, until, x.ID); err != nil {
		return nil, fmt.Errorf("delivery: count failure: %w", err)
	}
	err := s.audit(ctx, tx, actor, "delivery.handover_refused", x, map[string]any{"field": field, "locked": until != nil})
	return apperr.Invalid(field, msg), err
}

// lockedError refuses every try until the lock ends.
func lockedError(until time.Time) error {
	return apperr.New(apperr.CodeTooMany, "取件码或身份证号错误次数过多，该证照已锁定，请于"+
		until.In(chinaTime).Format("15:04")+"后再试")
}

// handOver records the handover in tx and tells the applicant.
func (s *Service) handOver(ctx context.Context, tx *db.Tx, actor *authz.Actor, x record, pointName string) error {
	res, err := tx.Exec(ctx, `UPDATE deliveries SET state = ?, handed_by = ?, handed_point = ?, handed_at = ?,
		code_hash = '', failed_attempts = 0, locked_until = NULL, revision = revision + 1, updated_at = ?
		WHERE id = ? AND state = ? AND revision = ?`,
		StateHandedOver, actor.AccountID, x.Point, tx.Now(), tx.Now(), x.ID, StatePickup, x.Revision)
	if err := oneRow(res, err); err != nil {
		return err
	}
	e := Event{Kind: eventHandover, Title: "持证人已在窗口领取", Place: pointName, At: tx.Now()}
	if err := addEvent(ctx, tx, x.ID, e, ""); err != nil {
		return err
	}
	text := "您的办件" + x.ApplicationNo + "的证照已于" + tx.Now().In(chinaTime).Format("1月2日15:04") + "在" + pointName +
		"领取。如非本人领取，请拨打12345。"
	if err := s.Notify(ctx, tx, x.ApplicantID, text); err != nil {
		return fmt.Errorf("delivery: handover notice: %w", err)
	}
	return s.audit(ctx, tx, actor, "delivery.handover", x, map[string]any{"state": StateHandedOver, "point": x.Point,
		"by": actor.AccountID})
}

// deskRecord loads a delivery for the front desk: refused to anyone
// without the front-desk role, not found outside the actor's district.
func (s *Service) deskRecord(ctx context.Context, actor *authz.Actor, id int64) (record, error) {
	if err := authz.Check(actor, actHandover, authz.Scope{}); err != nil {
		return record{}, err
	}
	x, err := load(ctx, s.DB, id, "")
	if err == nil && x.District != actor.District {
		err = errNotFound
	}
	if err == nil {
		err = atDesk(actor, x)
	}
	return x, err
}

// atDesk checks that the delivery waits, or was handed over, at one of
// the actor's points; any other is not found, as if it did not exist.
func atDesk(actor *authz.Actor, x record) error {
	point := x.Point
	switch x.State {
	case StatePickup:
	case StateHandedOver:
		point = x.HandedPoint
	default:
		return errNotFound
	}
	if !slices.Contains(deskPoints(actor), point) {
		return apperr.Forbidden("该证照不在您所在的网点领取")
	}
	return nil
}

// stillWaiting checks, in the handover's transaction, that the delivery
// still waits for collection.
func stillWaiting(x record) error {
	switch x.State {
	case StatePickup:
		return nil
	case StateHandedOver:
		return apperr.Conflict("该证照已于" + x.HandedAt.In(chinaTime).Format("2006-01-02 15:04") + "领取")
	}
	return apperr.Conflict("持证人已更改领取方式，该证照不在本网点领取")
}
