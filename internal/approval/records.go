package approval

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Number kinds and the forms of the numbers they give.
const (
	numApplication = "application" // 320113-20261128-000123
	numAcceptance  = "acceptance"  // 栖受〔2026〕1128-0001号
	numDecision    = "decision"    // 栖审决〔2026〕1128-0001号
	numRejection   = "rejection"   // 不受〔2026〕1128-0001号
)

// nextNumber returns the next number of a kind for the district and day,
// counted in the database so every node agrees.
func nextNumber(ctx context.Context, tx *db.Tx, district, kind string) (string, error) {
	now := tx.Now()
	day := dayOf(now)
	var n int
	err := tx.QueryRow(ctx, `INSERT INTO approval_counters (district, kind, day, n) VALUES (?, ?, ?, 1)
		ON CONFLICT (district, kind, day) DO UPDATE SET n = approval_counters.n + 1 RETURNING n`,
		district, kind, day).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("approval: next %s number: %w", kind, err)
	}
	switch kind {
	case numApplication:
		return fmt.Sprintf("%s-%s-%06d", district, day, n), nil
	case numAcceptance:
		return fmt.Sprintf("受〔%s〕%s-%04d号", day[:4], day[4:], n), nil
	case numRejection:
		return fmt.Sprintf("不受〔%s〕%s-%04d号", day[:4], day[4:], n), nil
	default:
		return fmt.Sprintf("审决〔%s〕%s-%04d号", day[:4], day[4:], n), nil
	}
}

// Event is one entry of an application's timeline.
type Event struct {
	At        string `json:"at"`
	ActorName string `json:"actor_name"`
	Kind      string `json:"kind"`
	From      State  `json:"from_state"`
	To        State  `json:"to_state"`
	Note      string `json:"note,omitempty"`
	Internal  bool   `json:"internal,omitempty"`
}

// addEvent records a change on the timeline in tx.
func addEvent(ctx context.Context, tx *db.Tx, a *Application, actor *authz.Actor, kind string, from State, note string, internal bool) error {
	_, err := tx.Exec(ctx, `INSERT INTO application_events
		(application_id, at, actor_id, actor_kind, actor_name, kind, from_state, to_state, note, internal)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, tx.Now(), actor.AccountID, actor.Kind, actor.Name, kind, from, a.State, note, internal)
	if err != nil {
		return fmt.Errorf("approval: event %s on %d: %w", kind, a.ID, err)
	}
	return nil
}

// saveParties replaces the related persons of a draft.
func (s *Service) saveParties(ctx context.Context, tx *db.Tx, appID int64, parties []Party) error {
	if _, err := tx.Exec(ctx, `DELETE FROM application_parties WHERE application_id = ?`, appID); err != nil {
		return fmt.Errorf("approval: clear parties: %w", err)
	}
	for i, p := range parties {
		name, err := s.Keys.Encrypt(ctxPartyName, []byte(p.Name))
		if err != nil {
			return fmt.Errorf("approval: encrypt party: %w", err)
		}
		code, err := s.Keys.Encrypt(ctxPartyCode, []byte(p.Code))
		if err != nil {
			return fmt.Errorf("approval: encrypt party: %w", err)
		}
		_, err = tx.Exec(ctx, `INSERT INTO application_parties
			(application_id, seq, role, subject_kind, name_enc, code_enc, code_index) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			appID, i+1, p.Role, p.SubjectKind, name, code, s.Index.BlindIndex(ctxPartyCode, p.Code))
		if err != nil {
			return fmt.Errorf("approval: save party: %w", err)
		}
	}
	return nil
}

// loadParties reads and decrypts the related persons of an application.
func (s *Service) loadParties(ctx context.Context, q querier, appID int64) ([]Party, error) {
	rows, err := q.Query(ctx, `SELECT role, subject_kind, name_enc, code_enc FROM application_parties
		WHERE application_id = ? ORDER BY seq`, appID)
	if err != nil {
		return nil, fmt.Errorf("approval: parties: %w", err)
	}
	defer rows.Close()
	out := []Party{}
	for rows.Next() {
		var p Party
		var name, code string
		if err := rows.Scan(&p.Role, &p.SubjectKind, &name, &code); err != nil {
			return nil, fmt.Errorf("approval: parties: %w", err)
		}
		if p.Name, err = s.decrypt(ctxPartyName, name); err != nil {
			return nil, err
		}
		if p.Code, err = s.decrypt(ctxPartyCode, code); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// decrypt opens one sealed text value.
func (s *Service) decrypt(context, enc string) (string, error) {
	raw, err := s.Keys.Decrypt(context, enc)
	if err != nil {
		return "", fmt.Errorf("approval: decrypt %s: %w", context, err)
	}
	return string(raw), nil
}

// Masked returns the party as shown to people who need not see the whole
// ID number: 320113********123X, names as 王*.
func (p Party) Masked() Party {
	if p.SubjectKind == "person" {
		p.Code, p.Name = gm.MaskIDNumber(p.Code), gm.MaskName(p.Name)
	}
	return p
}
