package app

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// demoApprovers are the market-supervision staff who take the steps of an
// item in turn (审查, 审核, …): successive steps need different people.
var demoApprovers = [2]string{"shenpi.scjg", "shenhe.scjg"}

// demoApprove takes an accepted demo application through every approval
// task as the demo approvers would on their consoles, so the demo shows a
// decision, its licences (issued by the job once the node runs), the
// delivery choice, the inspection task and the rating invitation.
func (a *App) demoApprove(ctx context.Context, id int64, staff map[string]int64, dept string) error {
	sys := authz.System(a.Cfg.District)
	for range 10 { // each round completes the tasks now active
		d, err := a.Approval.Detail(ctx, sys, id)
		if err != nil {
			return err
		}
		if d.Decision != "" {
			return nil
		}
		for _, t := range d.Tasks {
			if t.State != approval.TaskActive {
				continue
			}
			who := approverActor(a.Cfg.District, staff[demoApprovers[t.Step%2]], dept)
			if _, err := a.Approval.ClaimTask(ctx, who, t.ID); err != nil {
				return fmt.Errorf("app: demo claim task %d (%s): %w", t.ID, t.Name, err)
			}
			if _, err := a.Approval.CompleteTask(ctx, who, t.ID, approval.OutcomeApprove, "材料齐全，符合法定条件。"); err != nil {
				return fmt.Errorf("app: demo complete task %d (%s): %w", t.ID, t.Name, err)
			}
		}
	}
	return fmt.Errorf("app: demo application %d was not decided", id)
}

// approverActor is a demo approver of a department as a signed-in actor.
func approverActor(district string, id int64, dept string) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, District: district,
		Grants: []authz.Grant{{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: dept}}}}
}

// seedDemoLicensing makes the district root CA and gives the departments
// their demo credit codes (org.DemoCreditCode), which licences carry as the
// issuer's code; the departments' seal keys follow on their first seal.
func (a *App) seedDemoLicensing(ctx context.Context) error {
	sys := authz.System(a.Cfg.District)
	if _, err := a.Seal.InitRoot(ctx, sys, a.Cfg.District); err != nil {
		return fmt.Errorf("app: demo root CA: %w", err)
	}
	if _, err := a.Org.SeedDemoCreditCodes(ctx, a.Cfg.District); err != nil {
		return fmt.Errorf("app: demo credit codes: %w", err)
	}
	return nil
}
