package esign

import (
	"errors"
	"sync"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Service signs documents and verifies evidence. It caches parsed keys;
// everything else lives in the database.
type Service struct {
	d    *db.DB
	keys *gm.Keyring

	mu    sync.RWMutex
	cache map[string]*key
}

// New returns the service; keys seals the platform's private keys (the
// data keyring, SHANZHI_DATA_KEYS).
func New(d *db.DB, keys *gm.Keyring) (*Service, error) {
	switch {
	case d == nil:
		return nil, errors.New("esign: new: no database")
	case keys == nil:
		return nil, errors.New("esign: new: no data keyring")
	}
	return &Service{d: d, keys: keys, cache: map[string]*key{}}, nil
}
