package supervision

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// proposalSelect reads a proposal with its task, the visit that made it
// and, for a registered entity, its public name (see registerApproval).
const proposalSelect = `SELECT p.id, p.district_code, p.application_id, p.task_id, p.department, p.status,
	p.decision_reason, p.decided_at, p.licences_revoked, p.claimed_until, p.created_at,
	t.application_no, t.item_code, t.item_name, t.entity_name, t.street_code, t.applicant_id, t.checklist,
	v.inspector_id, v.findings, v.checks, v.visited_at, COALESCE(a.entity_name, '')
	FROM revocation_proposals p JOIN inspection_tasks t ON t.id = p.task_id
	JOIN inspection_visits v ON v.task_id = p.task_id
	LEFT JOIN supervision_approvals a ON a.application_id = p.application_id`

// proposalOrder lists pending proposals first, oldest first (a work
// queue), then decided ones, newest first.
const proposalOrder = ` ORDER BY CASE WHEN p.status = 'proposed' THEN 0 ELSE 1 END,
	CASE WHEN p.status = 'proposed' THEN p.id ELSE -p.id END`

func scanProposal(r scanner) (Proposal, error) {
	var p Proposal
	var decided, claimed sql.NullTime
	var entity, public, checklist, checks string
	err := r.Scan(&p.ID, &p.District, &p.ApplicationID, &p.TaskID, &p.Department, &p.Status, &p.DecisionReason,
		&decided, &p.LicencesRevoked, &claimed, &p.CreatedAt, &p.ApplicationNo, &p.ItemCode, &p.ItemName, &entity,
		&p.Street, &p.applicantID, &checklist, &p.inspectorID, &p.Findings, &checks, &p.VisitedAt, &public)
	if err != nil {
		return p, err
	}
	p.DecidedAt, p.Claimed = decided.Time, claimed.Valid
	// A registered entity's public name has its persons masked already;
	// anything else may be a person's name (a sole trader's operator).
	p.Entity = public
	if p.Entity == "" {
		p.Entity = gm.MaskName(entity)
	}
	var items []string
	var results []bool
	if err := errors.Join(json.Unmarshal([]byte(checklist), &items), json.Unmarshal([]byte(checks), &results)); err != nil {
		return p, err
	}
	for i, it := range items {
		p.Checks = append(p.Checks, Checked{Item: it, Pass: i < len(results) && results[i]})
	}
	return p, nil
}

// loadProposal reads one proposal of the district.
func loadProposal(ctx context.Context, q querier, district string, id int64) (Proposal, error) {
	p, err := scanProposal(q.QueryRow(ctx, proposalSelect+` WHERE p.id = ? AND p.district_code = ?`, id, district))
	if errors.Is(err, sql.ErrNoRows) {
		return p, errNoProposal
	}
	if err != nil {
		return p, fmt.Errorf("supervision: proposal %d: %w", id, err)
	}
	return p, nil
}

// listProposals reads one page (and one more row, to tell whether a next
// page exists) of the district's proposals, of some departments only
// unless all.
func listProposals(ctx context.Context, q querier, district string, depts []string, all bool, offset int) ([]Proposal, error) {
	where, args := ` WHERE p.district_code = ?`, []any{district}
	if !all {
		if len(depts) == 0 {
			return []Proposal{}, nil
		}
		where += ` AND p.department IN (?` + strings.Repeat(", ?", len(depts)-1) + `)`
		for _, d := range depts {
			args = append(args, d)
		}
	}
	rows, err := q.Query(ctx, proposalSelect+where+proposalOrder+` LIMIT ? OFFSET ?`,
		append(args, ProposalPageSize+1, offset)...)
	if err != nil {
		return nil, fmt.Errorf("supervision: list proposals: %w", err)
	}
	defer rows.Close()
	out := []Proposal{}
	for rows.Next() {
		p, err := scanProposal(rows)
		if err != nil {
			return nil, fmt.Errorf("supervision: list proposals: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// proposalDepartments lists the departments the district's proposals
// went to.
func proposalDepartments(ctx context.Context, q querier, district string) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT department FROM revocation_proposals WHERE district_code = ?
		ORDER BY department`, district)
	if err != nil {
		return nil, fmt.Errorf("supervision: proposal departments: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, fmt.Errorf("supervision: proposal departments: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// claimProposal takes the lease of a pending proposal before its licences
// are revoked; it reports false when the proposal is decided, or another
// revocation holds a lease that has not lapsed.
func claimProposal(ctx context.Context, tx *db.Tx, id int64, lease time.Duration) (bool, error) {
	res, err := tx.Exec(ctx, `UPDATE revocation_proposals SET claimed_until = ?, updated_at = ?
		WHERE id = ? AND status = ? AND (claimed_until IS NULL OR claimed_until < ?)`,
		tx.Now().Add(lease), tx.Now(), id, ProposalPending, tx.Now())
	return affectedOne(res, err, "claim")
}

// releaseProposal drops the lease after a revocation failed (the licence
// module revoked nothing: its transaction rolled back).
func releaseProposal(ctx context.Context, tx *db.Tx, id int64) error {
	_, err := tx.Exec(ctx, `UPDATE revocation_proposals SET claimed_until = NULL, updated_at = ?
		WHERE id = ? AND status = ?`, tx.Now(), id, ProposalPending)
	if err != nil {
		return fmt.Errorf("supervision: release proposal %d: %w", id, err)
	}
	return nil
}

// settleProposal records a decision on a pending proposal and drops its
// lease. A rejection also needs the proposal unclaimed: a revocation
// under way, or interrupted after revoking, may not become a rejection.
// It reports false when the proposal was not in that state.
func settleProposal(ctx context.Context, tx *db.Tx, p Proposal, byID int64, reason string) (bool, error) {
	cond := ""
	if p.Status == ProposalRejected {
		cond = ` AND claimed_until IS NULL`
	}
	res, err := tx.Exec(ctx, `UPDATE revocation_proposals SET status = ?, decided_by = ?, decided_at = ?,
		decision_reason = ?, licences_revoked = ?, claimed_until = NULL, updated_at = ?
		WHERE id = ? AND status = ?`+cond, p.Status, byID, tx.Now(), reason, p.LicencesRevoked, tx.Now(), p.ID,
		ProposalPending)
	return affectedOne(res, err, "settle")
}

// affectedOne reports whether a conditional update changed its row.
func affectedOne(res sql.Result, err error, what string) (bool, error) {
	if err != nil {
		return false, fmt.Errorf("supervision: %s proposal: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("supervision: %s proposal: %w", what, err)
	}
	return n == 1, nil
}
