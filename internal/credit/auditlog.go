package credit

import (
	"context"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// auditTx appends an audit entry for a change to one credit object, as the
// last step of the transaction. Objects are named by id only: states hold
// subject ids, never ID numbers or names.
func auditTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, action, objectType string, id int64, before, after any) error {
	return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: action, ObjectType: objectType,
		ObjectID: strconv.FormatInt(id, 10), Before: before, After: after})
}
