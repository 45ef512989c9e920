package approval

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// DecidedHook is told about a decision inside the transaction that records
// it, so it can insert its own durable jobs there (licence issuance, the
// same-day supervision push, the rating invitation): they exist if and
// only if the decision does. Hooks must not do slow work themselves.
type DecidedHook func(ctx context.Context, tx *db.Tx, d Decided) error

// Decided is what a hook learns of a decision.
type Decided struct {
	Application Application
	Items       []ItemRef // the main item first, then the bundle
	// Commitment lists the items approved on a 告知承诺, which owe an
	// on-site verification.
	Commitment []string
}

// OnDecided registers hooks; call it while wiring, before serving.
func (s *Service) OnDecided(hooks ...DecidedHook) { s.decidedHooks = append(s.decidedHooks, hooks...) }

// runDecided calls every hook in tx.
func (s *Service) runDecided(ctx context.Context, tx *db.Tx, a *Application) error {
	if len(s.decidedHooks) == 0 {
		return nil
	}
	d := Decided{Application: *a, Items: append([]ItemRef{{Code: a.ItemCode, Version: a.ItemVersion}}, a.Bundle...)}
	if a.UseCommitment && a.Decision == "approved" {
		items, err := s.versions(ctx, a)
		if err != nil {
			return err
		}
		for _, v := range items {
			if v.Item.Commitment.Allowed {
				d.Commitment = append(d.Commitment, v.ImplCode)
			}
		}
	}
	for _, h := range s.decidedHooks {
		if err := h(ctx, tx, d); err != nil {
			return fmt.Errorf("approval: decision hook: %w", err)
		}
	}
	return nil
}
