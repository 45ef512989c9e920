package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// agentState is what the audit log digests of an agent link.
type agentState struct {
	AccountID int64    `json:"account_id"`
	Relation  Relation `json:"relation"`
}

// AddEnterpriseAgent lets an enterprise's legal representative name an
// agent (经办人) by mobile number; the agent must have signed in once. The
// agent becomes an enterprise user acting for this enterprise.
func (s *Service) AddEnterpriseAgent(ctx context.Context, actor *authz.Actor, enterpriseID int64, phone string) error {
	if err := s.checkLegalRep(ctx, actor, enterpriseID); err != nil {
		return err
	}
	p, err := cleanPhone(phone)
	if err != nil {
		return err
	}
	agentID, err := s.publicAccountID(ctx, actor.District, p)
	if err != nil {
		return err
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		if err := linkEnterprise(ctx, tx, enterpriseID, agentID, RelationAgent); err != nil {
			return err
		}
		return s.auditEnterprise(ctx, tx, actor, "identity.enterprise.agent_add", enterpriseID, nil,
			agentState{AccountID: agentID, Relation: RelationAgent})
	})
}

// RemoveEnterpriseAgent lets the legal representative remove an agent. An
// account left acting for no enterprise becomes a plain resident again.
func (s *Service) RemoveEnterpriseAgent(ctx context.Context, actor *authz.Actor, enterpriseID, agentID int64) error {
	if err := s.checkLegalRep(ctx, actor, enterpriseID); err != nil {
		return err
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM enterprise_links WHERE enterprise_id = ? AND account_id = ?
			AND relation = ?`, enterpriseID, agentID, RelationAgent)
		if err := oneRow(res, err, msgAgentMissing); err != nil {
			if apperr.CodeOf(err) == apperr.CodeConflict {
				return apperr.NotFound(msgAgentMissing)
			}
			return err
		}
		var left int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM enterprise_links WHERE account_id = ?`, agentID).Scan(&left); err != nil {
			return fmt.Errorf("identity: remove agent: %w", err)
		}
		if left == 0 {
			if err := setPublicKind(ctx, tx, agentID, authz.KindResident); err != nil {
				return err
			}
		}
		return s.auditEnterprise(ctx, tx, actor, "identity.enterprise.agent_remove", enterpriseID,
			agentState{AccountID: agentID, Relation: RelationAgent}, nil)
	})
}

// checkLegalRep allows only the enterprise's legal representative.
func (s *Service) checkLegalRep(ctx context.Context, actor *authz.Actor, enterpriseID int64) error {
	if err := authz.Check(actor, actManageAgents, selfOf(actor)); err != nil {
		return err
	}
	rel, found, err := relationOf(ctx, s.d, enterpriseID, actor.AccountID)
	switch {
	case err != nil:
		return err
	case !found:
		return apperr.Forbidden(msgNotLinked)
	case rel != RelationLegalRep:
		return apperr.Forbidden(msgNotLegalRep)
	}
	return nil
}

// publicAccountID finds the public account of a phone number.
func (s *Service) publicAccountID(ctx context.Context, district, phone string) (int64, error) {
	in, args := s.indexesSQL(ctxPhone, phone)
	var id int64
	err := s.d.QueryRow(ctx, `SELECT id FROM accounts WHERE district = ? AND kind <> 'staff'
		AND phone_index IN (`+in+`)`, append([]any{district}, args...)...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, apperr.NotFound(msgAgentUnknown)
	}
	if err != nil {
		return 0, fmt.Errorf("identity: find account by phone: %w", err)
	}
	return id, nil
}
