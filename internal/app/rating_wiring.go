package app

import (
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

// buildRating constructs ratings (好差评): every decision invites the person
// served to rate it; bad ratings open rectification cases.
func (a *App) buildRating() error {
	var err error
	if a.Rating, err = rating.New(rating.Deps{DB: a.DB, Notify: a.Identity, Calendar: a.Calendar,
		Cases: rating.ApprovalCases{Approval: a.Approval}, Units: rating.OrgUnits{Org: a.Org}}); err != nil {
		return fmt.Errorf("app: rating: %w", err)
	}
	a.Approval.OnDecided(a.Rating.OpenRating)
	a.Supervision.OnVisited(a.Rating.OpenInspectionRating)
	return nil
}
