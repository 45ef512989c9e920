package catalog

import "github.com/shanzhi-gov/shanzhi/internal/platform/db"

// maxBatchRows bounds the rows of one bulk statement (imports and seeds
// carry many rows each, see db.Batches), so that a statement carrying
// guides' JSON bodies stays a few megabytes.
const maxBatchRows = 500

// chunks is db.Batches within maxBatchRows.
func chunks(n, perRow int, fn func(lo, hi int) error) error {
	return db.Batches(n, perRow, maxBatchRows, fn)
}
