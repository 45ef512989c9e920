package approval

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Encryption and blind-index contexts of the module's personal data.
const (
	ctxForm      = "applications.form"
	ctxPartyName = "application_parties.name"
	ctxPartyCode = "application_parties.code"
)

// querier is what reads need: the database or a transaction.
type querier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const appColumns = `id, district, number, item_code, item_version, item_name, bundle, applicant_id,
	applicant_kind, agent_id, state, form, use_commitment, credit_outcome, claimed_by, accepted_at,
	accepted_by, accepted_point, acceptance_no, legal_days, promised_days, decided_at, decision,
	decision_no, decision_reason, sla_flag, revision, created_at, submitted_at, updated_at`

// appRow holds the nullable columns while scanning.
type appRow struct {
	number, acceptanceNo, decisionNo   sql.NullString
	agentID, claimedBy, acceptedBy     sql.NullInt64
	acceptedAt, decidedAt, submittedAt sql.NullTime
	bundle, form                       string
}

// loadApp reads one application and decrypts its form. forUpdate locks the
// row on PostgreSQL inside a transaction.
func (s *Service) loadApp(ctx context.Context, q querier, id int64, lock string) (Application, error) {
	var a Application
	var r appRow
	err := q.QueryRow(ctx, `SELECT `+appColumns+` FROM applications WHERE id = ?`+lock, id).Scan(
		&a.ID, &a.District, &r.number, &a.ItemCode, &a.ItemVersion, &a.ItemName, &r.bundle, &a.ApplicantID,
		&a.ApplicantKind, &r.agentID, &a.State, &r.form, &a.UseCommitment, &a.CreditOutcome, &r.claimedBy,
		&r.acceptedAt, &r.acceptedBy, &a.AcceptedPoint, &r.acceptanceNo, &a.LegalDays, &a.PromisedDays,
		&r.decidedAt, &a.Decision, &r.decisionNo, &a.Reason, &a.SLAFlag, &a.Revision, &a.CreatedAt, &r.submittedAt, &a.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Application{}, apperr.NotFound("办件不存在")
	}
	if err != nil {
		return Application{}, fmt.Errorf("approval: load %d: %w", id, err)
	}
	a.Number, a.AcceptanceNo, a.DecisionNo = r.number.String, r.acceptanceNo.String, r.decisionNo.String
	a.AgentID, a.ClaimedBy, a.AcceptedBy = r.agentID.Int64, r.claimedBy.Int64, r.acceptedBy.Int64
	a.AcceptedAt, a.DecidedAt, a.SubmittedAt = r.acceptedAt.Time, r.decidedAt.Time, r.submittedAt.Time
	a.Bundle = parseBundle(r.bundle)
	if a.Form, err = s.openForm(r.form); err != nil {
		return Application{}, err
	}
	if a.Parties, err = s.loadParties(ctx, q, a.ID); err != nil {
		return Application{}, err
	}
	return a, nil
}

// sealForm encrypts the form values.
func (s *Service) sealForm(form map[string]any) (string, error) {
	if form == nil {
		form = map[string]any{}
	}
	raw, err := json.Marshal(form)
	if err != nil {
		return "", fmt.Errorf("approval: encode form: %w", err)
	}
	enc, err := s.Keys.Encrypt(ctxForm, raw)
	if err != nil {
		return "", fmt.Errorf("approval: encrypt form: %w", err)
	}
	return enc, nil
}

// openForm decrypts the form values.
func (s *Service) openForm(enc string) (map[string]any, error) {
	raw, err := s.Keys.Decrypt(ctxForm, enc)
	if err != nil {
		return nil, fmt.Errorf("approval: decrypt form: %w", err)
	}
	form := map[string]any{}
	if err := json.Unmarshal(raw, &form); err != nil {
		return nil, fmt.Errorf("approval: decode form: %w", err)
	}
	return form, nil
}

// formatBundle writes bundle items as ",code:version,…," for LIKE queries.
func formatBundle(refs []ItemRef) string {
	if len(refs) == 0 {
		return ""
	}
	var b strings.Builder
	for _, r := range refs {
		fmt.Fprintf(&b, ",%s:%d", r.Code, r.Version)
	}
	return b.String() + ","
}

// parseBundle reads formatBundle's output.
func parseBundle(s string) []ItemRef {
	var out []ItemRef
	for _, part := range strings.Split(strings.Trim(s, ","), ",") {
		code, v, ok := strings.Cut(part, ":")
		if !ok {
			continue
		}
		var n int
		fmt.Sscanf(v, "%d", &n)
		out = append(out, ItemRef{Code: code, Version: n})
	}
	return out
}

// bump moves an application to a new state (or keeps it, for edits) when
// its revision is still the one the caller read: a concurrent change
// makes the second writer fail with a conflict instead of overwriting.
func bump(ctx context.Context, tx *db.Tx, a *Application, to State, set string, args ...any) error {
	q := `UPDATE applications SET state = ?, revision = revision + 1, updated_at = ?`
	if set != "" {
		q += ", " + set
	}
	q += ` WHERE id = ? AND revision = ?`
	all := append([]any{to, tx.Now()}, args...)
	res, err := tx.Exec(ctx, q, append(all, a.ID, a.Revision)...)
	if err != nil {
		return fmt.Errorf("approval: update %d: %w", a.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperr.Conflict("办件已被他人更新，请刷新后重试")
	}
	a.State, a.Revision, a.UpdatedAt = to, a.Revision+1, tx.Now()
	return nil
}

// dayOf formats a time as the CST date used in numbers.
func dayOf(t time.Time) string { return t.In(cst).Format("20060102") }

var cst = time.FixedZone("CST", 8*3600)
