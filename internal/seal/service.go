package seal

import (
	"errors"
	"sync"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Encryption contexts of the sealed private keys.
const (
	ctxRootKey = "seal_roots.private"
	ctxDeptKey = "seal_keys.private"
)

// Service runs the district CA and the department seals. It caches opened
// keys and parsed certificates; everything else lives in the database.
type Service struct {
	d    *db.DB
	keys *gm.Keyring
	font []byte

	mu    sync.RWMutex
	privs map[string]*deptKey // department keys by id
	roots map[string]*rootCA  // by district code
	// chained remembers certificates found to chain to their root.
	chained map[[32]byte]bool
	marks   map[string][]byte // PNG by department code and name
}

// Option configures the service.
type Option func(*Service)

// WithMarkFont gives Mark a TrueType font with the hanzi of department
// names (the pdfdoc font); without it Mark refuses.
func WithMarkFont(ttf []byte) Option { return func(s *Service) { s.font = ttf } }

// New returns the service; keys seals the private keys (the data keyring,
// SHANZHI_DATA_KEYS).
func New(d *db.DB, keys *gm.Keyring, opts ...Option) (*Service, error) {
	switch {
	case d == nil:
		return nil, errors.New("seal: new: no database")
	case keys == nil:
		return nil, errors.New("seal: new: no data keyring")
	}
	s := &Service{d: d, keys: keys, privs: map[string]*deptKey{}, roots: map[string]*rootCA{},
		chained: map[[32]byte]bool{}, marks: map[string][]byte{}}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}
