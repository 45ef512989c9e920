package rating_test

import (
	"context"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

// TestOrgUnits names Qixia's departments and service points.
func TestOrgUnits(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, clock.NewManual(start))
	if _, err := org.ImportDivisions(ctx, d, district, org.EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	if _, err := org.SeedQixia(ctx, d); err != nil {
		t.Fatal(err)
	}
	o := org.New(d)
	names, err := rating.OrgUnits{Org: o}.UnitNames(ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := o.ListDepartments(ctx, nil, district, org.Page{Limit: 1})
	if err != nil || len(ds.Items) != 1 {
		t.Fatalf("departments: %+v, %v", ds, err)
	}
	ps, err := o.ListServicePoints(ctx, nil, org.PointFilter{District: district}, org.Page{Limit: 1})
	if err != nil || len(ps.Items) != 1 {
		t.Fatalf("points: %+v, %v", ps, err)
	}
	if names[ds.Items[0].Code] != ds.Items[0].Name || names[ps.Items[0].Code] != ps.Items[0].Name {
		t.Fatalf("names miss %s or %s: %d names", ds.Items[0].Code, ps.Items[0].Code, len(names))
	}
	if len(names) < ds.Total+ps.Total {
		t.Fatalf("%d names for %d departments and %d points", len(names), ds.Total, ps.Total)
	}
}
