package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// MaxSearchRunes bounds a resident's search text.
const MaxSearchRunes = 100

// recheckEvery is how long a node trusts its index before asking the
// database whether the catalogue changed: every node of the site checks on
// its own, so a publication on one node reaches the others within it.
const recheckEvery = 3 * time.Second

// Query is a search or browse of the items in force. Zero fields select
// everything; without Q the items come in implementation code order.
type Query struct {
	Q          string
	Type       ItemType
	Department string
	Level      Level
	LifeEvent  string
	// PointLevel keeps the items a service point of this level may accept:
	// the resident is at such a point (see browseContext).
	PointLevel Level
	// AnyLevel keeps the items accepted at one of these levels at least:
	// browsing a street lists what its centre and stations accept.
	AnyLevel []Level
	// Online keeps the items that can be done on the phone (网上办).
	Online bool
	Limit  int
	Offset int
}

// SearchResult is one page of hits with the number of all that match.
type SearchResult struct {
	Hits  []Hit
	Total int
}

// Searcher searches the published items in force of one district. Its
// index is kept in memory and rebuilt when the catalogue changes: it
// compares the number of items and their latest change time with the
// database at most every few seconds, and rebuilds when a version's
// effective date passes.
type Searcher struct {
	db       *db.DB
	district string

	mu       sync.Mutex
	idx      *index
	sig      string
	checked  time.Time
	next     time.Time // earliest future effective date, zero when none
	building bool      // a request is checking or rebuilding the index
}

// NewSearcher returns the searcher of the district's catalogue.
func (s *Service) NewSearcher(district string) *Searcher {
	return &Searcher{db: s.db, district: district}
}

// Validate checks a query's text and filters, naming the bad field.
func (q Query) Validate() error {
	switch {
	case !utf8.ValidString(q.Q):
		return apperr.Invalid("q", "搜索内容含有无效字符")
	case utf8.RuneCountInString(q.Q) > MaxSearchRunes:
		return apperr.Invalid("q", "搜索内容不能超过100个字")
	case q.Type != "" && !q.Type.Valid():
		return apperr.Invalid("type", "事项类型无效")
	case q.Level != "" && !q.Level.Valid():
		return apperr.Invalid("level", "行使层级无效")
	case q.LifeEvent != "" && !slices.Contains(LifeEvents, q.LifeEvent):
		return apperr.Invalid("life_event", "人生大事无效")
	case q.PointLevel != "" && !q.PointLevel.Valid():
		return apperr.Invalid("point", "办事网点的层级无效")
	case slices.ContainsFunc(q.AnyLevel, func(l Level) bool { return !l.Valid() }):
		return apperr.Invalid("street", "街道网点的层级无效")
	}
	return nil
}

// keep reports whether an item passes the query's filters.
func (q Query) keep(it *Item) bool {
	return (q.Type == "" || it.ItemType == q.Type) &&
		(q.Department == "" || it.Department == q.Department) &&
		(q.Level == "" || slices.Contains(it.ExerciseLevels, q.Level)) &&
		(q.LifeEvent == "" || slices.Contains(it.LifeEvents, q.LifeEvent)) &&
		(q.PointLevel == "" || slices.Contains(it.ExerciseLevels, q.PointLevel)) &&
		(len(q.AnyLevel) == 0 || slices.ContainsFunc(it.ExerciseLevels, func(l Level) bool { return slices.Contains(q.AnyLevel, l) })) &&
		(!q.Online || it.Online)
}

// Find searches (with Q) or browses (without) the items in force.
func (s *Searcher) Find(ctx context.Context, q Query) (SearchResult, error) {
	if err := q.Validate(); err != nil {
		return SearchResult{}, err
	}
	ix, err := s.index(ctx)
	if err != nil {
		return SearchResult{}, err
	}
	p := Page{Limit: q.Limit, Offset: q.Offset}.normal()
	var sc *scoring
	var ds []int32
	if strings.TrimSpace(q.Q) != "" {
		sc, ds = ix.search(q.Q, q.keep)
	} else {
		sc = &scoring{ix: ix, reasons: map[int32][]string{}, score: make([]float64, len(ix.items))}
		for d := range ix.items {
			if q.keep(&ix.items[d]) {
				ds = append(ds, int32(d))
			}
		}
	}
	out := SearchResult{Total: len(ds), Hits: []Hit{}}
	for _, d := range ds[min(p.Offset, len(ds)):min(p.Offset+p.Limit, len(ds))] {
		out.Hits = append(out.Hits, sc.hit(d))
	}
	return out, nil
}

