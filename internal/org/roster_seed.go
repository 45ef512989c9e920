package org

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// demoRosterPoint is 尧化街道政务服务中心, where the demo's front desk works.
const demoRosterPoint = "320113001P01"

// SeedDemoRosters puts the demo's extended hours on the roster of
// 尧化街道政务服务中心: its front desk, qianmo.yaohua, keeps the counter
// open Monday to Saturday 17:30–20:00 and pre-reviews online
// applications 20:00–08:00 after every working day. accounts maps the
// demo's usernames to their account ids; the front desk must already
// hold a post at the centre. Run it once, on a fresh demo database.
func (s *Service) SeedDemoRosters(ctx context.Context, district string, accounts map[string]int64) error {
	if district != QixiaCode {
		return fmt.Errorf("org: demo rosters are for %s, not %s", QixiaCode, district)
	}
	desk := accounts["qianmo.yaohua"]
	if desk == 0 {
		return fmt.Errorf("org: demo rosters: no account qianmo.yaohua")
	}
	entries := []RosterInput{
		{PointCode: demoRosterPoint, AccountID: desk, Kind: string(DutyExtended), Days: string(DaysWeekly),
			Weekdays: []int{1, 2, 3, 4, 5, 6}, Start: "17:30", End: "20:00", Note: "延时服务窗口，下班后办理"},
		{PointCode: demoRosterPoint, AccountID: desk, Kind: string(DutyNightReview), Days: string(DaysWorking),
			Start: "20:00", End: "08:00", Note: "夜间预审网上申请，次日上班前一次性告知"},
	}
	rosters := s.Rosters(nil)
	for _, in := range entries {
		if _, err := rosters.Add(ctx, authz.System(district), in); err != nil {
			return fmt.Errorf("org: demo roster %s: %w", in.Kind, err)
		}
	}
	return nil
}
