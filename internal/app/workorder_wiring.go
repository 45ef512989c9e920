package app

import (
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// buildWorkOrders constructs work orders (工单): every resident request
// from every channel — the H5 form, the property form, the 12345 and 96106
// hotlines, home visits and other systems through API keys — dispatched
// through the dispatch catalogue, timed in working time by the clocks,
// handled, verified, followed up and measured.
func (a *App) buildWorkOrders() error {
	var err error
	if a.WorkOrders, err = workorder.New(workorder.Deps{DB: a.DB, Keys: a.Keys, Index: a.Index, Files: a.Files,
		Places: workorder.OrgPlaces{Org: a.Org}, Notify: a.Identity.NotifyAccountTx,
		Contacts: a.Identity.Contact}); err != nil {
		return fmt.Errorf("app: work orders: %w", err)
	}
	a.WorkOrders.EnableDispatch()
	a.WorkOrders.OnEvent(a.WorkOrders.NotifyRequesters)
	workorder.RegisterHandlingJobs(a.Jobs, a.WorkOrders)
	if a.WorkOrderClocks, err = workorder.NewClocks(a.WorkOrders, workorder.ClockDeps{Jobs: a.Jobs,
		Calendar: a.Calendar, Notify: a.Identity.NotifyAccountTx,
		Staff: workorder.GrantClockStaff{DB: a.DB}}); err != nil {
		return fmt.Errorf("app: work-order clocks: %w", err)
	}
	a.WorkOrderClocks.Register(a.Jobs)
	return nil
}
