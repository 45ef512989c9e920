package workorder

import (
	"math"
	"testing"
)

// TestPlaceMapProjectsEveryCommunityInsideTheDrawing checks the schematic
// map: each community of Qixia's streets has a dot inside the drawing, and the
// page script's inverse (linear in both axes) gives back its centre to
// within the drawing's rounding.
func TestPlaceMapProjectsEveryCommunityInsideTheDrawing(t *testing.T) {
	r := newRig(t)
	streets, err := r.s.Gazetteer(r.ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	m := newPlaceMap(QixiaBox, streets)
	if m.Width != mapWidth || m.Height < 400 || m.Height > 700 {
		t.Fatalf("drawing %vx%v, want 1000 wide and about 590 high for Qixia's box", m.Width, m.Height)
	}
	dots, want := 0, 0
	for _, st := range streets {
		want += len(st.Communities)
	}
	for i, st := range m.Streets {
		if st.Name != streets[i].Name || len(st.Communities) != len(streets[i].Communities) {
			t.Fatalf("street %d: %s with %d dots, want %s with %d", i, st.Name, len(st.Communities),
				streets[i].Name, len(streets[i].Communities))
		}
		for j, c := range st.Communities {
			dots++
			if c.X < 0 || c.X > m.Width || c.Y < 0 || c.Y > m.Height {
				t.Errorf("%s at (%v, %v) is outside the drawing", c.Name, c.X, c.Y)
			}
			want := streets[i].Communities[j].Centre
			lng := m.Box.MinLng + c.X/m.Width*(m.Box.MaxLng-m.Box.MinLng)
			lat := m.Box.MaxLat - c.Y/m.Height*(m.Box.MaxLat-m.Box.MinLat)
			if math.Abs(lng-want.Lng) > 0.001 || math.Abs(lat-want.Lat) > 0.001 {
				t.Errorf("%s: the inverse gives (%.4f, %.4f), want (%.4f, %.4f)", c.Name, lat, lng, want.Lat, want.Lng)
			}
		}
	}
	if dots != want || dots < 129 { // the nine streets' own 129, and those attached to them
		t.Errorf("%d community dots, want the gazetteer's %d", dots, want)
	}
}
