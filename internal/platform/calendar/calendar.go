package calendar

import (
	"log/slog"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
)

// Calendar answers working-day questions over the Chinese holiday calendar.
// Its methods are safe for concurrent use; readers never block. Build one
// with [New] or [Default]; the zero value has no holiday data at all.
type Calendar struct {
	snap      atomic.Pointer[snapshot]
	mu        sync.Mutex // serialises writers
	log       *slog.Logger
	onMissing func(year int)
	reported  sync.Map // year (int) -> struct{}: missing years already reported
}

// New returns a Calendar holding the embedded years (2007 onwards) plus any
// given with [WithYears].
func New(opts ...Option) (*Calendar, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	years := cfg.years
	if !cfg.noEmbedded {
		emb, err := embeddedYears()
		if err != nil {
			return nil, err
		}
		years = append(slices.Clone(emb), years...)
	}
	data := make(map[int]YearData, len(years))
	for _, y := range years {
		if err := y.Validate(); err != nil {
			return nil, err
		}
		data[y.Year] = y.clone()
	}
	c := &Calendar{log: cfg.logger, onMissing: cfg.onMissing}
	c.snap.Store(newSnapshot(data))
	return c, nil
}

// Default returns a new Calendar with the embedded years, logging to
// [slog.Default]. It panics if the embedded data is corrupt, which the
// package tests rule out.
func Default() *Calendar {
	c, err := New()
	if err != nil {
		panic(err)
	}
	return c
}

// AddYear parses one year file in the holiday-cn format (see [ParseYear]) and
// adds it with [Calendar.AddYearData]. It returns the year added.
func (c *Calendar) AddYear(data []byte) (year int, err error) {
	y, err := parseYear(data)
	if err != nil {
		return 0, err
	}
	return y.Year, c.AddYearData(y)
}

// AddYearData validates y and adds it, replacing any data for the same year.
// Computations already running finish on the previous data.
func (c *Calendar) AddYearData(y YearData) error {
	if err := y.Validate(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	data := maps.Clone(c.load().data)
	if data == nil {
		data = map[int]YearData{}
	}
	data[y.Year] = y.clone()
	c.snap.Store(newSnapshot(data))
	c.logger().Info("calendar: holiday data loaded", "year", y.Year, "days", len(y.Days))
	return nil
}

// emptySnapshot serves a zero Calendar.
var emptySnapshot = newSnapshot(map[int]YearData{})

// load returns the current snapshot.
func (c *Calendar) load() *snapshot {
	if s := c.snap.Load(); s != nil {
		return s
	}
	return emptySnapshot
}

// HasYear reports whether holiday data for year y is loaded.
func (c *Calendar) HasYear(y int) bool { return c.load().hasYear(y) }

// Years returns the years with holiday data, in ascending order.
func (c *Calendar) Years() []int {
	s := c.load()
	return append([]int(nil), s.years...)
}

// Data returns a copy of the holiday data for year y, if loaded.
func (c *Calendar) Data(y int) (YearData, bool) {
	d, ok := c.load().data[y]
	if !ok {
		return YearData{}, false
	}
	return d.clone(), true
}
