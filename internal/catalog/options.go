package catalog

import "context"

// Place is a service point as the residents' browse pages need it: where
// it is and which level of items it may accept (行使层级).
type Place struct {
	Code       string
	Name       string
	Level      Level
	StreetCode string // "" for the district centre and department sub-centres
	StreetName string
	Address    string
}

// Places tells the catalogue about the district's streets and service
// points without the catalogue importing the organisation module.
type Places interface {
	// Streets lists the district's streets as code → name, in code order.
	Streets(ctx context.Context) ([]Place, error)
	// Point returns one active service point by code.
	Point(ctx context.Context, code string) (Place, error)
}

// StaffNames names staff accounts by id for the console's history pages; a
// missing name shows the account id.
type StaffNames func(ctx context.Context, ids []int64) map[int64]string

// Option configures Handlers.
type Option func(*Handlers)

// WithPlaces lets residents browse by street and by service point.
func WithPlaces(p Places) Option { return func(h *Handlers) { h.places = p } }

// WithStaffNames lets the console show who edited and published a version.
func WithStaffNames(f StaffNames) Option { return func(h *Handlers) { h.staffNames = f } }
