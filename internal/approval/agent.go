package approval

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Agency is an applicant's request for, and authorisation of, a named
// agent (代办) for one item.
type Agency struct {
	ID          int64     `json:"id"`
	ApplicantID int64     `json:"applicant_id"`
	ItemCode    string    `json:"item_code"`
	Note        string    `json:"note,omitempty"`
	AgentID     int64     `json:"agent_id,omitempty"`
	EvidenceID  string    `json:"evidence_id,omitempty"`
	RequestedAt time.Time `json:"requested_at"`
	GrantedAt   time.Time `json:"granted_at,omitzero"`
	RevokedAt   time.Time `json:"revoked_at,omitzero"`
}

// maxNoteLen bounds the applicant's request note.
const maxNoteLen = 300

// RequestAgent asks for an agent for an item that offers 代办.
func (s *Service) RequestAgent(ctx context.Context, actor *authz.Actor, itemCode, note string) (Agency, error) {
	if err := authz.Check(actor, actApply, self(actor)); err != nil {
		return Agency{}, err
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > maxNoteLen {
		return Agency{}, apperr.Invalid("note", "说明不能超过300字")
	}
	v, err := s.Catalog.Get(ctx, itemCode)
	if err != nil {
		return Agency{}, err
	}
	if !v.Item.Agent {
		return Agency{}, apperr.Invalid("item_code", "该事项不提供代办服务")
	}
	ag := Agency{ApplicantID: actor.AccountID, ItemCode: itemCode, Note: note}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		ag.RequestedAt = tx.Now()
		ag.ID, err = tx.InsertID(ctx, `INSERT INTO approval_agents (district, applicant_id, item_code, note, requested_at)
			VALUES (?, ?, ?, ?, ?)`, actor.District, actor.AccountID, itemCode, note, ag.RequestedAt)
		return err
	})
	return ag, err
}

// AssignAgent names the agent of a request: a front-desk worker takes it
// on themself or names a colleague who holds the agent role.
func (s *Service) AssignAgent(ctx context.Context, actor *authz.Actor, id, agentID int64) error {
	if err := authz.Check(actor, actAgent, authz.Scope{}); err != nil {
		return err
	}
	if agentID <= 0 {
		return apperr.Invalid("agent_id", "请选择代办员")
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE approval_agents SET agent_id = ?, assigned_at = ?
			WHERE id = ? AND district = ? AND granted_at IS NULL AND revoked_at IS NULL`, agentID, tx.Now(), id, actor.District)
		if err != nil {
			return fmt.Errorf("approval: assign agent: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.Conflict("该代办申请已授权、已撤销或不存在")
		}
		return nil
	})
}

// Authorise has the applicant sign the authorisation letter for the named
// agent, after the carrier real-name check (for purpose "agency:<id>");
// from then the agent may file that item for them.
func (s *Service) Authorise(ctx context.Context, actor *authz.Actor, id int64) (Agency, error) {
	purpose := fmt.Sprintf("agency:%d", id)
	if err := authz.Check(actor, actApply, self(actor)); err != nil {
		return Agency{}, err
	}
	if ag, err := loadAgency(ctx, s.DB, id, ""); err != nil || ag.ApplicantID != actor.AccountID {
		return Agency{}, apperr.NotFound("代办申请不存在")
	}
	verified, err := s.Gates.Identity.Require(ctx, actor.AccountID, purpose, LevelCarrier)
	if err != nil {
		return Agency{}, err
	}
	verification := verified.ID
	var out Agency
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		ag, err := loadAgency(ctx, tx, id, tx.Engine().ForUpdate())
		if err != nil || ag.ApplicantID != actor.AccountID || !actor.May(actApply, self(actor)) {
			return apperr.NotFound("代办申请不存在")
		}
		if ag.AgentID == 0 || !ag.GrantedAt.IsZero() || !ag.RevokedAt.IsZero() {
			return apperr.Conflict("尚未指定代办员，或已授权、已撤销")
		}
		name, err := s.Gates.Identity.Consume(ctx, tx, actor.AccountID, verification, purpose, LevelCarrier)
		if err != nil {
			return err
		}
		letter := fmt.Sprintf("授权委托书\n委托人账号 %d 委托代办员账号 %d 代为办理事项 %s 的申请、补正和领取。", ag.ApplicantID, ag.AgentID, ag.ItemCode)
		ev, err := s.Gates.Signer.Sign(ctx, tx, SignDoc{Kind: "authorization", Ref: purpose, Body: []byte(letter),
			AccountID: actor.AccountID, SignerName: name, Level: LevelCarrier, VerificationID: verification})
		if err != nil {
			return fmt.Errorf("approval: sign authorisation: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE approval_agents SET evidence_id = ?, granted_at = ? WHERE id = ?`, ev, tx.Now(), ag.ID); err != nil {
			return fmt.Errorf("approval: authorise: %w", err)
		}
		ag.EvidenceID, ag.GrantedAt = ev, tx.Now()
		out = ag
		return nil
	})
	return out, err
}

