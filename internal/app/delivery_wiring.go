package app

import (
	"context"
	"fmt"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// buildDelivery constructs the delivery of results: every approval opens a
// delivery in the decision's transaction; the applicant chooses pickup at
// any service point (同城取件) or express, through the courier simulator.
func (a *App) buildDelivery() error {
	var err error
	if a.Delivery, err = delivery.New(delivery.Deps{DB: a.DB, Keys: a.Keys, Index: a.Index, Jobs: a.Jobs,
		Notify:    a.Identity.NotifyAccountTx,
		Holders:   deliveryHolders{district: a.Cfg.District, approval: a.Approval, verify: a.Verify},
		Points:    delivery.OrgPoints{Org: a.Org},
		Courier:   delivery.NewCourierSimulator(a.DB.Clock),
		Documents: licencePrints{district: a.Cfg.District, licences: a.License},
		Log:       a.Log}); err != nil {
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

// licencePrints serves delivery.Documents from the licence module: the
// current licences of an application, printed for the desk that hands
// them over (the delivery module checks the desk).
type licencePrints struct {
	district string
	licences *license.Service
}

func (p licencePrints) Printable(ctx context.Context, appID int64) ([]delivery.Document, error) {
	ls, err := p.licences.ForApplication(ctx, appID)
	if err != nil {
		return nil, err
	}
	out := make([]delivery.Document, 0, len(ls))
	for _, l := range ls {
		out = append(out, delivery.Document{ID: l.ID, Title: l.Meta.Name + "（第" + strconv.Itoa(l.Version) + "版）"})
	}
	return out, nil
}

func (p licencePrints) Print(ctx context.Context, appID, docID int64) (string, []byte, error) {
	ls, err := p.licences.ForApplication(ctx, appID)
	if err != nil {
		return "", nil, err
	}
	for _, l := range ls {
		if l.ID == docID {
			pdf, err := p.licences.PDF(ctx, authz.System(p.district), docID)
			return pdf.Filename, pdf.Bytes, err
		}
	}
	return "", nil, apperr.NotFound("该办件没有这份有效的电子证照")
}
