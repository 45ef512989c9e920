package workorder

import "github.com/shanzhi-gov/shanzhi/internal/platform/db"

// bulkMaxRows bounds the rows of one bulk statement (the load generator,
// recomputing the measures; see db.Batches).
const bulkMaxRows = 2000

// bulkChunks is db.Batches within bulkMaxRows.
func bulkChunks(n, perRow int, fn func(lo, hi int) error) error {
	return db.Batches(n, perRow, bulkMaxRows, fn)
}
