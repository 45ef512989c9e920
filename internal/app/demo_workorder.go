package app

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// demoWorkOrders is how many generated work orders the demo starts with:
// enough for every street and category to show figures, few enough to
// write in a second or two.
const demoWorkOrders = 3000

// demoCommunity is 尧化社区, where the demo's grid worker and property
// staff work.
const demoCommunity = "320113001001"

// seedDemoWorkOrders writes a year of generated, anonymous orders (so that
// the board, the queues and the measures have something to show on the
// first run), then has the demo resident file two requests through the
// real intake, which the demo dispatch catalogue sends to 尧化社区's
// property company (wuye.yaohua) and to its social workers
// (wangge.yaohua): their queues are not empty when they first sign in.
func (a *App) seedDemoWorkOrders(ctx context.Context) error {
	if _, err := a.WorkOrders.SeedDemoCatalogue(ctx, a.Cfg.District); err != nil {
		return fmt.Errorf("app: demo dispatch catalogue: %w", err)
	}
	if _, err := a.WorkOrders.GenerateLoad(ctx, a.Cfg.District, demoWorkOrders, 2026); err != nil {
		return fmt.Errorf("app: demo work orders: %w", err)
	}
	resident, err := a.demoResident(ctx)
	if err != nil {
		return err
	}
	for _, in := range []workorder.FileInput{
		{Category: "WY-01", Description: "小区东门车位长期被外来车辆占用，业主回家找不到车位",
			Fields: map[string]any{"issue": "occupied", "plate": "苏A12345"}, Community: demoCommunity,
			Address: "尧化社区尧化门街1号东门"},
		{Category: "MS-05", Description: "想了解老旧小区加装电梯的补贴政策和申请流程", Community: demoCommunity,
			Address: "尧化社区尧化门街1号"},
	} {
		if _, err := a.WorkOrders.File(ctx, resident, in); err != nil {
			return fmt.Errorf("app: demo request %s: %w", in.Category, err)
		}
	}
	return nil
}
