package app

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/esign"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// buildApproval constructs the services of contactless approval: files,
// identity verification (with the carrier and face simulators), signatures,
// the credit registry and applications, and registers their workers.
func (a *App) buildApproval() error {
	var err error
	a.Files = files.New(a.DB, a.Keys)
	if a.Verify, err = verify.New(a.DB, a.Keys, verify.NewCarrierSimulator(), verify.NewFaceSimulator(),
		verify.Config{Index: a.Index, SMS: a.SMS}, a.Log); err != nil {
		return fmt.Errorf("app: verify: %w", err)
	}
	if a.ESign, err = esign.New(a.DB, a.Keys); err != nil {
		return fmt.Errorf("app: esign: %w", err)
	}
	own := func(ctx context.Context, account int64) ([]string, error) { return a.Identity.OwnCodes(ctx, account) }
	if a.Credit, err = credit.New(a.DB, a.Keys, a.Index, credit.OrgDepartments{Org: a.Org}, own); err != nil {
		return fmt.Errorf("app: credit: %w", err)
	}
	a.Approval = approval.New(approval.Deps{DB: a.DB, Keys: a.Keys, Index: a.Index, Catalog: a.Catalog, Org: a.Org,
		Files: a.Files, Jobs: a.Jobs, Calendar: a.Calendar, Log: a.Log,
		Gates: approval.Gates{Identity: identityGate{a.Verify}, Credit: creditGate{a.Credit}, Signer: signer{a.ESign},
			Shared: approval.SharedDataSimulator{}, Notify: notifier{a.Identity}}})
	approval.RegisterWorkers(a.Jobs, a.Approval)
	a.buildSupervision()
	if err := a.buildRating(); err != nil {
		return err
	}
	if err := a.buildSeal(); err != nil {
		return err
	}
	if err := a.buildLicense(); err != nil {
		return err
	}
	a.Supervision.Licences = a.License // revocation proposals decided 吊销
	if err := a.buildDelivery(); err != nil {
		return err
	}
	return a.buildWorkOrders()
}