// Departments lists the departments that have items in force, in the
// order of their first item.
func (s *Searcher) Departments(ctx context.Context) ([]string, error) {
	ix, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for i := range ix.items {
		if !slices.Contains(out, ix.items[i].Department) {
			out = append(out, ix.items[i].Department)
		}
	}
	return out, nil
}

// index returns the current index, rebuilding it when stale. One request
// checks and rebuilds at a time; meanwhile the others keep using the old
// index rather than wait for the rebuild.
func (s *Searcher) index(ctx context.Context) (*index, error) {
	s.mu.Lock()
	now := s.db.Clock.Now().UTC()
	due := !s.next.IsZero() && !now.Before(s.next)
	if s.idx != nil && (s.building || (!due && now.Sub(s.checked) < recheckEvery)) {
		defer s.mu.Unlock()
		return s.idx, nil
	}
	s.building = true
	old, oldSig := s.idx, s.sig
	s.mu.Unlock()

	idx, sig, next, err := s.rebuild(ctx, now, old, oldSig, due)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.building = false
	if err != nil {
		return nil, err
	}
	s.idx, s.sig, s.next, s.checked = idx, sig, next, now
	return idx, nil
}

// rebuild checks the catalogue's signature and builds a new index when it
// changed, when a version took effect, or when there is none yet.
func (s *Searcher) rebuild(ctx context.Context, now time.Time, old *index, oldSig string, due bool) (*index, string, time.Time, error) {
	sig, err := s.signature(ctx)
	if err != nil {
		return nil, "", time.Time{}, err
	}
	if old != nil && !due && sig == oldSig {
		return old, sig, s.nextLocked(), nil
	}
	items, next, err := s.load(ctx, now)
	if err != nil {
		return nil, "", time.Time{}, err
	}
	return newIndex(items), sig, next, nil
}

// nextLocked reads the next effective date under the lock.
func (s *Searcher) nextLocked() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.next
}

// signature changes whenever an item of the district is saved, published
// or withdrawn: each of these writes the item row's updated_at.
func (s *Searcher) signature(ctx context.Context) (string, error) {
	var n int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM catalog_items WHERE district = ?`, s.district).Scan(&n); err != nil {
		return "", fmt.Errorf("catalog: search signature: %w", err)
	}
	var last time.Time
	err := s.db.QueryRow(ctx, `SELECT updated_at FROM catalog_items WHERE district = ? ORDER BY updated_at DESC LIMIT 1`,
		s.district).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("catalog: search signature: %w", err)
	}
	return fmt.Sprintf("%d/%d", n, last.UnixNano()), nil
}

// load reads the items in force and the next effective date to come.
func (s *Searcher) load(ctx context.Context, now time.Time) ([]Item, time.Time, error) {
	vs, err := readVersions(ctx, s.db, versionSelect+` WHERE i.district = ? AND i.status = 'published' AND`+
		currentWhere+` ORDER BY i.impl_code`, s.district, now, now)
	if err != nil {
		return nil, time.Time{}, err
	}
	items := make([]Item, len(vs))
	for i, v := range vs {
		items[i] = v.Item
	}
	var next time.Time
	err = s.db.QueryRow(ctx, `SELECT v.effective_from FROM catalog_item_versions v JOIN catalog_items i ON i.id = v.item_id
		WHERE i.district = ? AND v.state = 'published' AND v.effective_from > ? ORDER BY v.effective_from LIMIT 1`,
		s.district, now).Scan(&next)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, fmt.Errorf("catalog: next effective date: %w", err)
	}
	return items, next.UTC(), nil
}
