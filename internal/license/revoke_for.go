package license

import (
	"context"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// RevokeForApplication revokes the current (valid or suspended) licences
// issued in the actor's district for an application, and returns how many
// it revoked: those issued for itemCode, or every one of the application
// when itemCode is "". Supervision calls it when the approving department
// decides to revoke what a false 告知承诺 obtained: the commitment was made
// for one item, and the licences of the other items of a bundle (the
// business licence of a sole trader whose food licence was obtained on a
// false commitment) are not forfeit with it.
//
// Each licence goes through the same steps as Revoke: the actor must
// manage licences of its issuing department, the new status is sealed,
// audited as license.licence.revoke and told to the holder. All happen in
// one transaction, so that a refusal or a failure revokes none of them
// and the caller may simply try again; licences revoked before are not
// current any more and count nothing, so a repeated call returns 0.
func (s *Service) RevokeForApplication(ctx context.Context, actor *authz.Actor, applicationID int64, itemCode,
	reason string) (int, error) {
	if applicationID <= 0 {
		return 0, apperr.Invalid("application_id", "办件编号不正确")
	}
	if err := validReason(reason); err != nil {
		return 0, err
	}
	if err := authz.Check(actor, actManage, authz.Scope{}); err != nil {
		return 0, err
	}
	var n int
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		ids, err := currentFor(ctx, tx, actor.District, applicationID, strings.TrimSpace(itemCode))
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := s.revokeTx(ctx, tx, actor, id, strings.TrimSpace(reason)); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// revokeTx is Revoke's transition inside the caller's transaction.
func (s *Service) revokeTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, id int64, reason string) error {
	l, err := s.manageable(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	before := l.State
	if err := s.setStatus(ctx, tx, &l, StatusRevoked, reason); err != nil {
		return err
	}
	if err := auditTx(ctx, tx, actor, "license.licence.revoke", l.ID, before, l.State); err != nil {
		return err
	}
	return s.notifyHolder(ctx, tx, l, "您的电子证照《"+noticeName(l.Meta.Name)+"》状态已变更为："+verdictOf(l, "").Name()+"。")
}

// currentFor lists, locked for the transaction, the ids of an
// application's valid and suspended licences, of one item unless item is
// "". Superseded versions are left alone: their successor is the current
// licence.
func currentFor(ctx context.Context, tx *db.Tx, district string, applicationID int64, item string) ([]int64, error) {
	q := `SELECT id FROM licences WHERE district_code = ? AND application_id = ? AND status IN (?, ?)`
	args := []any{district, applicationID, StatusValid, StatusSuspended}
	if item != "" {
		q, args = q+` AND item_code = ?`, append(args, item)
	}
	rows, err := tx.Query(ctx, q+` ORDER BY id`+tx.Engine().ForUpdate(), args...)
	if err != nil {
		return nil, fmt.Errorf("license: licences of application %d: %w", applicationID, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("license: licences of application %d: %w", applicationID, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
