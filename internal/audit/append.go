package audit

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Append records one state change inside the caller's transaction: the
// record commits with the change or not at all. It takes the chain head's
// lock until the transaction ends, so call it as the transaction's last
// step.
func Append(ctx context.Context, tx *db.Tx, e Entry) error {
	r, err := newRecord(tx.Now(), e)
	if err != nil {
		return fmt.Errorf("audit: append %q: %w", e.Action, err)
	}
	prev, err := lockHead(ctx, tx)
	if err != nil {
		return fmt.Errorf("audit: append: %w", err)
	}
	r.Seq = prev.Seq + 1
	r.PrevHash = prev.Hash
	r.Hash = r.computeHash()
	if err := insertRecord(ctx, tx, &r); err != nil {
		return fmt.Errorf("audit: append: insert record: %w", err)
	}
	if err := advanceHead(ctx, tx, prev, &r); err != nil {
		return fmt.Errorf("audit: append: %w", err)
	}
	return nil
}
