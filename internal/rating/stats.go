package rating

import (
	"context"
	"fmt"
	"sort"
)

// UnitStats are the public figures of one department or service point.
type UnitStats struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Rated int    `json:"rated"` // ratings given
	Good  int    `json:"good"`  // 基本满意 and better
	Bad   int    `json:"bad"`   // 不满意 and 非常不满意
	// Rectified counts bad ratings whose case was closed accepted.
	Rectified int `json:"rectified"`
	// SatisfactionRate is Good/Rated in per cent, one decimal; 0 when none.
	SatisfactionRate float64 `json:"satisfaction_rate"`
	// RectificationRate is Rectified/Bad in per cent; 100 when no bad rating.
	RectificationRate float64 `json:"rectification_rate"`
}

// Stats are the district's public figures.
type Stats struct {
	District    string      `json:"district"`
	Total       UnitStats   `json:"total"`
	Departments []UnitStats `json:"departments"`
	Points      []UnitStats `json:"points"`
}

// Stats computes the public figures of a district; anyone may read them.
func (s *Service) Stats(ctx context.Context, district string) (Stats, error) {
	names, err := s.names(ctx, district)
	if err != nil {
		return Stats{}, fmt.Errorf("rating: unit names: %w", err)
	}
	out := Stats{District: district, Total: UnitStats{Name: "全区"}}
	depts, points := map[string]*UnitStats{}, map[string]*UnitStats{}
	rows, err := s.DB.Query(ctx, `SELECT r.department, r.point, r.level, COALESCE(x.state, '')
		FROM ratings r LEFT JOIN rating_rectifications x ON x.rating_id = r.id
		WHERE r.district_code = ? AND r.level > 0`, district)
	if err != nil {
		return Stats{}, fmt.Errorf("rating: stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var dept, point, state string
		var level Level
		if err := rows.Scan(&dept, &point, &level, &state); err != nil {
			return Stats{}, fmt.Errorf("rating: stats: %w", err)
		}
		count(&out.Total, level, state)
		count(unit(depts, dept, names), level, state)
		count(unit(points, point, names), level, state)
	}
	if err := rows.Err(); err != nil {
		return Stats{}, err
	}
	rates(&out.Total)
	out.Departments, out.Points = sorted(depts), sorted(points)
	return out, nil
}

// unit returns the figures of code, created on first use; nil for no unit.
func unit(m map[string]*UnitStats, code string, names map[string]string) *UnitStats {
	if code == "" {
		return nil
	}
	u, ok := m[code]
	if !ok {
		u = &UnitStats{Code: code, Name: names[code]}
		if u.Name == "" {
			u.Name = code
		}
		m[code] = u
	}
	return u
}

func count(u *UnitStats, level Level, state string) {
	if u == nil {
		return
	}
	u.Rated++
	if level.Bad() {
		u.Bad++
		if State(state) == StateClosed {
			u.Rectified++
		}
	} else {
		u.Good++
	}
}

func rates(u *UnitStats) {
	u.SatisfactionRate, u.RectificationRate = percent(u.Good, u.Rated), 100
	if u.Bad > 0 {
		u.RectificationRate = percent(u.Rectified, u.Bad)
	}
}

// percent is n/d in per cent rounded to one decimal.
func percent(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64((n*1000+d/2)/d) / 10
}

// sorted lists the units, the most rated first, then by code.
func sorted(m map[string]*UnitStats) []UnitStats {
	out := make([]UnitStats, 0, len(m))
	for _, u := range m {
		rates(u)
		out = append(out, *u)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rated != out[j].Rated {
			return out[i].Rated > out[j].Rated
		}
		return out[i].Code < out[j].Code
	})
	return out
}
