package app

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// buildDelivery constructs the delivery of results: every approval opens a
// delivery in the decision's transaction; the applicant chooses pickup at
// any service point (同城取件) or express, through the courier simulator.
func (a *App) buildDelivery() error {
	var err error
	if a.Delivery, err = delivery.New(delivery.Deps{DB: a.DB, Keys: a.Keys, Index: a.Index, Jobs: a.Jobs,
		Notify:  a.Identity.NotifyAccountTx,
		Holders: deliveryHolders{district: a.Cfg.District, approval: a.Approval, verify: a.Verify},
		Points:  delivery.OrgPoints{Org: a.Org},
		Courier: delivery.NewCourierSimulator(a.DB.Clock),
		Log:     a.Log}); err != nil {
		return fmt.Errorf("app: delivery: %w", err)
	}
	a.Delivery.Register(a.Jobs)
	a.Approval.OnDecided(a.Delivery.OpenDelivery)
	return nil
}

// deliveryHolders: the person whose verified identity filed the
// application collects its results.
type deliveryHolders struct {
	district string
	approval *approval.Service
	verify   *verify.Service
}

func (h deliveryHolders) HolderID(ctx context.Context, appID int64) (string, string, error) {
	f, err := h.approval.Get(ctx, authz.System(h.district), appID)
	if err != nil {
		return "", "", err
	}
	v, err := h.verify.UsedFor(ctx, f.ApplicantID, approval.VerificationPurpose(appID))
	if err != nil {
		return "", "", fmt.Errorf("app: verified applicant of application %d: %w", appID, err)
	}
	return v.Name.Reveal(), v.IDNumber.Reveal(), nil
}
