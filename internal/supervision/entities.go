package supervision

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// The public register (双公示, 双随机一公开): what the district publishes of
// an entity's approvals and inspections. Only entities with a unified
// social credit code are published; a natural person's approvals and
// inspections never are, and no page names a person — not the inspector,
// not the applicant, not a sole trader whose shop bears their name (see
// publicName). Findings and photos are not published either: they may
// describe people.

// Entity is an entity's public page.
type Entity struct {
	CreditCode  string             `json:"credit_code"`
	Name        string             `json:"name"`
	Approvals   []PublicApproval   `json:"approvals"`
	Inspections []PublicInspection `json:"inspections"`
}

// PublicApproval is one approval as published.
type PublicApproval struct {
	DecisionNo string `json:"decision_no"`
	Items      string `json:"items"`
	Department string `json:"department"`
	DecidedOn  string `json:"decided_on"`
}

// PublicInspection is one visit's outcome as published.
type PublicInspection struct {
	VisitedOn   string `json:"visited_on"`
	Street      string `json:"street"`
	Kind        string `json:"kind"`
	Item        string `json:"item"`
	Outcome     string `json:"outcome"`
	OutcomeName string `json:"outcome_name"`
	RectifyBy   string `json:"rectify_by,omitempty"`
}

// maxPublicRows bounds each list of a public page, newest first.
const maxPublicRows = 200

// registerApproval adds an approved application of an entity to the
// public register, once.
func registerApproval(ctx context.Context, tx *db.Tx, f approval.Filed) error {
	code, name := publicSubject(f)
	if code == "" {
		return nil
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM supervision_approvals WHERE application_id = ?`, f.ID).
		Scan(&n); err != nil || n > 0 {
		return err
	}
	var items []string
	var dept string
	for i, v := range f.Items {
		items = append(items, v.Item.Name)
		if i == 0 {
			dept = v.Item.Department
		}
	}
	_, err := tx.Exec(ctx, `INSERT INTO supervision_approvals (district_code, application_id, credit_code,
		entity_name, item_names, department, decision_no, decided_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.District, f.ID, code, name, strings.Join(items, "、"), dept, f.DecisionNo,
		f.DecidedAt.In(chinaTime).Format(time.DateOnly), tx.Now())
	if err != nil {
		return fmt.Errorf("supervision: public register: %w", err)
	}
	return nil
}

// publicSubject is the entity an application publishes under: its
// normalised credit code and public name; "" for a natural person.
func publicSubject(f approval.Filed) (code, name string) {
	kind, code, name := subjectOf(f)
	r, err := check.CreditCode(code)
	if kind != credit.Entity || err != nil {
		return "", ""
	}
	return r.Normalized, publicName(name, personNames(f))
}

// personNames lists the natural persons an application names.
func personNames(f approval.Filed) []string {
	var out []string
	for _, p := range f.Parties {
		if p.SubjectKind != "entity" && p.Name != "" {
			out = append(out, p.Name)
		}
	}
	if v, ok := f.Form["legal_rep"].(string); ok && strings.TrimSpace(v) != "" {
		out = append(out, strings.TrimSpace(v))
	}
	return out
}

// publicName masks every person's name inside an entity's name (a sole
// trader's shop may be named after its operator) with one * per
// character.
func publicName(name string, persons []string) string {
	for _, p := range persons {
		if utf8.RuneCountInString(p) >= 2 {
			name = strings.ReplaceAll(name, p, strings.Repeat("*", utf8.RuneCountInString(p)))
		}
	}
	return name
}
