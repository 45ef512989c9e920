package catalog

import "strings"

// Bulk statements (imports and seeds) carry many rows per statement: one
// round trip per item and table was most of an import's time on
// PostgreSQL, and parsing each small statement most of it on SQLite.
const (
	// maxBatchParams bounds the parameters of one statement, well below
	// SQLite's 32766 host parameters and PostgreSQL's 65535.
	maxBatchParams = 30000
	// maxBatchRows bounds the rows of one statement, so that a statement
	// carrying guides' JSON bodies stays a few megabytes.
	maxBatchRows = 500
)

// chunks calls fn on consecutive [lo, hi) ranges of n rows of perRow
// parameters each, every range within the limits above, stopping at the
// first error.
func chunks(n, perRow int, fn func(lo, hi int) error) error {
	size := max(1, min(maxBatchRows, maxBatchParams/max(perRow, 1)))
	for lo := 0; lo < n; lo += size {
		if err := fn(lo, min(lo+size, n)); err != nil {
			return err
		}
	}
	return nil
}

// marks returns n comma-separated placeholders, for an IN list.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// tuples returns rows copies of tuple, comma separated, for a VALUES list.
func tuples(rows int, tuple string) string {
	var b strings.Builder
	b.Grow(rows * (len(tuple) + 2))
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tuple)
	}
	return b.String()
}
