package org

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// ImportResult tells what an import changed.
type ImportResult struct {
	District    District `json:"district"`
	Source      string   `json:"source"`
	Streets     Changes  `json:"streets"`
	Communities Changes  `json:"communities"`
	// SkippedUnits and SkippedCommunities count the statistical units and
	// their communities left out.
	SkippedUnits       int `json:"skipped_units"`
	SkippedCommunities int `json:"skipped_communities"`
}

// Changes counts the rows of one table an import touched.
type Changes struct {
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// NotInSource counts rows in the database that the source no longer
	// lists. They are kept: grids, posts and cases may refer to them.
	NotInSource int `json:"not_in_source"`
}

// ImportDivisions loads one district's streets and communities from src
// (EmbeddedSource or DirSource). It is idempotent: a second import of the
// same lists changes nothing; renamed or moved divisions are updated, new
// ones added, and none is ever deleted. It writes everything, with one
// audit record "org.divisions.import", in one transaction, or nothing.
func ImportDivisions(ctx context.Context, d *db.DB, district string, src Source) (ImportResult, error) {
	plan, err := loadPlan(src, district)
	if err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	err = d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		res, err = applyPlan(ctx, tx, plan)
		if err != nil {
			return err
		}
		return auditImport(ctx, tx, res)
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("org: import divisions %s: %w", district, err)
	}
	return res, nil
}

// auditImport records an import as one audit record.
func auditImport(ctx context.Context, tx *db.Tx, res ImportResult) error {
	return audit.Append(ctx, tx, audit.Entry{
		Actor:      authz.System(res.District.Code),
		Action:     "org.divisions.import",
		ObjectType: "district",
		ObjectID:   res.District.Code,
		After:      res,
	})
}

// applyPlan writes a plan inside tx.
func applyPlan(ctx context.Context, tx *db.Tx, p *divisionPlan) (ImportResult, error) {
	res := ImportResult{
		District: p.district, Source: p.source,
		SkippedUnits: p.skippedUnits, SkippedCommunities: p.skippedCommunities,
	}
	if err := upsertDistrict(ctx, tx, p.district); err != nil {
		return res, err
	}
	var err error
	if res.Streets, err = upsertStreets(ctx, tx, p); err != nil {
		return res, err
	}
	if res.Communities, err = upsertCommunities(ctx, tx, p); err != nil {
		return res, err
	}
	return res, nil
}

// upsertDistrict adds the district or renames it.
func upsertDistrict(ctx context.Context, tx *db.Tx, dist District) error {
	res, err := tx.Exec(ctx, `UPDATE districts SET name = ?, updated_at = ? WHERE code = ? AND name <> ?`,
		dist.Name, tx.Now(), dist.Code, dist.Name)
	if err != nil {
		return fmt.Errorf("update district: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = tx.Exec(ctx, `INSERT INTO districts (code, name, created_at, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (code) DO NOTHING`, dist.Code, dist.Name, tx.Now(), tx.Now())
	if err != nil {
		return fmt.Errorf("insert district: %w", err)
	}
	return nil
}

// upsertStreets adds new streets and renames changed ones.
func upsertStreets(ctx context.Context, tx *db.Tx, p *divisionPlan) (Changes, error) {
	var ch Changes
	have, err := existingNames(ctx, tx, `SELECT code, name FROM streets WHERE district_code = ?`, p.district.Code)
	if err != nil {
		return ch, fmt.Errorf("read streets: %w", err)
	}
	for _, s := range p.streets {
		old, ok := have[s.Code]
		delete(have, s.Code)
		switch {
		case !ok:
			ch.Added++
			_, err = tx.Exec(ctx, `INSERT INTO streets (code, district_code, name, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?)`, s.Code, s.DistrictCode, s.Name, tx.Now(), tx.Now())
		case old != s.Name:
			ch.Updated++
			_, err = tx.Exec(ctx, `UPDATE streets SET name = ?, updated_at = ? WHERE code = ?`, s.Name, tx.Now(), s.Code)
		default:
			ch.Unchanged++
		}
		if err != nil {
			return ch, fmt.Errorf("write street %s: %w", s.Code, err)
		}
	}
	ch.NotInSource = len(have)
	return ch, nil
}

// existingNames reads code → name pairs.
func existingNames(ctx context.Context, tx *db.Tx, query string, args ...any) (map[string]string, error) {
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var code, name string
		if err := rows.Scan(&code, &name); err != nil {
			return nil, err
		}
		out[code] = name
	}
	return out, rows.Err()
}
