package license

import (
	"errors"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Encryption and blind index context of the holder's code.
const ctxHolderCode = "licences.holder_code"

// chinaTime is the zone of issue dates and validity.
var chinaTime = time.FixedZone("CST", 8*60*60)

// Service issues, changes and verifies electronic licences.
type Service struct {
	db     *db.DB
	keys   *gm.Keyring
	index  *gm.BlindIndexer
	sealer Sealer
	notify Notifier
	// Printing and sharing (options).
	marks   MarkSource
	baseURL string
	demo    bool
}

// New returns the licence service. notify may be nil (no SMS is queued).
func New(d *db.DB, keys *gm.Keyring, index *gm.BlindIndexer, sealer Sealer, notify Notifier,
	opts ...Option) (*Service, error) {
	if d == nil || keys == nil || index == nil || sealer == nil {
		return nil, errors.New("license: database, keyring, blind indexer and sealer are required")
	}
	s := &Service{db: d, keys: keys, index: index, sealer: sealer, notify: notify}
	for _, o := range opts {
		o(s)
	}
	var err error
	if s.baseURL, err = normalizeBaseURL(s.baseURL); err != nil {
		return nil, err
	}
	return s, nil
}

// today is the calendar date of t in China, YYYY-MM-DD.
func today(t time.Time) string { return t.In(chinaTime).Format(time.DateOnly) }
