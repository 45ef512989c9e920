package rating

import (
	"context"
	"errors"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// DefaultRectifyDays is the deadline of a rectification case, in working
// days, when the wiring sets none.
const DefaultRectifyDays = 5

// Notifier queues an SMS to an account inside a transaction (identity's
// NotifyAccountTx). The text must carry no personal data.
type Notifier interface {
	NotifyAccountTx(ctx context.Context, tx *db.Tx, accountID int64, text string) error
}

// Cases tells whether a case belongs to the actor, so that rating a case
// before it ends is explained (409) rather than answered as unknown (404).
type Cases interface {
	Owns(ctx context.Context, actor *authz.Actor, kind CaseKind, id int64) (bool, error)
}

// Units names departments and service points for the statistics and the
// console, by code.
type Units interface {
	UnitNames(ctx context.Context, district string) (map[string]string, error)
}

// Deps are what the service needs; Cases and Units may be nil.
type Deps struct {
	DB       *db.DB
	Notify   Notifier
	Calendar *calendar.Calendar
	Cases    Cases
	Units    Units
	// RectifyDays is the deadline of a rectification case in working
	// days; DefaultRectifyDays when 0.
	RectifyDays int
}

// Service records ratings and handles rectification cases.
type Service struct{ Deps }

// New returns the rating service.
func New(d Deps) (*Service, error) {
	if d.DB == nil || d.Notify == nil || d.Calendar == nil {
		return nil, errors.New("rating: database, notifier and calendar are required")
	}
	if d.RectifyDays < 0 {
		return nil, errors.New("rating: rectify days must not be negative")
	}
	if d.RectifyDays == 0 {
		d.RectifyDays = DefaultRectifyDays
	}
	return &Service{Deps: d}, nil
}

// names returns the unit names of a district; an empty map without Units.
func (s *Service) names(ctx context.Context, district string) (map[string]string, error) {
	if s.Units == nil {
		return map[string]string{}, nil
	}
	return s.Units.UnitNames(ctx, district)
}
