package org

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// districtPoints returns the district centre and the department
// sub-centres.
func districtPoints(dist District) []ServicePoint {
	centre := ServicePoint{Code: pointCode(dist.Code, 1), DistrictCode: dist.Code, Level: LevelDistrictCentre,
		DivisionCode: dist.Code, ServicePointFields: ServicePointFields{
			Name: dist.Name + "政务服务中心", Address: "南京市" + dist.Name, Phone: seedPhone,
			OpeningHours: hoursDistrict, AcceptsApplications: true, Pickup: true, SelfService: true, Active: true,
		}}
	out := []ServicePoint{centre}
	for i, sc := range qixiaSubcentres {
		out = append(out, ServicePoint{Code: pointCode(dist.Code, i+2), DistrictCode: dist.Code, Level: LevelSubcentre,
			DivisionCode: dist.Code, DepartmentCode: departmentCode(dist.Code, sc.dept),
			ServicePointFields: ServicePointFields{Name: sc.name, Address: "南京市" + dist.Name, Phone: seedPhone,
				OpeningHours: hoursOffice, AcceptsApplications: true, Active: true}})
	}
	return out
}

// streetCentres returns one centre per street, named "<street>政务服务中心".
func streetCentres(dist District, streets []Street) []ServicePoint {
	out := make([]ServicePoint, 0, len(streets))
	for _, st := range streets {
		out = append(out, ServicePoint{Code: pointCode(st.Code, 1), DistrictCode: dist.Code, Level: LevelStreetCentre,
			DivisionCode: st.Code, ServicePointFields: ServicePointFields{
				Name: st.Name + "政务服务中心", Address: "南京市" + dist.Name + st.Name, Phone: seedPhone,
				OpeningHours: hoursOffice, AcceptsApplications: true, Pickup: true, SelfService: true, Active: true,
			}})
	}
	return out
}

// stations returns one station per chosen community,
// named "<community short name>便民服务站".
func stations(dist District, streets []Street, chosen []Community) []ServicePoint {
	streetName := map[string]string{}
	for _, st := range streets {
		streetName[st.Code] = st.Name
	}
	out := make([]ServicePoint, 0, len(chosen))
	for _, c := range chosen {
		out = append(out, ServicePoint{Code: pointCode(c.Code, 1), DistrictCode: dist.Code, Level: LevelStation,
			DivisionCode: c.Code, ServicePointFields: ServicePointFields{
				Name: c.ShortName + "便民服务站", Address: "南京市" + dist.Name + streetName[c.StreetCode] + c.ShortName,
				OpeningHours: hoursOffice, AcceptsApplications: true, Pickup: true, Active: true,
			}})
	}
	return out
}

// pickStations chooses which communities get a station, deterministically:
// every urban community (社区) in code order, then villages dealt one at a
// time to each street in turn (streets in code order, each street's
// villages in code order) until n are chosen. Dealing in turns spreads the
// stations over every street with villages instead of exhausting the first
// one; the villages left without one are served by a neighbouring station
// or their street centre. For 栖霞区: all 102 communities and 18 of the 29
// villages (栖霞 3 of 3, 西岗 2 of 2, 八卦洲 6 of 7, 龙潭 7 of 17).
func pickStations(communities []Community, n int) []Community {
	var out []Community
	queues := map[string][]Community{}
	var order []string
	for _, c := range communities {
		if c.Kind == KindCommunity {
			out = append(out, c)
			continue
		}
		if _, ok := queues[c.StreetCode]; !ok {
			order = append(order, c.StreetCode)
		}
		queues[c.StreetCode] = append(queues[c.StreetCode], c)
	}
	sort.Strings(order)
	for dealt := true; dealt && len(out) < n; {
		dealt = false
		for _, st := range order {
			if q := queues[st]; len(q) > 0 && len(out) < n {
				out, queues[st], dealt = append(out, q[0]), q[1:], true
			}
		}
	}
	if len(out) > n {
		out = out[:n]
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// insertPoints adds the points that do not exist yet.
func insertPoints(ctx context.Context, tx *db.Tx, points []ServicePoint) (int, error) {
	added := 0
	for _, p := range points {
		dept := sql.NullString{String: p.DepartmentCode, Valid: p.DepartmentCode != ""}
		r, err := tx.Exec(ctx, `INSERT INTO service_points (code, district_code, name, level, division_code,
			department_code, address, phone, opening_hours, accepts_applications, pickup, self_service, active,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
			p.Code, p.DistrictCode, p.Name, string(p.Level), p.DivisionCode, dept, p.Address, p.Phone, p.OpeningHours,
			p.AcceptsApplications, p.Pickup, p.SelfService, p.Active, tx.Now(), tx.Now())
		if err != nil {
			return added, fmt.Errorf("seed service point %s: %w", p.Code, err)
		}
		n, _ := r.RowsAffected()
		added += int(n)
	}
	return added, nil
}
