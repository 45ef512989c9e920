package workorder

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// PoolRadiusKM is how near an order a pool worker must be to see and take
// it (抢单, the ride-hailing model): a community's approximate centres lie
// within 2 km of their street's, so 3 km reaches the neighbouring
// communities and not the far side of the district.
const PoolRadiusKM = 3.0

// WorkerStatus is a pool worker's state: taking pool orders or not, and
// where they are taken to be.
type WorkerStatus struct {
	Available bool `json:"available"`
	// Position is the last reported one, else the approximate centre of
	// the worker's post (Reported false); nil when neither is known.
	Position  *Point     `json:"position,omitempty"`
	Reported  bool       `json:"reported"`
	LocatedAt *time.Time `json:"located_at,omitempty"`
}

// AvailabilityInput switches a worker on or off for pool orders and
// optionally reports their position (both coordinates or neither).
type AvailabilityInput struct {
	Available bool     `json:"available"`
	Lat       *float64 `json:"lat,omitempty"`
	Lng       *float64 `json:"lng,omitempty"`
}

// SetAvailability records whether the worker takes pool orders now and
// where they are. Staff who act for a unit only.
func (s *Service) SetAvailability(ctx context.Context, actor *authz.Actor, in AvailabilityInput) (WorkerStatus, error) {
	if err := checkWorker(actor); err != nil {
		return WorkerStatus{}, err
	}
	v := newViolations()
	pos, located := s.checkPosition(v, in.Lat, in.Lng)
	if err := v.err(); err != nil {
		return WorkerStatus{}, err
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var lat, lng sql.NullFloat64
		var at sql.NullTime
		if located {
			lat, lng = sql.NullFloat64{Float64: pos.Lat, Valid: true}, sql.NullFloat64{Float64: pos.Lng, Valid: true}
			at = sql.NullTime{Time: tx.Now(), Valid: true}
		}
		_, err := tx.Exec(ctx, `INSERT INTO workorder_workers (account_id, district_code, available, lat, lng,
			located_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE
			SET available = excluded.available, lat = COALESCE(excluded.lat, workorder_workers.lat),
			lng = COALESCE(excluded.lng, workorder_workers.lng),
			located_at = COALESCE(excluded.located_at, workorder_workers.located_at), updated_at = excluded.updated_at`,
			actor.AccountID, actor.District, in.Available, lat, lng, at, tx.Now())
		return err
	})
	if err != nil {
		return WorkerStatus{}, fmt.Errorf("workorder: availability: %w", err)
	}
	return s.workerStatus(ctx, s.DB, actor)
}

// workerStatus reads the worker's availability and position.
func (s *Service) workerStatus(ctx context.Context, q querier, actor *authz.Actor) (WorkerStatus, error) {
	st := WorkerStatus{Available: true}
	var lat, lng sql.NullFloat64
	var at sql.NullTime
	err := q.QueryRow(ctx, `SELECT available, lat, lng, located_at FROM workorder_workers WHERE account_id = ?`,
		actor.AccountID).Scan(&st.Available, &lat, &lng, &at)
	if err != nil && !isNoRows(err) {
		return WorkerStatus{}, fmt.Errorf("workorder: worker status: %w", err)
	}
	if lat.Valid && lng.Valid {
		st.Position, st.Reported, st.LocatedAt = &Point{Lat: lat.Float64, Lng: lng.Float64}, true, utcPtr(at)
		return st, nil
	}
	g, err := s.gazetteer(ctx, actor.District)
	if err != nil {
		return WorkerStatus{}, err
	}
	for _, sc := range workScopes(actor) {
		if p, ok := g.centreOf(sc); ok {
			st.Position = &p
			break
		}
	}
	return st, nil
}

// orderPoint is where an order is: its position, else its community's
// approximate centre.
func (g *gazetteer) orderPoint(o Order) (Point, bool) {
	if o.Place.Lat != nil && o.Place.Lng != nil {
		return Point{Lat: *o.Place.Lat, Lng: *o.Place.Lng}, true
	}
	c, ok := g.byCode[o.Place.Community]
	return c.Centre, ok
}

// distanceTo is the worker's distance to the order in km; ok is false
// when either place is unknown.
func (g *gazetteer) distanceTo(st WorkerStatus, o Order) (float64, bool) {
	p, ok := g.orderPoint(o)
	if !ok || st.Position == nil {
		return 0, false
	}
	return distanceKM(*st.Position, p), true
}

// mayTake reports whether a worker sees and may grab a pool order: a
// member of the pool's unit, available, within PoolRadiusKM.
func (g *gazetteer) mayTake(actor *authz.Actor, st WorkerStatus, o Order, pool Target) bool {
	if !st.Available || !g.memberOf(actor, pool) {
		return false
	}
	d, ok := g.distanceTo(st, o)
	return ok && d <= PoolRadiusKM
}
