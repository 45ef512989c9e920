package identity

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// realNameState is what the audit log digests of a real-name change: the
// masked name and the ID number's blind index, never the values.
type realNameState struct {
	Name    string `json:"name"`
	IDIndex string `json:"id_index"`
}

// UpdateRealName records the actor's own real name and resident ID number
// (GB 11643, check digit validated: an invalid number is an invalid error
// on field id_number). The ID number is stored encrypted with a blind
// index; a change clears real_name_verified_at, since an earlier identity
// check no longer applies.
func (s *Service) UpdateRealName(ctx context.Context, actor *authz.Actor, name, idNumber string) error {
	if err := authz.Check(actor, actRealName, selfOf(actor)); err != nil {
		return err
	}
	name, err := cleanName("name", name, msgNameEmpty, msgNameLong)
	if err != nil {
		return err
	}
	id, err := cleanIDNumber(idNumber, s)
	if err != nil {
		return err
	}
	acc, err := accountByID(ctx, s.d, s.d.Engine, actor.AccountID, false)
	if err != nil {
		return err
	}
	old, err := s.open(ctxIDNumber, acc.idNumberEnc)
	if err != nil {
		return err
	}
	if old == id && acc.realName.String == name {
		return nil
	}
	sid, err := s.seal(ctxIDNumber, id)
	if err != nil {
		return err
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE accounts SET real_name = ?, id_number_enc = ?, id_number_index = ?,
			display_name = ?, real_name_verified_at = NULL, updated_at = ? WHERE id = ?`,
			name, sid.enc, sid.index, gm.MaskName(name), tx.Now(), acc.id); err != nil {
			return fmt.Errorf("identity: update real name: %w", err)
		}
		before := realNameState{Name: gm.MaskName(acc.realName.String)}
		if old != "" {
			before.IDIndex = s.index.BlindIndex(ctxIDNumber, old)
		}
		after := realNameState{Name: gm.MaskName(name), IDIndex: sid.index}
		return s.appendAudit(ctx, tx, actor, "identity.realname.update", acc.id, before, after)
	})
}

// cleanIDNumber normalises and validates a resident ID number as of the
// service clock's today.
func cleanIDNumber(v string, s *Service) (string, error) {
	if len(v) > maxIDInputLen {
		return "", apperr.Invalid("id_number", "身份证号码应为18位")
	}
	id := check.NormalizeIDNumber(v)
	if err := check.IDNumberAt(id, s.now()); err != nil {
		return "", apperr.Invalid("id_number", err.Error())
	}
	return id, nil
}
