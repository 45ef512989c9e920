package workorder

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
)

const district = "320113"

// A Monday morning in CST.
var testNow = time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC)

// rig is a service over a fresh database with Qixia's organisation and
// the demo category tree.
type rig struct {
	ctx   context.Context
	d     *db.DB
	clock *clock.Manual
	s     *Service
	// streets and communities by name; grids of a community in code order.
	streets     map[string]string
	communities map[string]org.Community
}

func newRig(t testing.TB) *rig {
	t.Helper()
	r := &rig{ctx: context.Background(), clock: clock.NewManual(testNow), streets: map[string]string{},
		communities: map[string]org.Community{}}
	r.d = dbtest.Open(t, r.clock)
	if _, err := org.ImportDivisions(r.ctx, r.d, district, org.EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	if _, err := org.SeedQixia(r.ctx, r.d); err != nil {
		t.Fatal(err)
	}
	keys, idx := gmtest.Keys(t)
	places := OrgPlaces{Org: org.New(r.d)}
	var err error
	r.s, err = New(Deps{DB: r.d, Keys: keys, Index: idx, Files: files.New(r.d, keys), Places: places})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := r.s.SeedDemo(r.ctx, district); err != nil || !ok {
		t.Fatalf("seed demo: %v %v", ok, err)
	}
	sts, err := places.Streets(r.ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		r.streets[st.Name] = st.Code
		cs, err := places.Communities(r.ctx, district, st.Code)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			r.communities[c.ShortName] = c
		}
	}
	return r
}

// resident returns a resident actor.
func resident(id int64) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindResident, Name: "王*", District: district,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(id)}}}
}

// staff returns a staff member holding role over scope.
func staff(id int64, role authz.Role, scope authz.Scope) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, Name: "测试", District: district,
		Grants: []authz.Grant{{Role: role, Scope: scope}}}
}

func communityScope(code string) authz.Scope {
	return authz.Scope{Kind: authz.ScopeCommunity, Code: code}
}

func streetScope(code string) authz.Scope { return authz.Scope{Kind: authz.ScopeStreet, Code: code} }

// admin is the district's administrator.
var admin = staff(900, authz.RoleAdmin, authz.District(district))

func pngBytes() []byte {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)))
	return b.Bytes()
}

func ptr(f float64) *float64 { return &f }

// parkingRequest is a good resident request: 停车管理 in a chosen community.
func (r *rig) parkingRequest(community string) FileInput {
	return FileInput{Category: "WY-01", Description: "小区东门车位长期被外来车辆占用",
		Fields: map[string]any{"issue": "occupied", "plate": "苏A12345"}, Community: r.communities[community].Code,
		Address: "某小区东门"}
}
