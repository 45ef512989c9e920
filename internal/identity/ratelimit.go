package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// limit is one rate limit: at most max hits per window in bucket. A window
// opens with its first hit and lasts window; the next hit after it opens a
// new one. refuse builds the error shown when the limit is exceeded, from
// the end of the current window.
type limit struct {
	bucket string
	window time.Duration
	max    int
	refuse func(now, windowEnd time.Time) error
}

// hitLimits counts one hit against each limit in the caller's transaction
// and returns the refusal of the first limit exceeded. The caller must
// then return that error so the transaction rolls back: refused attempts
// are not counted and do not extend anything. The upsert takes the
// bucket's row lock on PostgreSQL, so concurrent nodes count exactly.
func hitLimits(ctx context.Context, tx *db.Tx, limits ...limit) error {
	now := tx.Now()
	for _, l := range limits {
		end := now.Add(l.window)
		var hits int
		var windowEnd time.Time
		err := tx.QueryRow(ctx, `INSERT INTO rate_limits (bucket, window_end, hits) VALUES (?, ?, 1)
			ON CONFLICT (bucket) DO UPDATE SET
				hits = CASE WHEN rate_limits.window_end <= ? THEN 1 ELSE rate_limits.hits + 1 END,
				window_end = CASE WHEN rate_limits.window_end <= ? THEN ? ELSE rate_limits.window_end END
			RETURNING hits, window_end`, l.bucket, end, now, now, end).Scan(&hits, &windowEnd)
		if err != nil {
			return fmt.Errorf("identity: rate limit: %w", err)
		}
		if hits > l.max {
			return l.refuse(now, windowEnd.UTC())
		}
	}
	return nil
}
