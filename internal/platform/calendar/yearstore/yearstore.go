// Package yearstore keeps holiday years imported at run time in the
// database, so every node of a deployment loads the same calendar.
package yearstore

import (
	"bytes"
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Parse validates one holiday-cn year file.
func Parse(raw []byte) (calendar.YearData, error) {
	return calendar.ParseYear(bytes.NewReader(raw))
}

// Save stores (or replaces) the file of one year inside tx.
func Save(ctx context.Context, tx *db.Tx, year int, raw []byte) error {
	_, err := tx.Exec(ctx, `INSERT INTO holiday_years (year, data, imported_at) VALUES (?, ?, ?)
		ON CONFLICT (year) DO UPDATE SET data = excluded.data, imported_at = excluded.imported_at`,
		year, string(raw), tx.Now())
	if err != nil {
		return fmt.Errorf("yearstore: save %d: %w", year, err)
	}
	return nil
}

// LoadAll returns every imported year, for calendar.WithYears at start-up.
func LoadAll(ctx context.Context, d *db.DB) ([]calendar.YearData, error) {
	rows, err := d.Query(ctx, `SELECT year, data FROM holiday_years ORDER BY year`)
	if err != nil {
		return nil, fmt.Errorf("yearstore: load: %w", err)
	}
	defer rows.Close()
	var years []calendar.YearData
	for rows.Next() {
		var year int
		var raw string
		if err := rows.Scan(&year, &raw); err != nil {
			return nil, fmt.Errorf("yearstore: load: %w", err)
		}
		y, err := Parse([]byte(raw))
		if err != nil {
			return nil, fmt.Errorf("yearstore: load %d: %w", year, err)
		}
		years = append(years, y)
	}
	return years, rows.Err()
}
