package workorder

import (
	"context"
	"errors"
	"sync"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Deps are what the service needs.
type Deps struct {
	DB *db.DB
	// Keys encrypt the requesters' names and phones; Index makes the
	// phones searchable by a keyed hash.
	Keys  *gm.Keyring
	Index *gm.BlindIndexer
	// Files keeps the photos, encrypted.
	Files *files.Store
	// Places names the district's streets, communities and grids
	// (OrgPlaces reads them from the organisation module).
	Places Places
	// Area bounds positions; QixiaBox when zero.
	Area Box
	// Limits bound the text of an order; DefaultLimits when zero.
	Limits Limits
	// Notify tells requesters about their orders (NotifyRequesters);
	// nobody is told when nil.
	Notify Notifier
	// Handling holds the rules of handling and closure (reopening and
	// follow-up windows, duplicates, proof); DefaultHandlingRules when zero.
	Handling HandlingRules
	// Contacts gives a resident's account contact (identity's Contact):
	// a resident filing from their account need not type a phone, and
	// the handler still has a number to call back. nil shows none.
	Contacts func(ctx context.Context, accountID int64) (name, phone string, err error)
}

// Limits bound what one order may carry.
type Limits struct {
	DescriptionRunes int   // the request's text
	Photos           int   // photos per order
	PhotoBytes       int64 // per photo
}

// DefaultLimits: a hotline transcript fits in 2,000 characters; nine photos
// is what a phone's picker shows at once; 20 MB is the platform's file cap.
var DefaultLimits = Limits{DescriptionRunes: 2000, Photos: 9, PhotoBytes: files.MaxSize}

// Service files work orders and keeps the category tree and the API keys.
// The later parts (dispatch, clocks, handling, measures, Open311) extend
// it in the same package.
type Service struct {
	Deps
	filedHooks []FiledHook
	eventHooks []EventHook
	// trees caches published tree versions, which never change.
	trees sync.Map
	gaz   gazetteerCache
	// disp caches published dispatch catalogues and departments (dispatch*.go).
	disp dispatchState
}

// New returns the service; it fails on missing dependencies, which is a
// wiring mistake.
func New(d Deps) (*Service, error) {
	if d.DB == nil || d.Keys == nil || d.Index == nil || d.Files == nil || d.Places == nil {
		return nil, errors.New("workorder: database, keys, index, files and places are required")
	}
	if d.Area == (Box{}) {
		d.Area = QixiaBox
	}
	if d.Limits == (Limits{}) {
		d.Limits = DefaultLimits
	}
	return &Service{Deps: d}, nil
}
