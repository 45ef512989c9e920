package license

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// ChangeInput changes a licence's data or holder name (变更): a new
// version is issued and the old one is superseded.
type ChangeInput struct {
	HolderName string            `json:"holder_name,omitempty"` // unchanged when empty
	Data       map[string]string `json:"data"`                  // merged into the data; "" removes a key
	Reason     string            `json:"reason"`
}

// RenewInput extends a licence's validity (延续).
type RenewInput struct {
	ValidFrom  string `json:"valid_from"`
	ValidUntil string `json:"valid_until"`
	Reason     string `json:"reason"`
}

// StatusInput suspends, reinstates or revokes a licence, with the reason
// shown to anyone verifying it.
type StatusInput struct {
	Reason string `json:"reason"`
}

// Change issues the next version with changed data.
func (s *Service) Change(ctx context.Context, actor *authz.Actor, id int64, in ChangeInput) (Licence, error) {
	if err := validReason(in.Reason); err != nil {
		return Licence{}, err
	}
	if err := validData(in.Data); err != nil {
		return Licence{}, err
	}
	if in.HolderName = strings.TrimSpace(in.HolderName); utf8.RuneCountInString(in.HolderName) > maxText {
		return Licence{}, apperr.Invalid("holder_name", "持证主体名称最多200个字")
	}
	return s.newVersion(ctx, actor, id, "license.licence.change", in.Reason, func(m *Metadata) {
		if in.HolderName != "" {
			m.HolderName = in.HolderName
		}
		for k, v := range in.Data {
			if v == "" {
				delete(m.Data, k)
			} else {
				m.Data[k] = v
			}
		}
	})
}

// Renew issues the next version with a new validity period.
func (s *Service) Renew(ctx context.Context, actor *authz.Actor, id int64, in RenewInput) (Licence, error) {
	if err := validReason(in.Reason); err != nil {
		return Licence{}, err
	}
	in.ValidFrom, in.ValidUntil = strings.TrimSpace(in.ValidFrom), strings.TrimSpace(in.ValidUntil)
	if err := validDates(in.ValidFrom, in.ValidUntil); err != nil {
		return Licence{}, err
	}
	return s.newVersion(ctx, actor, id, "license.licence.renew", in.Reason, func(m *Metadata) {
		m.ValidFrom, m.ValidUntil = in.ValidFrom, in.ValidUntil
	})
}

// newVersion supersedes a current licence with version+1 edited by edit.
func (s *Service) newVersion(ctx context.Context, actor *authz.Actor, id int64, action, reason string,
	edit func(*Metadata)) (Licence, error) {
	var out Licence
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		old, err := s.manageable(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if old.State.Status != StatusValid {
			return apperr.Conflict("只有有效的电子证照可以变更或延续")
		}
		if old.Version >= maxVersion {
			return apperr.Conflict("电子证照版本已达上限")
		}
		if err := s.setStatus(ctx, tx, &old, StatusSuperseded, reason); err != nil {
			return err
		}
		out = nextVersion(tx, old, edit)
		if err := s.sealAndStore(ctx, tx, &out, ""); err != nil {
			return err
		}
		if err := auditTx(ctx, tx, actor, action, out.ID, old.State, out.State); err != nil {
			return err
		}
		return s.notifyHolder(ctx, tx, out, "您的电子证照《"+noticeName(out.Meta.Name)+"》已更新为新版本。")
	})
	return out, err
}

// nextVersion copies old into version+1 and applies edit.
func nextVersion(tx *db.Tx, old Licence, edit func(*Metadata)) Licence {
	l := old
	l.ID, l.SupersedesID, l.Version = 0, old.ID, old.Version+1
	l.Meta.Data = make(map[string]string, len(old.Meta.Data))
	for k, v := range old.Meta.Data {
		l.Meta.Data[k] = v
	}
	edit(&l.Meta)
	l.Meta.IssuedOn = today(tx.Now())
	l.Meta.Identifier = Identifier{TypeCode: l.Meta.TypeCode, Issuer: l.Meta.IssuerCode, Serial: l.Serial,
		Version: l.Version}.String()
	l.State = l.statusRecord(StatusValid, "", tx.Now())
	l.CreatedAt = tx.Now().UTC()
	return l
}

// Suspend suspends a valid licence (暂扣).
func (s *Service) Suspend(ctx context.Context, actor *authz.Actor, id int64, in StatusInput) (Licence, error) {
	return s.transition(ctx, actor, id, in, "license.licence.suspend", StatusSuspended, StatusValid)
}

// Reinstate ends a suspension.
func (s *Service) Reinstate(ctx context.Context, actor *authz.Actor, id int64, in StatusInput) (Licence, error) {
	return s.transition(ctx, actor, id, in, "license.licence.reinstate", StatusValid, StatusSuspended)
}

// Revoke revokes a valid or suspended licence (吊销/撤销), e.g. after a
// false 告知承诺. It cannot be undone.
func (s *Service) Revoke(ctx context.Context, actor *authz.Actor, id int64, in StatusInput) (Licence, error) {
	return s.transition(ctx, actor, id, in, "license.licence.revoke", StatusRevoked, StatusValid, StatusSuspended)
}

// transition moves a licence to status `to` from one of `from`.
func (s *Service) transition(ctx context.Context, actor *authz.Actor, id int64, in StatusInput, action string,
	to Status, from ...Status) (Licence, error) {
	if err := validReason(in.Reason); err != nil {
		return Licence{}, err
	}
	var out Licence
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		l, err := s.manageable(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if !hasStatus(l.State.Status, from) {
			return apperr.Conflict("电子证照当前状态不能进行此操作")
		}
		before := l.State
		if err := s.setStatus(ctx, tx, &l, to, strings.TrimSpace(in.Reason)); err != nil {
			return err
		}
		out = l
		if err := auditTx(ctx, tx, actor, action, l.ID, before, l.State); err != nil {
			return err
		}
		return s.notifyHolder(ctx, tx, l, "您的电子证照《"+noticeName(l.Meta.Name)+"》状态已变更为："+verdictOf(l, "").Name()+"。")
	})
	return out, err
}

// setStatus seals and stores a new status.
func (s *Service) setStatus(ctx context.Context, tx *db.Tx, l *Licence, to Status, reason string) error {
	l.State = l.statusRecord(to, reason, tx.Now())
	seal, err := s.sealer.Seal(ctx, tx, l.Department, l.State.Canonical())
	if err != nil {
		return err
	}
	l.StatusSeal = seal
	return saveStatus(ctx, tx, l.ID, l.State, seal)
}

// manageable reads a licence the actor may manage.
func (s *Service) manageable(ctx context.Context, tx *db.Tx, actor *authz.Actor, id int64) (Licence, error) {
	l, err := s.getTx(ctx, tx, id)
	if err != nil {
		return Licence{}, err
	}
	if err := authz.Check(actor, actManage, departmentScope(l.Department)); err != nil {
		return Licence{}, err
	}
	return l, nil
}

func hasStatus(s Status, in []Status) bool {
	for _, x := range in {
		if s == x {
			return true
		}
	}
	return false
}

// validReason requires a reason of 1 to 200 characters.
func validReason(r string) error {
	if !text(strings.TrimSpace(r), 1) {
		return apperr.Invalid("reason", "请填写原因（1到200个字）")
	}
	return nil
}
