package org

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// upsertCommunities adds new communities and updates changed ones (a new
// name, kind, or street).
func upsertCommunities(ctx context.Context, tx *db.Tx, p *divisionPlan) (Changes, error) {
	var ch Changes
	have, err := existingCommunities(ctx, tx, p.district.Code)
	if err != nil {
		return ch, fmt.Errorf("read communities: %w", err)
	}
	for _, c := range p.communities {
		old, ok := have[c.Code]
		delete(have, c.Code)
		switch {
		case !ok:
			ch.Added++
			err = insertCommunity(ctx, tx, c)
		case old != c:
			ch.Updated++
			err = updateCommunity(ctx, tx, c)
		default:
			ch.Unchanged++
		}
		if err != nil {
			return ch, fmt.Errorf("write community %s: %w", c.Code, err)
		}
	}
	ch.NotInSource = len(have)
	return ch, nil
}

// existingCommunities reads a district's communities, in the form the plan
// builds them, for comparison.
func existingCommunities(ctx context.Context, tx *db.Tx, district string) (map[string]Community, error) {
	rows, err := tx.Query(ctx, `SELECT code, street_code, district_code, name, short_name, kind, reattached_from
		FROM communities WHERE district_code = ?`, district)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Community{}
	for rows.Next() {
		var c Community
		if err := rows.Scan(&c.Code, &c.StreetCode, &c.DistrictCode, &c.Name, &c.ShortName, &c.Kind, &c.ReattachedFrom); err != nil {
			return nil, err
		}
		out[c.Code] = c
	}
	return out, rows.Err()
}

func insertCommunity(ctx context.Context, tx *db.Tx, c Community) error {
	_, err := tx.Exec(ctx, `INSERT INTO communities
		(code, street_code, district_code, name, short_name, kind, reattached_from, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Code, c.StreetCode, c.DistrictCode, c.Name, c.ShortName, c.Kind, c.ReattachedFrom, tx.Now(), tx.Now())
	return err
}

func updateCommunity(ctx context.Context, tx *db.Tx, c Community) error {
	_, err := tx.Exec(ctx, `UPDATE communities SET street_code = ?, name = ?, short_name = ?, kind = ?,
		reattached_from = ?, updated_at = ? WHERE code = ?`,
		c.StreetCode, c.Name, c.ShortName, c.Kind, c.ReattachedFrom, tx.Now(), c.Code)
	return err
}
