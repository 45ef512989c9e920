package org

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Seeded grid cells per community: from minGrids to maxGrids.
const (
	minGrids = 3
	maxGrids = 8
)

// gridsPerCommunity is a deterministic number of cells for a community,
// spread over minGrids–maxGrids by a hash of its code, so every run and
// every engine seeds the same grids.
func gridsPerCommunity(code string) int {
	h := fnv.New32a()
	h.Write([]byte(code))
	return minGrids + int(h.Sum32()%uint32(maxGrids-minGrids+1))
}

// seedGrids adds the missing cells "<community short name>第N网格" of every
// community, one statement per community.
func seedGrids(ctx context.Context, tx *db.Tx, communities []Community) (int, error) {
	added := 0
	for _, c := range communities {
		n := gridsPerCommunity(c.Code)
		values := make([]string, n)
		args := make([]any, 0, 5*n)
		for i := 1; i <= n; i++ {
			values[i-1] = "(?, ?, ?, ?, ?)"
			args = append(args, fmt.Sprintf("%s%03d", c.Code, i), c.Code, fmt.Sprintf("%s第%d网格", c.ShortName, i),
				tx.Now(), tx.Now())
		}
		r, err := tx.Exec(ctx, `INSERT INTO grids (code, community_code, name, created_at, updated_at) VALUES `+
			strings.Join(values, ", ")+` ON CONFLICT (code) DO NOTHING`, args...)
		if err != nil {
			return added, fmt.Errorf("seed grids of %s: %w", c.Code, err)
		}
		rows, _ := r.RowsAffected()
		added += int(rows)
	}
	return added, nil
}

// txStreets reads a district's streets inside a transaction.
func txStreets(ctx context.Context, tx *db.Tx, district string) ([]Street, error) {
	rows, err := tx.Query(ctx, `SELECT code, district_code, name FROM streets WHERE district_code = ? ORDER BY code`, district)
	if err != nil {
		return nil, fmt.Errorf("read streets: %w", err)
	}
	defer rows.Close()
	var out []Street
	for rows.Next() {
		var st Street
		if err := rows.Scan(&st.Code, &st.DistrictCode, &st.Name); err != nil {
			return nil, fmt.Errorf("read streets: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// txCommunities reads a district's communities inside a transaction, in
// code order.
func txCommunities(ctx context.Context, tx *db.Tx, district string) ([]Community, error) {
	rows, err := tx.Query(ctx, communitySelect+` WHERE c.district_code = ? ORDER BY c.code`, district)
	if err != nil {
		return nil, fmt.Errorf("read communities: %w", err)
	}
	defer rows.Close()
	var out []Community
	for rows.Next() {
		c, err := scanCommunity(rows)
		if err != nil {
			return nil, fmt.Errorf("read communities: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
