package delivery

import (
	"context"
	"fmt"
	"sort"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Overview is the district's delivery figures for leaders and
// administrators: how many results stand in each state, and per pickup
// point how many wait and how many were collected.
type Overview struct {
	Total  int          `json:"total"`
	States []StateCount `json:"states"`
	Points []PointCount `json:"points"`
}

// StateCount is the number of deliveries in one state.
type StateCount struct {
	State State  `json:"state"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// PointCount is one pickup point's figures.
type PointCount struct {
	Point      string `json:"point"`
	Name       string `json:"name"`
	Waiting    int    `json:"waiting"`
	HandedOver int    `json:"handed_over"`
}

// Overview counts the deliveries of the actor's district.
func (s *Service) Overview(ctx context.Context, actor *authz.Actor) (Overview, error) {
	if err := authz.Check(actor, actOversee, authz.Scope{}); err != nil {
		return Overview{}, err
	}
	if err := authz.Check(actor, actOversee, authz.District(actor.District)); err != nil {
		return Overview{}, err
	}
	out := Overview{States: []StateCount{}, Points: []PointCount{}}
	counts, err := s.countBy(ctx, `SELECT state, '', COUNT(*) FROM deliveries WHERE district_code = ? GROUP BY state`,
		actor.District)
	if err != nil {
		return Overview{}, err
	}
	for _, st := range States {
		n := counts[[2]string{string(st), ""}]
		out.Total += n
		out.States = append(out.States, StateCount{State: st, Name: st.Name(), Count: n})
	}
	if out.Points, err = s.pointCounts(ctx, actor.District); err != nil {
		return Overview{}, err
	}
	return out, nil
}

// pointCounts counts waiting and collected results per point, the
// busiest first.
func (s *Service) pointCounts(ctx context.Context, district string) ([]PointCount, error) {
	counts, err := s.countBy(ctx, `SELECT state, point, COUNT(*) FROM deliveries
		WHERE district_code = ? AND state = 'pickup' GROUP BY state, point
		UNION ALL SELECT state, handed_point, COUNT(*) FROM deliveries
		WHERE district_code = ? AND state = 'handed_over' GROUP BY state, handed_point`, district, district)
	if err != nil {
		return nil, err
	}
	names, err := s.pointNames(ctx, district)
	if err != nil {
		return nil, err
	}
	by := map[string]*PointCount{}
	for k, n := range counts {
		p := by[k[1]]
		if p == nil {
			p = &PointCount{Point: k[1], Name: names[k[1]]}
			if p.Name == "" {
				p.Name = k[1]
			}
			by[k[1]] = p
		}
		if State(k[0]) == StatePickup {
			p.Waiting += n
		} else {
			p.HandedOver += n
		}
	}
	out := make([]PointCount, 0, len(by))
	for _, p := range by {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Waiting+a.HandedOver != b.Waiting+b.HandedOver {
			return a.Waiting+a.HandedOver > b.Waiting+b.HandedOver
		}
		return a.Point < b.Point
	})
	return out, nil
}

// countBy runs a query of (key, key, count) rows into a map.
func (s *Service) countBy(ctx context.Context, query string, args ...any) (map[[2]string]int, error) {
	rows, err := s.DB.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("delivery: overview: %w", err)
	}
	defer rows.Close()
	out := map[[2]string]int{}
	for rows.Next() {
		var a, b string
		var n int
		if err := rows.Scan(&a, &b, &n); err != nil {
			return nil, fmt.Errorf("delivery: overview: %w", err)
		}
		out[[2]string{a, b}] += n
	}
	return out, rows.Err()
}
