package workorder

import (
	"context"
	"fmt"
	"math"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// maxDuplicates bounds the suggestions shown for one order.
const maxDuplicates = 20

// Duplicates suggests open orders that may be the same matter as the
// order number, to triage staff within scope: the same category, filed
// within HandlingRules.DuplicateWindow of it, and within
// DuplicateRadiusM of its position (or, for an order without a position,
// in the same community at the same typed address). Staff decide, and
// merge with Merge; nothing is merged automatically.
func (s *Service) Duplicates(ctx context.Context, actor *authz.Actor, number string) ([]Summary, error) {
	if err := authz.Check(actor, actTriage, authz.Scope{}); err != nil {
		return nil, err
	}
	o, err := s.loadActing(ctx, s.DB, actor, number)
	if err != nil {
		return nil, err
	}
	if !covers(actor, actTriage, o) {
		return []Summary{}, nil
	}
	return s.duplicatesOf(ctx, actor, o)
}

// duplicatesOf finds the suggestions for o the actor may see and merge.
func (s *Service) duplicatesOf(ctx context.Context, actor *authz.Actor, o Order) ([]Summary, error) {
	out := []Summary{}
	if !o.State.Open() {
		return out, nil
	}
	cands, err := s.nearby(ctx, o)
	if err != nil {
		return nil, err
	}
	for _, c := range cands {
		if !mayView(actor, c) || !covers(actor, actTriage, c) {
			continue
		}
		sum, err := s.summary(ctx, c)
		if err != nil {
			return nil, err
		}
		out = append(out, sum)
	}
	return out, nil
}

// nearby reads the open orders of o's category filed near it in time and
// place, nearest in time first.
func (s *Service) nearby(ctx context.Context, o Order) ([]Order, error) {
	r := s.rules()
	where := `district_code = ? AND category_code = ? AND id <> ? AND filed_at >= ? AND filed_at <= ?
		AND state NOT IN (?, ?)`
	args := []any{o.District, o.CategoryCode, o.ID, o.FiledAt.Add(-r.DuplicateWindow),
		o.FiledAt.Add(r.DuplicateWindow), StateResolved, StateClosed}
	if o.Place.Lat != nil && o.Place.Lng != nil {
		dLat, dLng := degreesAround(*o.Place.Lat, r.DuplicateRadiusM)
		where += ` AND lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?`
		args = append(args, *o.Place.Lat-dLat, *o.Place.Lat+dLat, *o.Place.Lng-dLng, *o.Place.Lng+dLng)
	} else if o.Place.Address != "" {
		where += ` AND community_code = ? AND address = ?`
		args = append(args, o.Place.Community, o.Place.Address)
	} else {
		return nil, nil
	}
	rows, err := s.DB.Query(ctx, orderSelect+` WHERE `+where+` ORDER BY filed_at, id LIMIT ?`,
		append(args, maxDuplicates*5)...)
	if err != nil {
		return nil, fmt.Errorf("workorder: duplicates: %w", err)
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		c, err := scanOrder(rows)
		if err != nil {
			return nil, fmt.Errorf("workorder: duplicates: %w", err)
		}
		if within(o, c, r.DuplicateRadiusM) && len(out) < maxDuplicates {
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

// degreesAround is how many degrees of latitude and longitude span metres
// at a latitude: the bounding box the index narrows to before the exact
// distance.
func degreesAround(lat, metres float64) (dLat, dLng float64) {
	dLat = metres / 111_000
	dLng = metres / (111_000 * math.Cos(lat*math.Pi/180))
	return dLat, dLng
}

// within reports whether c is within metres of o (orders without a
// position matched by address are within).
func within(o, c Order, metres float64) bool {
	if o.Place.Lat == nil || c.Place.Lat == nil {
		return true
	}
	d := distanceKM(Point{*o.Place.Lat, *o.Place.Lng}, Point{*c.Place.Lat, *c.Place.Lng}) * 1000
	return d <= metres
}
