package workorder

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

const catalogueSelect = `SELECT id, district_code, version, state, note, created_at, published_at
	FROM workorder_dispatch_catalogues`

func scanCatalogue(r interface{ Scan(...any) error }) (Catalogue, error) {
	var c Catalogue
	var pub sql.NullTime
	err := r.Scan(&c.ID, &c.District, &c.Version, &c.State, &c.Note, &c.CreatedAt, &pub)
	c.CreatedAt, c.PublishedAt = c.CreatedAt.UTC(), utcPtr(pub)
	return c, err
}

// catalogueWhere reads one catalogue version row; found is false when
// there is none.
func catalogueWhere(ctx context.Context, q querier, where string, args ...any) (Catalogue, bool, error) {
	c, err := scanCatalogue(q.QueryRow(ctx, catalogueSelect+` WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Catalogue{}, false, nil
	}
	if err != nil {
		return Catalogue{}, false, fmt.Errorf("workorder: read dispatch catalogue: %w", err)
	}
	return c, true, nil
}

// catalogueVersions lists the district's versions, newest first.
func catalogueVersions(ctx context.Context, q querier, district string) ([]Catalogue, error) {
	rows, err := q.Query(ctx, catalogueSelect+` WHERE district_code = ? ORDER BY version DESC`, district)
	if err != nil {
		return nil, fmt.Errorf("workorder: list dispatch catalogues: %w", err)
	}
	defer rows.Close()
	var out []Catalogue
	for rows.Next() {
		c, err := scanCatalogue(rows)
		if err != nil {
			return nil, fmt.Errorf("workorder: list dispatch catalogues: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// rulesOf reads a catalogue's rules in order.
func rulesOf(ctx context.Context, q querier, catalogueID int64) ([]Rule, error) {
	rows, err := q.Query(ctx, `SELECT id, category_code, place_code, unit_kind, unit_code, team, mode, assist_units,
		push_down, note FROM workorder_dispatch_rules WHERE catalogue_id = ? ORDER BY position`, catalogueID)
	if err != nil {
		return nil, fmt.Errorf("workorder: read dispatch rules: %w", err)
	}
	defer rows.Close()
	out := []Rule{}
	for rows.Next() {
		var r Rule
		var assists string
		if err := rows.Scan(&r.ID, &r.Category, &r.Place, &r.Unit.Kind, &r.Unit.Code, &r.Unit.Team, &r.Mode, &assists,
			&r.PushDown, &r.Note); err != nil {
			return nil, fmt.Errorf("workorder: read dispatch rules: %w", err)
		}
		if err := json.Unmarshal([]byte(assists), &r.Assists); err != nil {
			return nil, fmt.Errorf("workorder: assist units of rule %d: %w", r.ID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// newCatalogueVersion inserts an empty draft numbered after the latest.
func newCatalogueVersion(ctx context.Context, tx *db.Tx, district string, by int64) (Catalogue, error) {
	var last int
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM workorder_dispatch_catalogues
		WHERE district_code = ?`, district).Scan(&last); err != nil {
		return Catalogue{}, fmt.Errorf("workorder: next catalogue version: %w", err)
	}
	c := Catalogue{District: district, Version: last + 1, State: TreeDraft, CreatedAt: tx.Now()}
	var err error
	c.ID, err = tx.InsertID(ctx, `INSERT INTO workorder_dispatch_catalogues (district_code, version, state, created_at,
		created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)`, district, c.Version, TreeDraft, tx.Now(), by, tx.Now())
	if err != nil {
		return Catalogue{}, fmt.Errorf("workorder: new catalogue version: %w", err)
	}
	return c, nil
}

// replaceRules writes rules as the whole content of a draft.
func replaceRules(ctx context.Context, tx *db.Tx, catalogueID int64, rules []Rule) error {
	if _, err := tx.Exec(ctx, `DELETE FROM workorder_dispatch_rules WHERE catalogue_id = ?`, catalogueID); err != nil {
		return fmt.Errorf("workorder: clear draft rules: %w", err)
	}
	for i, r := range rules {
		assists, err := json.Marshal(nonNilUnits(r.Assists))
		if err != nil {
			return fmt.Errorf("workorder: assist units: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO workorder_dispatch_rules (catalogue_id, position, category_code,
			place_code, unit_kind, unit_code, team, mode, assist_units, push_down, note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, catalogueID, i, r.Category, r.Place, r.Unit.Kind, r.Unit.Code,
			r.Unit.Team, r.Mode, string(assists), r.PushDown, r.Note); err != nil {
			return fmt.Errorf("workorder: write dispatch rule %d: %w", i, err)
		}
	}
	_, err := tx.Exec(ctx, `UPDATE workorder_dispatch_catalogues SET updated_at = ? WHERE id = ?`, tx.Now(), catalogueID)
	return err
}

func nonNilUnits(us []Target) []Target {
	if us == nil {
		return []Target{}
	}
	return us
}

// publishCatalogue retires the published version and publishes the draft.
func publishCatalogue(ctx context.Context, tx *db.Tx, district string, draftID int64, note string, by int64) error {
	if _, err := tx.Exec(ctx, `UPDATE workorder_dispatch_catalogues SET state = ?, updated_at = ?
		WHERE district_code = ? AND state = ?`, TreeRetired, tx.Now(), district, TreePublished); err != nil {
		return fmt.Errorf("workorder: retire catalogue: %w", err)
	}
	_, err := tx.Exec(ctx, `UPDATE workorder_dispatch_catalogues SET state = ?, note = ?, published_at = ?,
		published_by = ?, updated_at = ? WHERE id = ?`, TreePublished, note, tx.Now(), by, tx.Now(), draftID)
	if err != nil {
		return fmt.Errorf("workorder: publish catalogue: %w", err)
	}
	return nil
}

// assignmentColumns are read by scanAssignment, in its order.
const assignmentColumns = `id, order_id, role, mode, unit_kind, unit_code, team, account_id, rule_id, state,
	assigned_at, assigned_by, accepted_at, returned_at, return_reason, review_result`

const assignmentSelect = `SELECT ` + assignmentColumns + ` FROM workorder_assignments`

// qualified prefixes each of columns with the table alias t, for joins.
func qualified(columns, t string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = t + "." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

func scanAssignment(r interface{ Scan(...any) error }) (Assignment, error) {
	var a Assignment
	var account, rule sql.NullInt64
	var accepted, returned sql.NullTime
	err := r.Scan(&a.ID, &a.OrderID, &a.Role, &a.Mode, &a.Unit.Kind, &a.Unit.Code, &a.Unit.Team, &account, &rule,
		&a.State, &a.AssignedAt, &a.AssignedBy, &accepted, &returned, &a.ReturnReason, &a.ReviewResult)
	a.AccountID, a.RuleID = account.Int64, rule.Int64
	a.AssignedAt, a.AcceptedAt, a.ReturnedAt = a.AssignedAt.UTC(), utcPtr(accepted), utcPtr(returned)
	return a, err
}

// assignmentsOf lists an order's hops, oldest first.
func assignmentsOf(ctx context.Context, q querier, orderID int64) ([]Assignment, error) {
	rows, err := q.Query(ctx, assignmentSelect+` WHERE order_id = ? ORDER BY id`, orderID)
	if err != nil {
		return nil, fmt.Errorf("workorder: assignments: %w", err)
	}
	defer rows.Close()
	out := []Assignment{}
	for rows.Next() {
		a, err := scanAssignment(rows)
		if err != nil {
			return nil, fmt.Errorf("workorder: assignments: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// insertAssignment writes a new hop.
func insertAssignment(ctx context.Context, tx *db.Tx, a *Assignment) error {
	var err error
	a.AssignedAt = tx.Now()
	a.ID, err = tx.InsertID(ctx, `INSERT INTO workorder_assignments (order_id, role, mode, unit_kind, unit_code, team,
		account_id, rule_id, state, assigned_at, assigned_by, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.OrderID, a.Role, a.Mode, a.Unit.Kind, a.Unit.Code, a.Unit.Team, nullID(a.AccountID), nullID(a.RuleID),
		a.State, a.AssignedAt, a.AssignedBy, a.AcceptedAt)
	if err != nil {
		if db.IsUniqueViolation(err) {
			return errAlreadyAssigned
		}
		return fmt.Errorf("workorder: insert assignment: %w", err)
	}
	return nil
}

// endAssignment closes a hop in state st (withdrawn, done) or, for a
// returned hop, records the review.
func endAssignment(ctx context.Context, tx *db.Tx, id int64, st AssignmentState, review string, by int64) error {
	_, err := tx.Exec(ctx, `UPDATE workorder_assignments SET state = ?, ended_at = ?,
		review_result = CASE WHEN ? <> '' THEN ? ELSE review_result END,
		reviewed_at = CASE WHEN ? <> '' THEN ? ELSE reviewed_at END,
		reviewed_by = CASE WHEN ? <> '' THEN ? ELSE reviewed_by END WHERE id = ?`,
		st, tx.Now(), review, review, review, tx.Now(), review, by, id)
	if err != nil {
		return fmt.Errorf("workorder: end assignment: %w", err)
	}
	return nil
}

// utcTime is t in UTC, for optional times.
func utcTime(t time.Time) *time.Time {
	u := t.UTC()
	return &u
}
