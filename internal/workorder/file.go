package workorder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Filed is the result of File: the order, and whether it is the order of
// an earlier identical submission (same idempotency key) returned again.
type Filed struct {
	Order    Order
	Replayed bool
}

// File files an order from any channel: a resident for themselves, staff
// for a caller or a visited household, another system with its API key.
// Everything is checked before anything is written; the order, its
// photos, its filed event, the hooks' work and the audit record commit
// together. A repeated submission with the same idempotency key returns
// the first order (Replayed), a different one reusing the key is refused.
func (s *Service) File(ctx context.Context, actor *authz.Actor, in FileInput) (Filed, error) {
	who, err := callerOf(actor)
	if err != nil {
		return Filed{}, err
	}
	var key *APIKey
	if who == byKey {
		k, err := s.keyOf(ctx, actor)
		if err != nil {
			return Filed{}, err
		}
		key = &k
	}
	o, err := s.validate(ctx, actor, who, key, &in)
	if err != nil {
		return Filed{}, err
	}
	scope := idemScope(who, actor)
	o.raw, err = s.sealRequester(in.Requester)
	if err != nil {
		return Filed{}, err
	}
	hash := requestHash(o, in)
	if in.IdempotencyKey != "" {
		if prev, found, err := s.byIdemKey(ctx, actor.District, scope, in.IdempotencyKey, hash); found || err != nil {
			return Filed{Order: prev, Replayed: found}, err
		}
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		return s.fileTx(ctx, tx, actor, &o, in, idem{scope: scope, key: in.IdempotencyKey, hash: hash})
	})
	if err != nil && in.IdempotencyKey != "" && db.IsUniqueViolation(err) {
		// A concurrent submission with the same key won the insert.
		prev, found, lookErr := s.byIdemKey(ctx, actor.District, scope, in.IdempotencyKey, hash)
		if found || lookErr != nil {
			return Filed{Order: prev, Replayed: found}, lookErr
		}
	}
	if err != nil {
		return Filed{}, err
	}
	return Filed{Order: o}, nil
}

// idem is the idempotency key of a submission.
type idem struct{ scope, key, hash string }

// fileTx writes the order and everything that goes with it.
func (s *Service) fileTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, o *Order, in FileInput, k idem) error {
	var err error
	if o.Number, err = nextNumber(ctx, tx, o.District); err != nil {
		return err
	}
	o.FiledAt, o.UpdatedAt, o.State, o.Version = tx.Now(), tx.Now(), StateFiled, 1
	if err := insertOrder(ctx, tx, o, k); err != nil {
		return err
	}
	photos, err := s.storePhotos(ctx, tx, actor, o, in)
	if err != nil {
		return err
	}
	e := Event{OrderID: o.ID, Seq: 1, Kind: EventFiled, To: StateFiled, Public: true, At: tx.Now()}
	pl := filedPayload{Channel: o.Channel, Category: o.CategoryCode, CategoryVersion: o.CategoryVersion,
		Urgency: o.Urgency, Street: o.Place.Street, Community: o.Place.Community, Grid: o.Place.Grid,
		PlaceSource: o.Place.Source, Photos: photos, EnteredBy: o.EnteredBy, APIKey: o.APIKeyID}
	if err := s.appendEvent(ctx, tx, actor, o, &e, pl); err != nil {
		return err
	}
	for _, h := range s.filedHooks {
		if err := h(ctx, tx, *o); err != nil {
			return fmt.Errorf("workorder: filed hook: %w", err)
		}
	}
	if len(s.filedHooks) > 0 { // dispatch may have moved it on: answer with what it is now
		fresh, err := loadOrder(ctx, tx, `id = ?`, o.ID)
		if err != nil {
			return err
		}
		o.State, o.Outcome, o.Version, o.UpdatedAt = fresh.State, fresh.Outcome, fresh.Version, fresh.UpdatedAt
	}
	if o.APIKeyID != 0 {
		if _, err := tx.Exec(ctx, `UPDATE workorder_api_keys SET last_used_at = ? WHERE id = ?`, tx.Now(), o.APIKeyID); err != nil {
			return fmt.Errorf("workorder: key last used: %w", err)
		}
	}
	return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.order.file", ObjectType: "workorder",
		ObjectID: o.Number, After: auditView(*o)})
}

// auditView is what the audit digest covers: the order without the
// requester's identity (which is encrypted and never digested).
func auditView(o Order) Order {
	o.raw = rawRequester{}
	return o
}

// nextNumber returns the next order number of the day (China date):
// GD20260302000001.
func nextNumber(ctx context.Context, tx *db.Tx, district string) (string, error) {
	day := web.InChina(tx.Now()).Format("20060102")
	var n int64
	err := tx.QueryRow(ctx, `INSERT INTO workorder_counters (district_code, day, last) VALUES (?, ?, 1)
		ON CONFLICT (district_code, day) DO UPDATE SET last = workorder_counters.last + 1 RETURNING last`,
		district, day).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("workorder: number: %w", err)
	}
	return fmt.Sprintf("GD%s%06d", day, n), nil
}

// idemScope is who a key belongs to: keys of different callers never meet.
func idemScope(who caller, actor *authz.Actor) string {
	if who == byKey {
		return "apikey:" + strconv.FormatInt(actor.AccountID, 10)
	}
	return "account:" + strconv.FormatInt(actor.AccountID, 10)
}

// requestHash digests what makes two submissions the same request.
func requestHash(o Order, in FileInput) string {
	h := sha256.New()
	shape := struct {
		O      Order
		Req    RequesterInput
		Photos []string
		IDs    []string
	}{O: o, Req: in.Requester, IDs: in.PhotoIDs}
	for _, p := range in.Photos {
		sum := sha256.Sum256(p.Data)
		shape.Photos = append(shape.Photos, hex.EncodeToString(sum[:]))
	}
	_ = json.NewEncoder(h).Encode(shape)
	return hex.EncodeToString(h.Sum(nil))
}

// byIdemKey returns the order an earlier submission with the key filed;
// found is false when there is none. A different request reusing the key
// is a conflict.
func (s *Service) byIdemKey(ctx context.Context, district, scope, key, hash string) (Order, bool, error) {
	o, prevHash, err := loadByIdem(ctx, s.DB, district, scope, key)
	if errors.Is(err, errNoOrder) {
		return Order{}, false, nil
	}
	if err != nil {
		return Order{}, false, err
	}
	if prevHash != hash {
		return Order{}, false, apperr.Conflict("该提交编号（Idempotency-Key）已用于另一份不同的诉求，新诉求请使用新的编号")
	}
	return o, true, nil
}
