package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Relation is how a person stands to an enterprise.
type Relation string

// The relations.
const (
	RelationLegalRep Relation = "legal_rep" // 法定代表人
	RelationAgent    Relation = "agent"     // 经办人/代理人
)

// Name is the relation's Chinese name.
func (r Relation) Name() string {
	if r == RelationLegalRep {
		return "法定代表人"
	}
	return "经办人"
}

// Enterprise is a legal person known by its unified social credit code.
type Enterprise struct {
	ID         int64
	District   string
	CreditCode string
	Name       string
	// CreditWarning is set when the code failed its checksum and was
	// accepted as a possible pilot-era code; show it to the person.
	CreditWarning string
	CreatedAt     time.Time
}

// EnterpriseLink is an enterprise an account acts for, and how.
type EnterpriseLink struct {
	Enterprise Enterprise
	Relation   Relation
}

// RegisterEnterprise records an enterprise with the actor, a real-named
// resident, as its legal representative; the actor becomes an enterprise
// user. The credit code is checked (GB 32100): a malformed code is an
// invalid error on field credit_code; a code failing only its checksum is
// accepted and the warning returned in CreditWarning. An enterprise
// already registered in the district is a conflict: its legal
// representative adds agents with AddEnterpriseAgent.
func (s *Service) RegisterEnterprise(ctx context.Context, actor *authz.Actor, creditCode, name string) (Enterprise, error) {
	if err := authz.Check(actor, actRegisterEnterprise, selfOf(actor)); err != nil {
		return Enterprise{}, err
	}
	e, err := cleanEnterprise(creditCode, name)
	if err != nil {
		return Enterprise{}, err
	}
	acc, err := accountByID(ctx, s.d, s.d.Engine, actor.AccountID, false)
	if err != nil {
		return Enterprise{}, err
	}
	if !acc.idNumberEnc.Valid {
		return Enterprise{}, apperr.Forbidden(msgRealNameFirst)
	}
	e.District = acc.district
	err = s.d.InTx(ctx, func(tx *db.Tx) error {
		e.CreatedAt = tx.Now()
		id, err := insertEnterprise(ctx, tx, e, acc.id)
		if err != nil {
			return err
		}
		e.ID = id
		if err := linkEnterprise(ctx, tx, e.ID, acc.id, RelationLegalRep); err != nil {
			return err
		}
		return s.auditEnterprise(ctx, tx, actor, "identity.enterprise.register", e.ID, nil, e)
	})
	if err != nil {
		return Enterprise{}, err
	}
	return e, nil
}

// cleanEnterprise validates a credit code and a name.
func cleanEnterprise(creditCode, name string) (Enterprise, error) {
	if len(creditCode) > maxCreditInputLen {
		return Enterprise{}, apperr.Invalid("credit_code", "统一社会信用代码应为18位")
	}
	r, err := check.CreditCode(creditCode)
	if err != nil {
		return Enterprise{}, apperr.Invalid("credit_code", err.Error())
	}
	name, err = cleanName("name", name, msgEnterpriseName, msgEnterpriseLong)
	if err != nil {
		return Enterprise{}, err
	}
	return Enterprise{CreditCode: r.Normalized, Name: name, CreditWarning: r.Warning}, nil
}

func insertEnterprise(ctx context.Context, tx *db.Tx, e Enterprise, by int64) (int64, error) {
	id, err := tx.InsertID(ctx, `INSERT INTO enterprises (district, credit_code, name, credit_warning,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.District, e.CreditCode, e.Name, e.CreditWarning, by, tx.Now(), tx.Now())
	if db.IsUniqueViolation(err) {
		return 0, &apperr.Error{Code: apperr.CodeConflict, Message: msgEnterpriseTaken,
			Fields: map[string]string{"credit_code": msgEnterpriseTaken}}
	}
	if err != nil {
		return 0, fmt.Errorf("identity: register enterprise: %w", err)
	}
	return id, nil
}

// linkEnterprise links an account to an enterprise and makes it an
// enterprise user.
func linkEnterprise(ctx context.Context, tx *db.Tx, enterpriseID, accountID int64, rel Relation) error {
	_, err := tx.Exec(ctx, `INSERT INTO enterprise_links (enterprise_id, account_id, relation, created_at)
		VALUES (?, ?, ?, ?)`, enterpriseID, accountID, rel, tx.Now())
	if db.IsUniqueViolation(err) {
		return apperr.Conflict(msgAgentExists)
	}
	if err != nil {
		return fmt.Errorf("identity: link enterprise: %w", err)
	}
	return setPublicKind(ctx, tx, accountID, authz.KindEnterprise)
}

func (s *Service) auditEnterprise(ctx context.Context, tx *db.Tx, actor *authz.Actor, action string, id int64, before, after any) error {
	err := audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: action, ObjectType: "enterprise",
		ObjectID: strconv.FormatInt(id, 10), Before: before, After: after})
	if err != nil {
		return fmt.Errorf("identity: %s: %w", action, err)
	}
	return nil
}

// relationOf returns how account stands to enterprise; found is false
// when it has no link.
func relationOf(ctx context.Context, q querier, enterpriseID, accountID int64) (rel Relation, found bool, err error) {
	err = q.QueryRow(ctx, `SELECT relation FROM enterprise_links WHERE enterprise_id = ? AND account_id = ?`,
		enterpriseID, accountID).Scan(&rel)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("identity: enterprise link: %w", err)
	}
	return rel, true, nil
}

// ActsFor tells other modules whether the actor may act for an enterprise
// (as its legal representative or an agent) and how; forbidden otherwise.
func (s *Service) ActsFor(ctx context.Context, actor *authz.Actor, enterpriseID int64) (Relation, error) {
	if err := authz.Check(actor, actActFor, selfOf(actor)); err != nil {
		return "", err
	}
	rel, found, err := relationOf(ctx, s.d, enterpriseID, actor.AccountID)
	if err != nil {
		return "", err
	}
	if !found {
		return "", apperr.Forbidden(msgNotLinked)
	}
	return rel, nil
}

// MyEnterprises lists the enterprises the actor acts for.
func (s *Service) MyEnterprises(ctx context.Context, actor *authz.Actor) ([]EnterpriseLink, error) {
	if err := authz.Check(actor, actOwnAccount, authz.Scope{}); err != nil {
		return nil, err
	}
	return s.EnterprisesOf(ctx, actor.AccountID)
}

// EnterprisesOf lists the enterprises an account acts for. It checks no
// permission: other modules call it for an account they already concern
// (e.g. the applicant of an approved application, to name the licence's
// holder).
func (s *Service) EnterprisesOf(ctx context.Context, accountID int64) ([]EnterpriseLink, error) {
	rows, err := s.d.Query(ctx, `SELECT e.id, e.district, e.credit_code, e.name, e.credit_warning, e.created_at, l.relation
		FROM enterprise_links l JOIN enterprises e ON e.id = l.enterprise_id
		WHERE l.account_id = ? ORDER BY e.name, e.id`, accountID)
	if err != nil {
		return nil, fmt.Errorf("identity: enterprises of account: %w", err)
	}
	defer rows.Close()
	out := []EnterpriseLink{}
	for rows.Next() {
		var l EnterpriseLink
		e := &l.Enterprise
		if err := rows.Scan(&e.ID, &e.District, &e.CreditCode, &e.Name, &e.CreditWarning, &e.CreatedAt, &l.Relation); err != nil {
			return nil, fmt.Errorf("identity: enterprises of account: %w", err)
		}
		e.CreatedAt = e.CreatedAt.UTC()
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("identity: enterprises of account: %w", err)
	}
	return out, nil
}
