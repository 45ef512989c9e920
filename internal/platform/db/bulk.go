package db

import "strings"

// Statements built for many rows or many values share these helpers: the
// placeholders of an IN list, the VALUES list of a multi-row INSERT, and
// the ranges that keep each statement within both engines' limits.

// MaxParams bounds the parameters of one statement, below SQLite's 32766
// host parameters and PostgreSQL's 65535.
const MaxParams = 30000

// Marks returns n comma-separated placeholders, for an IN list.
func Marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// Tuples returns rows copies of tuple, comma separated, for a VALUES list.
func Tuples(rows int, tuple string) string {
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

// Batches calls fn on consecutive [lo, hi) ranges of n rows of perRow
// parameters each, each range at most maxRows rows and MaxParams
// parameters, stopping at the first error. One statement per range rather
// than per row: a round trip per row is most of a bulk write's time on
// PostgreSQL, and parsing small statements most of it on SQLite.
func Batches(n, perRow, maxRows int, fn func(lo, hi int) error) error {
	size := max(1, min(maxRows, MaxParams/max(perRow, 1)))
	for lo := 0; lo < n; lo += size {
		if err := fn(lo, min(lo+size, n)); err != nil {
			return err
		}
	}
	return nil
}
