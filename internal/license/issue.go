package license

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Issue issues version 001 of a licence: it takes the next serial of the
// issuer and type, seals the metadata with the department's seal, stores
// it, audits and notifies the holder, all in one transaction. A licence
// for an application and item is issued once: issuing it again returns
// the first one.
func (s *Service) Issue(ctx context.Context, actor *authz.Actor, in IssueInput) (Licence, error) {
	var out Licence
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		out, err = s.IssueTx(ctx, tx, actor, in)
		return err
	})
	return out, err
}

// IssueTx is Issue inside the caller's transaction.
func (s *Service) IssueTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, in IssueInput) (Licence, error) {
	if err := in.validate(tx.Now()); err != nil {
		return Licence{}, err
	}
	if err := authz.Check(actor, actIssue, departmentScope(in.Department)); err != nil {
		return Licence{}, err
	}
	origin := originKey(in)
	if origin != "" {
		if id, err := originID(ctx, tx, origin); err != nil || id != 0 {
			if err != nil {
				return Licence{}, fmt.Errorf("license: find issued licence: %w", err)
			}
			return s.getTx(ctx, tx, id)
		}
	}
	serial, err := nextSerial(ctx, tx, in.IssuerCode, in.TypeCode, tx.Now().In(chinaTime).Year())
	if err != nil {
		return Licence{}, err
	}
	l := s.newLicence(tx, actor, in, serial)
	if err := s.sealAndStore(ctx, tx, &l, origin); err != nil {
		return Licence{}, err
	}
	if err := auditTx(ctx, tx, actor, "license.licence.issue", l.ID, nil, l.State); err != nil {
		return Licence{}, err
	}
	return l, s.notifyHolder(ctx, tx, l, "您的电子证照《"+noticeName(l.Meta.Name)+"》已颁发，可在“我的证照”中查看。")
}

// originKey names the application and item a licence was issued for.
func originKey(in IssueInput) string {
	if in.ApplicationID == 0 {
		return ""
	}
	return fmt.Sprintf("%d:%s", in.ApplicationID, in.ItemCode)
}

// newLicence builds version 001 from checked input.
func (s *Service) newLicence(tx *db.Tx, actor *authz.Actor, in IssueInput, serial string) Licence {
	id := Identifier{TypeCode: in.TypeCode, Issuer: in.IssuerCode, Serial: serial, Version: 1}.String()
	number := in.Number
	if number == "" {
		number = serial
	}
	data := make(map[string]string, len(in.Data))
	for k, v := range in.Data {
		data[k] = v
	}
	l := Licence{District: actor.District, Department: in.Department, Serial: serial, Version: 1,
		HolderAccount: in.HolderAccount, ApplicationID: in.ApplicationID, ItemCode: in.ItemCode,
		Meta: Metadata{Name: in.Name, TypeCode: in.TypeCode, Number: number, Identifier: id,
			IssuerName: in.IssuerName, IssuerCode: in.IssuerCode, IssuedOn: today(tx.Now()), ValidFrom: in.ValidFrom,
			ValidUntil: in.ValidUntil, HolderName: in.HolderName, HolderCode: in.HolderCode,
			HolderCodeType: in.HolderCodeType, Territory: in.Territory, Data: data},
		CreatedAt: tx.Now().UTC()}
	l.State = l.statusRecord(StatusValid, "", tx.Now())
	return l
}

// sealAndStore seals the metadata and the initial status and stores the
// licence.
func (s *Service) sealAndStore(ctx context.Context, tx *db.Tx, l *Licence, origin string) error {
	var err error
	if l.Seal, err = s.sealer.Seal(ctx, tx, l.Department, l.Meta.Canonical()); err != nil {
		return fmt.Errorf("license: seal %s: %w", l.Meta.Identifier, err)
	}
	if l.StatusSeal, err = s.sealer.Seal(ctx, tx, l.Department, l.State.Canonical()); err != nil {
		return fmt.Errorf("license: seal status of %s: %w", l.Meta.Identifier, err)
	}
	return s.insert(ctx, tx, l, origin)
}

// notifyHolder queues an SMS to the holder's account, when known.
func (s *Service) notifyHolder(ctx context.Context, tx *db.Tx, l Licence, text string) error {
	if s.notify == nil || l.HolderAccount == 0 {
		return nil
	}
	if err := s.notify(ctx, tx, l.HolderAccount, text); err != nil {
		return fmt.Errorf("license: notify holder: %w", err)
	}
	return nil
}

// noticeName shortens a licence name so that a notice stays within one
// SMS notice's length whatever the name.
func noticeName(name string) string {
	if r := []rune(name); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return name
}

// getTx reads a licence by id in tx, holder code decrypted.
func (s *Service) getTx(ctx context.Context, tx *db.Tx, id int64) (Licence, error) {
	r, err := s.loadBy(ctx, tx, "id", id)
	if err != nil {
		return Licence{}, err
	}
	return s.open(r)
}

// auditTx appends an audit entry naming the licence by id; the state is
// the sealed status (no personal data).
func auditTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, action string, id int64, before, after any) error {
	return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: action, ObjectType: "licence",
		ObjectID: idString(id), Before: before, After: after})
}
