package app

import (
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc"
	"github.com/shanzhi-gov/shanzhi/internal/seal"
)

// buildSeal constructs the district root CA and the departments' SM2
// electronic seals, used to sign electronic licences.
func (a *App) buildSeal() error {
	var err error
	if a.Seal, err = seal.New(a.DB, a.Keys, seal.WithMarkFont(pdfdoc.FontTTF())); err != nil {
		return fmt.Errorf("app: seal: %w", err)
	}
	return nil
}
