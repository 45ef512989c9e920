package license

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Mine lists the actor's own licences (the wallet), newest first, every
// version included so superseded ones stay visible; masked.
func (s *Service) Mine(ctx context.Context, actor *authz.Actor) ([]Licence, error) {
	if actor == nil || actor.AccountID == 0 {
		return nil, authz.Check(actor, actOwn, authz.Self(0))
	}
	if err := authz.Check(actor, actOwn, authz.Self(actor.AccountID)); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT `+licenceColumns+` FROM licences WHERE holder_account = ? ORDER BY id DESC
		LIMIT 500`, actor.AccountID)
	if err != nil {
		return nil, fmt.Errorf("license: list own licences: %w", err)
	}
	defer rows.Close()
	out := []Licence{}
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return nil, fmt.Errorf("license: list own licences: %w", err)
		}
		l, err := s.open(r)
		if err != nil {
			return nil, err
		}
		out = append(out, l.Masked())
	}
	return out, rows.Err()
}

// Export is a licence as a file the holder keeps and shows: the signed
// metadata in clear with the seals, verifiable offline (shanzhi verify
// licence FILE).
type Export struct {
	Format     string       `json:"format"` // ExportFormat
	Metadata   Metadata     `json:"metadata"`
	Seal       Seal         `json:"seal"`
	Status     StatusRecord `json:"status"`
	StatusSeal Seal         `json:"status_seal"`
}

// ExportFormat names the export file's format and version.
const ExportFormat = "shanzhi-licence/1"

// Export returns one of the actor's own licences for download; anyone
// else's is not found.
func (s *Service) Export(ctx context.Context, actor *authz.Actor, id int64) (Export, error) {
	if actor == nil || actor.AccountID == 0 {
		return Export{}, authz.Check(actor, actOwn, authz.Self(0))
	}
	if err := authz.Check(actor, actOwn, authz.Self(actor.AccountID)); err != nil {
		return Export{}, err
	}
	r, err := s.loadBy(ctx, s.db, "id", id)
	if err != nil {
		return Export{}, err
	}
	if r.HolderAccount != actor.AccountID {
		return Export{}, errNotHolder
	}
	l, err := s.open(r)
	if err != nil {
		return Export{}, err
	}
	return Export{Format: ExportFormat, Metadata: l.Meta, Seal: l.Seal, Status: l.State, StatusSeal: l.StatusSeal}, nil
}
