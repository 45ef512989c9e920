package audit_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

const gulou = "320106" // another district of Nanjing

func TestListPermissionsOverEveryRole(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	appendN(t, d, staff(1, qixia, authz.RoleAdmin, authz.District(qixia)), 3)
	for _, role := range authz.AllRoles {
		allowed := role == authz.RoleAdmin || role == authz.RoleLeader
		t.Run(string(role), func(t *testing.T) {
			actor := staff(50, qixia, role, authz.District(qixia))
			p, err := audit.List(ctx, d, actor, audit.Filter{})
			if allowed && (err != nil || len(p.Records) != 3) {
				t.Fatalf("%s in district: %d records, %v; want 3", role, len(p.Records), err)
			}
			if !allowed && apperr.CodeOf(err) != apperr.CodeForbidden {
				t.Fatalf("%s in district: err = %v, want forbidden", role, err)
			}
		})
	}
}

func TestListRefusesOutsideTheActorsScope(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	appendN(t, d, staff(1, qixia, authz.RoleAdmin, authz.District(qixia)), 2)
	street := authz.Scope{Kind: authz.ScopeStreet, Code: qixia + "001"}
	cases := []struct {
		name   string
		actor  *authz.Actor
		filter audit.Filter
		want   apperr.Code
	}{
		{"admin of another district", staff(2, gulou, authz.RoleAdmin, authz.District(gulou)), audit.Filter{District: qixia}, apperr.CodeForbidden},
		{"leader of another district", staff(3, gulou, authz.RoleLeader, authz.District(gulou)), audit.Filter{District: qixia}, apperr.CodeForbidden},
		{"admin asking for another district", staff(4, qixia, authz.RoleAdmin, authz.District(qixia)), audit.Filter{District: gulou}, apperr.CodeForbidden},
		{"admin of one street only", staff(5, qixia, authz.RoleAdmin, street), audit.Filter{}, apperr.CodeForbidden},
		{"leader of one street only", staff(6, qixia, authz.RoleLeader, street), audit.Filter{}, apperr.CodeForbidden},
		{"admin without a district", staff(7, "", authz.RoleAdmin, authz.District(qixia)), audit.Filter{}, apperr.CodeForbidden},
		{"nobody signed in", nil, audit.Filter{District: qixia}, apperr.CodeUnauthorized},
	}
	for _, c := range cases {
		if _, err := audit.List(ctx, d, c.actor, c.filter); apperr.CodeOf(err) != c.want {
			t.Errorf("%s: err = %v, want %s", c.name, err, c.want)
		}
	}
}

func TestListShowsOnlyTheDistrictsRecords(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	appendN(t, d, staff(1, qixia, authz.RoleAdmin, authz.District(qixia)), 2)
	appendN(t, d, staff(2, gulou, authz.RoleAdmin, authz.District(gulou)), 3)
	appendN(t, d, authz.System(qixia), 1)
	for district, want := range map[string]int{qixia: 3, gulou: 3} {
		leader := staff(9, district, authz.RoleLeader, authz.District(district))
		p, err := audit.List(ctx, d, leader, audit.Filter{})
		if err != nil || len(p.Records) != want {
			t.Fatalf("%s: %d records, %v; want %d", district, len(p.Records), err, want)
		}
		for _, r := range p.Records {
			if r.District != district {
				t.Errorf("%s leader sees record %d of %s", district, r.Seq, r.District)
			}
		}
	}
	p, err := audit.List(ctx, d, authz.System(qixia), audit.Filter{ActorKind: string(authz.KindSystem)})
	if err != nil || len(p.Records) != 1 || p.Records[0].ActorName != "系统" {
		t.Fatalf("system records: %+v, %v", p.Records, err)
	}
}

func TestListFiltersAndPages(t *testing.T) {
	start := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	c := clock.NewManual(start)
	d := dbtest.Open(t, c)
	ctx := context.Background()
	alice := staff(1, qixia, authz.RoleApprover, authz.District(qixia))
	bob := staff(2, qixia, authz.RoleInspector, authz.District(qixia))
	for i := range 30 { // one record a minute; object ids cycle 0..6
		c.Advance(time.Minute)
		actor := alice
		if i%3 == 0 {
			actor = bob
		}
		if err := d.InTx(ctx, func(tx *db.Tx) error { return audit.Append(ctx, tx, entry(actor, i)) }); err != nil {
			t.Fatal(err)
		}
	}
	admin := staff(9, qixia, authz.RoleAdmin, authz.District(qixia))
	list := func(f audit.Filter) []int64 {
		t.Helper()
		p, err := audit.List(ctx, d, admin, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, r := range p.Records {
			out = append(out, r.Seq)
		}
		return out
	}
	checks := []struct {
		name string
		f    audit.Filter
		want []int64
	}{
		{"object", audit.Filter{ObjectType: "thing", ObjectID: "3"}, []int64{25, 18, 11, 4}},
		{"other object type", audit.Filter{ObjectType: "application"}, nil},
		{"actor", audit.Filter{ActorID: 2, Before: 20}, []int64{19, 16, 13, 10, 7, 4, 1}},
		{"time range", audit.Filter{From: start.Add(10 * time.Minute), To: start.Add(13 * time.Minute)}, []int64{12, 11, 10}},
		{"time range with seconds", audit.Filter{From: start.Add(9*time.Minute + time.Second), To: start.Add(11*time.Minute + time.Second)}, []int64{11, 10}},
	}
	for _, ch := range checks {
		if got := list(ch.f); !slices.Equal(got, ch.want) {
			t.Errorf("%s: seqs %v, want %v", ch.name, got, ch.want)
		}
	}
	assertPagesCoverAll(t, d, admin, 30)
}

// assertPagesCoverAll pages through the whole log with the cursor.
func assertPagesCoverAll(t *testing.T, d *db.DB, admin *authz.Actor, total int64) {
	t.Helper()
	var seen []int64
	f := audit.Filter{Limit: 7}
	for pages := 0; ; pages++ {
		p, err := audit.List(context.Background(), d, admin, f)
		if err != nil || pages > 10 {
			t.Fatalf("page %d: %v", pages, err)
		}
		for _, r := range p.Records {
			seen = append(seen, r.Seq)
		}
		if p.Next == 0 {
			break
		}
		f.Before = p.Next
	}
	if int64(len(seen)) != total || seen[0] != total || seen[len(seen)-1] != 1 {
		t.Fatalf("pages gave %v", seen)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] != seen[i-1]-1 {
			t.Fatalf("pages skipped or repeated around seq %d: %v", seen[i], seen)
		}
	}
}

func TestListRefusesBadFilters(t *testing.T) {
	d := dbtest.Open(t, nil)
	admin := staff(9, qixia, authz.RoleAdmin, authz.District(qixia))
	now := time.Now()
	for name, f := range map[string]audit.Filter{
		"negative limit": {Limit: -1},
		"huge limit":     {Limit: audit.MaxLimit + 1},
		"bad cursor":     {Before: -5},
		"reversed range": {From: now, To: now.Add(-time.Hour)},
	} {
		if _, err := audit.List(context.Background(), d, admin, f); apperr.CodeOf(err) != apperr.CodeInvalid {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
}
