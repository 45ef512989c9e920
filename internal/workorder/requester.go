package workorder

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Encryption and blind-index contexts of the requester's columns.
const (
	ctxName  = "workorders.requester_name"
	ctxPhone = "workorders.requester_phone"
)

// Requester is who filed an order, as the viewer may see it.
type Requester struct {
	// Hidden: the viewer may not see who filed it (anonymous orders to
	// handlers, any order to viewers without a contact role).
	Hidden    bool `json:"hidden"`
	Anonymous bool `json:"anonymous"`
	// Resident: filed from a resident's own account.
	Resident bool   `json:"resident"`
	Name     string `json:"name,omitempty"`  // masked
	Phone    string `json:"phone,omitempty"` // masked
}

// sealRequester encrypts the requester's name and phone for storage.
func (s *Service) sealRequester(in RequesterInput) (rawRequester, error) {
	var r rawRequester
	var err error
	if in.Name != "" {
		if r.name, err = s.Keys.Encrypt(ctxName, []byte(in.Name)); err != nil {
			return r, fmt.Errorf("workorder: encrypt name: %w", err)
		}
	}
	if in.Phone != "" {
		if r.phone, err = s.Keys.Encrypt(ctxPhone, []byte(in.Phone)); err != nil {
			return r, fmt.Errorf("workorder: encrypt phone: %w", err)
		}
		r.phoneIndex = s.Index.BlindIndex(ctxPhone, in.Phone)
	}
	return r, nil
}

// openRequester decrypts the stored name and phone.
func (s *Service) openRequester(r rawRequester) (name, phone string, err error) {
	open := func(context, v string) (string, error) {
		if v == "" {
			return "", nil
		}
		b, err := s.Keys.Decrypt(context, v)
		if err != nil {
			return "", fmt.Errorf("workorder: decrypt %s: %w", context, err)
		}
		return string(b), nil
	}
	if name, err = open(ctxName, r.name); err != nil {
		return "", "", err
	}
	phone, err = open(ctxPhone, r.phone)
	return name, phone, err
}

// requesterFor shows the requester to a viewer: the requester sees their
// own contact (masked like everywhere), staff with a contact role in
// scope see it masked unless the order is anonymous, everyone else sees
// nothing.
func (s *Service) requesterFor(ctx context.Context, actor *authz.Actor, o Order) (Requester, error) {
	r := Requester{Anonymous: o.Anonymous, Resident: o.RequesterID != 0}
	own := o.RequesterID != 0 && actor != nil && actor.AccountID == o.RequesterID && actor.Kind != authz.KindStaff &&
		actor.Kind != KindAPIKey
	if !own && !mayContact(actor, o) {
		return Requester{Hidden: true, Anonymous: o.Anonymous}, nil
	}
	name, phone, err := s.contactOf(ctx, o)
	if err != nil {
		return Requester{}, err
	}
	r.Name, r.Phone = gm.MaskName(name), gm.MaskPhone(phone)
	return r, nil
}

// RevealPhone returns the requester's full phone number to call back:
// contact roles within the order's scope, never for anonymous orders.
// Every reveal is audited.
func (s *Service) RevealPhone(ctx context.Context, actor *authz.Actor, number string) (string, error) {
	o, err := s.load(ctx, actor, number)
	if err != nil {
		return "", err
	}
	if !mayContact(actor, o) {
		return "", apperr.Forbidden("您无权查看该诉求人的联系电话")
	}
	_, phone, err := s.contactOf(ctx, o)
	if err != nil {
		return "", err
	}
	if phone == "" {
		return "", apperr.NotFound("诉求人没有留下联系电话")
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.requester.reveal",
			ObjectType: "workorder", ObjectID: o.Number})
	})
	return phone, err
}

// contactOf is the order's contact: what the requester typed, and for
// what they left empty on an order filed from a resident's account, the
// account's own name and phone.
func (s *Service) contactOf(ctx context.Context, o Order) (name, phone string, err error) {
	name, phone, err = s.openRequester(o.raw)
	if err != nil || o.RequesterID == 0 || s.Contacts == nil || (name != "" && phone != "") {
		return name, phone, err
	}
	accName, accPhone, err := s.Contacts(ctx, o.RequesterID)
	if err != nil {
		return "", "", fmt.Errorf("workorder: contact of the requester's account: %w", err)
	}
	if name == "" {
		name = accName
	}
	if phone == "" {
		phone = accPhone
	}
	return name, phone, nil
}