// Revoke ends an authorisation; the agent can no longer file or edit.
func (s *Service) Revoke(ctx context.Context, actor *authz.Actor, id int64) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE approval_agents SET revoked_at = ? WHERE id = ? AND applicant_id = ? AND district = ? AND revoked_at IS NULL`,
			tx.Now(), id, actor.AccountID, actor.District)
		if err != nil {
			return fmt.Errorf("approval: revoke: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.NotFound("代办授权不存在")
		}
		return nil
	})
}

// CreateDraftFor starts an application as the applicant's authorised agent.
func (s *Service) CreateDraftFor(ctx context.Context, actor *authz.Actor, agencyID int64, withBundle bool) (Filed, error) {
	if err := authz.Check(actor, actAgent, authz.Scope{}); err != nil {
		return Filed{}, err
	}
	ag, err := loadAgency(ctx, s.DB, agencyID, "")
	if err != nil || ag.AgentID != actor.AccountID {
		return Filed{}, apperr.NotFound("代办授权不存在")
	}
	if ag.GrantedAt.IsZero() || !ag.RevokedAt.IsZero() {
		return Filed{}, apperr.Forbidden("申请人尚未授权或已撤销授权")
	}
	applicant := &authz.Actor{AccountID: ag.ApplicantID, Kind: authz.KindResident, District: actor.District,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(ag.ApplicantID)}}}
	return s.createDraft(ctx, applicant, actor, ag.ItemCode, withBundle)
}

// authorised reports whether agent holds a standing authorisation of the
// applicant for the item.
func (s *Service) authorised(ctx context.Context, q querier, applicant, agent int64, item string) (bool, error) {
	_, err := s.authorisationIn(ctx, q, applicant, agent, item)
	if apperr.CodeOf(err) == apperr.CodeForbidden {
		return false, nil
	}
	return err == nil, err
}

// authorisationOf returns the evidence id of the standing authorisation.
func (s *Service) authorisationOf(ctx context.Context, applicant, agent int64, item string) (string, error) {
	return s.authorisationIn(ctx, s.DB, applicant, agent, item)
}

func (s *Service) authorisationIn(ctx context.Context, q querier, applicant, agent int64, item string) (string, error) {
	var ev string
	err := q.QueryRow(ctx, `SELECT evidence_id FROM approval_agents WHERE applicant_id = ? AND agent_id = ? AND item_code = ?
		AND granted_at IS NOT NULL AND revoked_at IS NULL ORDER BY id DESC LIMIT 1`, applicant, agent, item).Scan(&ev)
	if errors.Is(err, sql.ErrNoRows) {
		return "", apperr.Forbidden("申请人的代办授权已撤销或不存在")
	}
	if err != nil {
		return "", fmt.Errorf("approval: authorisation: %w", err)
	}
	return "authorisation:" + ev, nil
}

// loadAgency reads one agency row.
func loadAgency(ctx context.Context, q querier, id int64, lock string) (Agency, error) {
	var ag Agency
	var agent sql.NullInt64
	var granted, revoked sql.NullTime
	err := q.QueryRow(ctx, `SELECT id, applicant_id, item_code, note, agent_id, evidence_id, requested_at, granted_at, revoked_at
		FROM approval_agents WHERE id = ?`+lock, id).Scan(&ag.ID, &ag.ApplicantID, &ag.ItemCode, &ag.Note, &agent,
		&ag.EvidenceID, &ag.RequestedAt, &granted, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return Agency{}, apperr.NotFound("代办申请不存在")
	}
	ag.AgentID, ag.GrantedAt, ag.RevokedAt = agent.Int64, granted.Time, revoked.Time
	return ag, err
}

// Filing lists the applications the actor files as an agent.
func (s *Service) Filing(ctx context.Context, actor *authz.Actor, p Page) ([]Summary, error) {
	if err := authz.Check(actor, actAgent, authz.Scope{}); err != nil {
		return nil, err
	}
	p = p.normal()
	return s.summaries(ctx, `SELECT `+summaryColumns+` FROM applications WHERE district = ? AND agent_id = ?
		ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`, actor.District, actor.AccountID, p.Limit, p.Offset)
}

// Agencies lists agent requests: the applicant's own, or, for front desks,
// the district's requests still waiting for an agent or authorisation.
func (s *Service) Agencies(ctx context.Context, actor *authz.Actor) ([]Agency, error) {
	var q string
	var args []any
	switch {
	case actor.May(actAgent, authz.Scope{}):
		q, args = `district = ? AND revoked_at IS NULL AND (granted_at IS NULL OR agent_id = ?)`, []any{actor.District, actor.AccountID}
	case actor.May(actApply, self(actor)):
		q, args = `district = ? AND applicant_id = ?`, []any{actor.District, actor.AccountID}
	default:
		return nil, authz.Check(actor, actApply, self(actor))
	}
	rows, err := s.DB.Query(ctx, `SELECT id FROM approval_agents WHERE `+q+` ORDER BY id DESC LIMIT 200`, args...)
	if err != nil {
		return nil, fmt.Errorf("approval: agencies: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := []Agency{}
	for _, id := range ids {
		ag, err := loadAgency(ctx, s.DB, id, "")
		if err != nil {
			return nil, err
		}
		out = append(out, ag)
	}
	return out, nil
}
