package delivery

import (
	"context"
	"errors"
	"log/slog"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// Notifier queues an SMS to an account inside a transaction (identity's
// NotifyAccountTx). Texts carry no personal data; the pickup code is a
// secret only together with the holder's ID card.
type Notifier func(ctx context.Context, tx *db.Tx, accountID int64, text string) error

// Holders tells who holds the results of an application: the applicant's
// verified name and ID number, against which the collector's ID is
// checked at the front desk.
type Holders interface {
	HolderID(ctx context.Context, applicationID int64) (name, idNumber string, err error)
}

// Document is a printable document of an application (a licence's PDF),
// printed at the front desk that hands the results over. Href is the
// desk's link to print it, set by this module.
type Document struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Href  string `json:"href"`
}

// Documents lists and renders the printable documents of an application;
// none is fine. Print answers only a document of that application.
type Documents interface {
	Printable(ctx context.Context, applicationID int64) ([]Document, error)
	Print(ctx context.Context, applicationID, documentID int64) (filename string, pdf []byte, err error)
}

// Point is a service point where results may be collected.
type Point struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Address    string `json:"address"`
	Phone      string `json:"phone,omitempty"`
	Hours      string `json:"opening_hours,omitempty"`
	Street     string `json:"street,omitempty"` // "" for the district's own points
	StreetName string `json:"street_name"`
}

// Points lists the active pickup points of a district (OrgPoints reads
// them from the organisation).
type Points interface {
	PickupPoints(ctx context.Context, district string) ([]Point, error)
}

// Deps are what the service needs; Documents and Log may be nil.
type Deps struct {
	DB        *db.DB
	Keys      *gm.Keyring
	Index     *gm.BlindIndexer
	Jobs      *jobs.Queue
	Notify    Notifier
	Holders   Holders
	Points    Points
	Courier   Courier
	Documents Documents
	Log       *slog.Logger
}

// Service opens, routes and hands over deliveries.
type Service struct{ Deps }

// New returns the delivery service.
func New(d Deps) (*Service, error) {
	if d.DB == nil || d.Keys == nil || d.Index == nil || d.Jobs == nil || d.Notify == nil || d.Holders == nil ||
		d.Points == nil || d.Courier == nil {
		return nil, errors.New("delivery: database, keys, index, jobs, notifier, holders, points and courier are required")
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Service{Deps: d}, nil
}

// Register adds the module's job workers to q and schedules the tracking
// poll. Call it before q.Start.
func (s *Service) Register(q *jobs.Queue) {
	jobs.Register(q, &ShipWorker{s: s})
	jobs.Register(q, &TrackWorker{s: s})
	q.AddPeriodic(trackPeriodic())
}
