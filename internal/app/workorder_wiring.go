package app

import (
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// buildWorkOrders constructs work orders (工单): every resident request
// from every channel — the H5 form, the property form, the 12345 and 96106
// hotlines, home visits and other systems through API keys.
func (a *App) buildWorkOrders() error {
	var err error
	if a.WorkOrders, err = workorder.New(workorder.Deps{DB: a.DB, Keys: a.Keys, Index: a.Index, Files: a.Files,
		Places: workorder.OrgPlaces{Org: a.Org}}); err != nil {
		return fmt.Errorf("app: work orders: %w", err)
	}
	return nil
}
