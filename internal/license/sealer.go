package license

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Sealer applies and checks an issuing department's electronic seal (SM2
// with SM3 under a certificate of the district CA). The seal module
// provides the real one; the wiring passes it in.
type Sealer interface {
	// Seal signs payload with the department's current seal key, in tx
	// (the key's use may be recorded there).
	Seal(ctx context.Context, tx *db.Tx, deptCode string, payload []byte) (Seal, error)
	// Verify checks a seal over payload: the signature, and that the
	// certificate is one the district CA issued and has not revoked.
	Verify(ctx context.Context, s Seal, payload []byte) error
}

// Notifier queues an SMS to an account in tx (identity's NotifyAccountTx).
type Notifier func(ctx context.Context, tx *db.Tx, accountID int64, text string) error
