package workorder

import (
	"encoding/json"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// newDispatchRig is the rig with dispatch enabled and, when catalogue is
// set, the demo dispatch catalogue published.
func newDispatchRig(t testing.TB, catalogue bool) *rig {
	t.Helper()
	r := newRig(t)
	r.s.EnableDispatch()
	if catalogue {
		if ok, err := r.s.SeedDemoCatalogue(r.ctx, district); err != nil || !ok {
			t.Fatalf("seed demo catalogue: %v %v", ok, err)
		}
	}
	return r
}

// streetDesk is the front desk of a street's centre: a dispatcher.
func streetDesk(id int64, street string) *authz.Actor {
	return staff(id, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: street + "P01"})
}

// file files a request of category in a community as a resident and
// returns the order as stored.
func (r *rig) file(t testing.TB, category, community string) Order {
	t.Helper()
	in := FileInput{Category: category, Description: "测试诉求：" + category, Community: r.communities[community].Code,
		Fields: demoFields(category)}
	f, err := r.s.File(r.ctx, resident(7), in)
	if err != nil {
		t.Fatalf("file %s in %s: %v", category, community, err)
	}
	return r.order(t, f.Order.Number)
}

// demoFields fills the required fields of the demo categories.
func demoFields(category string) map[string]any {
	f, _ := map[string]any{
		"WY-01": map[string]any{"issue": "occupied"},
		"WY-02": map[string]any{"building": "5栋", "fault": "stopped"},
		"WY-03": map[string]any{"part": "public", "building": "3栋"},
		"WY-04": map[string]any{"issue": []any{"prune"}},
		"WY-05": map[string]any{"place": "东门"},
		"WY-06": map[string]any{"issue": "guard"},
		"WY-07": map[string]any{"fee": "property_fee"},
		"CG-01": map[string]any{"issue": "garbage"},
		"CG-02": map[string]any{"status": "building"},
		"CG-03": map[string]any{"kind": "vendor"},
		"CG-06": map[string]any{"when": "2026-03-01T22:00"},
		"CG-07": map[string]any{"facility": "manhole"},
		"AQ-01": map[string]any{"issue": "blocked_lane"},
		"MS-01": map[string]any{"service": []any{"meals"}},
		"MS-04": map[string]any{"kind": "noise"},
	}[category].(map[string]any)
	return f
}

// order reads an order as stored.
func (r *rig) order(t testing.TB, number string) Order {
	t.Helper()
	o, err := loadOrder(r.ctx, r.d, `number = ?`, number)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// hops reads an order's assignments.
func (r *rig) hops(t testing.TB, o Order) []Assignment {
	t.Helper()
	as, err := assignmentsOf(r.ctx, r.d, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

// kinds lists an order's event kinds in order.
func (r *rig) kinds(t testing.TB, o Order) []EventKind {
	t.Helper()
	es, err := eventsOf(r.ctx, r.d, o.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	var out []EventKind
	for _, e := range es {
		out = append(out, e.Kind)
	}
	return out
}

// lastEvent reads an order's last event.
func (r *rig) lastEvent(t testing.TB, o Order) Event {
	t.Helper()
	es, err := eventsOf(r.ctx, r.d, o.ID, false)
	if err != nil || len(es) == 0 {
		t.Fatalf("events: %v", err)
	}
	return es[len(es)-1]
}

// payloadOf decodes a dispatch event's payload.
func payloadOf(t testing.TB, e Event) dispatchPayload {
	t.Helper()
	var p dispatchPayload
	if err := json.Unmarshal(e.Payload, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// dept returns a department's code by short name.
func (r *rig) dept(t testing.TB, short string) string {
	t.Helper()
	ds, err := r.s.departments(r.ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := departmentNamed(ds, short)
	if !ok {
		t.Fatalf("no department %s", short)
	}
	return d.Code
}

// noDepartments hides the department list, as places that cannot name
// departments do.
type noDepartments struct{ Places }

// withoutDepartments swaps the rig's places for ones without departments.
func (r *rig) withoutDepartments() {
	r.s.Places = noDepartments{r.s.Places}
}

// firstCommunityOf returns the first community of a street.
func (r *rig) firstCommunityOf(t testing.TB, street string) org.Community {
	t.Helper()
	code := r.streets[street]
	var out org.Community
	for _, c := range r.communities {
		if c.StreetCode == code && (out.Code == "" || c.Code < out.Code) {
			out = c
		}
	}
	if out.Code == "" {
		t.Fatalf("no community in %s", street)
	}
	return out
}

// isInvalid reports an invalid-input error naming field.
func isInvalid(err error, field string) bool {
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.CodeInvalid {
		return false
	}
	_, named := e.Fields[field]
	return named
}
