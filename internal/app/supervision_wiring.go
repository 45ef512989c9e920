package app

import (
	"github.com/shanzhi-gov/shanzhi/internal/supervision"
)

// buildSupervision constructs same-day supervision (批管同步): every
// approval pushes inspection tasks to the street's enforcement team and a
// record to the credit registry, through jobs inserted in the decision's
// transaction; inspectors, applicants and approvers are notified.
func (a *App) buildSupervision() {
	a.Supervision = supervision.New(supervision.Deps{DB: a.DB, Jobs: a.Jobs, Calendar: a.Calendar,
		Applications: a.Approval, Credit: a.Credit, Directory: supervision.OrgDirectory{Org: a.Org}, Files: a.Files,
		Notify: a.Identity.NotifyAccountTx, Staff: supervision.GrantStaff{DB: a.DB}})
	a.Supervision.Register(a.Jobs)
	a.Approval.OnDecided(a.Supervision.QueueInspection)
}
