package delivery

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Printed is a document printed at a desk.
type Printed struct {
	Filename string
	PDF      []byte
}

// PrintAtDesk renders one document of a delivery for the front desk of
// the point where it is collected, for the paper copy handed over with it
// (printed from the same data as the electronic licence). Only desks that
// may hand the delivery over may print, and every print is audited.
func (s *Service) PrintAtDesk(ctx context.Context, actor *authz.Actor, id, documentID int64) (Printed, error) {
	x, err := s.deskRecord(ctx, actor, id)
	if err != nil {
		return Printed{}, err
	}
	if s.Documents == nil {
		return Printed{}, apperr.NotFound("没有可打印的证照")
	}
	name, pdf, err := s.Documents.Print(ctx, x.ApplicationID, documentID)
	if err != nil {
		return Printed{}, fmt.Errorf("delivery: print document %d: %w", documentID, err)
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "delivery.document.print",
			ObjectType: "delivery", ObjectID: fmt.Sprint(id), After: map[string]int64{"document": documentID}})
	})
	if err != nil {
		return Printed{}, err
	}
	return Printed{Filename: name, PDF: pdf}, nil
}
