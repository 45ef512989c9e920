package workorder

import "strings"

// Bulk statements (the load generator, recomputing the measures) carry
// many rows each, as the catalogue's imports do: one round trip per row
// would be most of the time on PostgreSQL, parsing small statements most
// of it on SQLite.
const (
	// bulkMaxParams bounds the parameters of one statement, below SQLite's
	// 32766 host parameters and PostgreSQL's 65535.
	bulkMaxParams = 30000
	// bulkMaxRows bounds the rows of one statement.
	bulkMaxRows = 2000
)

// bulkChunks calls fn on consecutive [lo, hi) ranges of n rows of perRow
// parameters each, every range within the limits above, stopping at the
// first error.
func bulkChunks(n, perRow int, fn func(lo, hi int) error) error {
	size := max(1, min(bulkMaxRows, bulkMaxParams/max(perRow, 1)))
	for lo := 0; lo < n; lo += size {
		if err := fn(lo, min(lo+size, n)); err != nil {
			return err
		}
	}
	return nil
}

// bulkTuples returns rows copies of tuple, comma separated, for a VALUES
// list.
func bulkTuples(rows int, tuple string) string {
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

// bulkMarks returns n comma-separated placeholders, for an IN list.
func bulkMarks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }
