package org

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// qixiaStations is the number of community stations the book counts:
// 137 service points = 1 district centre + 9 street centres + 7
// department sub-centres + 120 community stations.
const qixiaStations = 120

// SeedResult tells what SeedQixia wrote.
type SeedResult struct {
	Import        ImportResult `json:"import"`
	Departments   int          `json:"departments_added"`
	ServicePoints int          `json:"service_points_added"`
	Grids         int          `json:"grids_added"`
}

// SeedQixia loads 栖霞区 from the embedded division lists and adds its
// reference data: 27 departments, 137 service points and 3–8 grid cells
// per community. It is idempotent: it adds what is missing and leaves
// existing rows as they are, so administrators' edits survive a re-run.
// Everything is written in one transaction, or nothing.
func SeedQixia(ctx context.Context, d *db.DB) (SeedResult, error) {
	plan, err := loadPlan(EmbeddedSource(), QixiaCode)
	if err != nil {
		return SeedResult{}, err
	}
	var res SeedResult
	err = d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if res.Import, err = applyPlan(ctx, tx, plan); err != nil {
			return err
		}
		if err := seedReference(ctx, tx, plan.district, &res); err != nil {
			return err
		}
		return auditSeed(ctx, tx, res)
	})
	if err != nil {
		return SeedResult{}, fmt.Errorf("org: seed %s: %w", QixiaCode, err)
	}
	return res, nil
}

// seedReference adds the departments, service points and grids.
func seedReference(ctx context.Context, tx *db.Tx, dist District, res *SeedResult) error {
	var err error
	if res.Departments, err = seedDepartments(ctx, tx, dist.Code, qixiaDepartments); err != nil {
		return err
	}
	streets, err := txStreets(ctx, tx, dist.Code)
	if err != nil {
		return err
	}
	communities, err := txCommunities(ctx, tx, dist.Code)
	if err != nil {
		return err
	}
	points := districtPoints(dist)
	points = append(points, streetCentres(dist, streets)...)
	points = append(points, stations(dist, streets, pickStations(communities, qixiaStations))...)
	if res.ServicePoints, err = insertPoints(ctx, tx, points); err != nil {
		return err
	}
	res.Grids, err = seedGrids(ctx, tx, communities)
	return err
}

// auditSeed records the import and, when it added anything, the seed.
func auditSeed(ctx context.Context, tx *db.Tx, res SeedResult) error {
	if err := auditImport(ctx, tx, res.Import); err != nil {
		return err
	}
	if res.Departments+res.ServicePoints+res.Grids == 0 {
		return nil
	}
	return audit.Append(ctx, tx, audit.Entry{
		Actor:      authz.System(res.Import.District.Code),
		Action:     "org.reference.seed",
		ObjectType: "district",
		ObjectID:   res.Import.District.Code,
		After:      res,
	})
}

// seedDepartments adds the missing departments, numbered in list order.
func seedDepartments(ctx context.Context, tx *db.Tx, district string, deps []seedDepartment) (int, error) {
	added := 0
	for i, dep := range deps {
		r, err := tx.Exec(ctx, `INSERT INTO departments (code, district_code, name, short_name, credit_code, phone,
			created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
			departmentCode(district, i+1), district, dep.name, dep.short, seedPhone, tx.Now(), tx.Now())
		if err != nil {
			return added, fmt.Errorf("seed department %s: %w", dep.name, err)
		}
		n, _ := r.RowsAffected()
		added += int(n)
	}
	return added, nil
}

// departmentCode builds a department code: district + "D" + 2 digits.
func departmentCode(district string, n int) string { return fmt.Sprintf("%sD%02d", district, n) }

// pointCode builds a service point code: division + "P" + 2 digits.
func pointCode(division string, n int) string { return fmt.Sprintf("%sP%02d", division, n) }
