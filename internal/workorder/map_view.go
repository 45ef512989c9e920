package workorder

import (
	"fmt"
	"math"
)

// PlaceMap is the district drawn as a schematic map for the request
// forms: streets and communities placed at their approximate centres
// inside the district's box. No map tiles are reachable from the
// government network, so the form draws its own; a tap on it gives a
// position the service turns into a community (nearest), as a GPS fix
// would. It is a 示意图, not a survey: the page says so.
type PlaceMap struct {
	Width, Height float64
	// Box is the district's box, for the page's script to turn a tap
	// into latitude and longitude.
	Box     Box
	Streets []MapStreet
}

// MapStreet is a street's label and its communities' dots.
type MapStreet struct {
	Name        string
	X, Y        float64
	Communities []MapCommunity
}

// MapCommunity is a community's dot.
type MapCommunity struct {
	Code, Name string
	X, Y       float64
	// Lat and Lng are its approximate centre, formatted for the form.
	Lat, Lng string
}

// mapWidth is the drawing's width in SVG units; its height follows the
// box's proportions on the ground.
const mapWidth = 1000

// newPlaceMap projects the gazetteer onto the drawing: an equirectangular
// projection scaled by the cosine of the box's middle latitude, which is
// exact enough across a district.
func newPlaceMap(box Box, streets []StreetPlace) PlaceMap {
	mid := (box.MinLat + box.MaxLat) / 2 * math.Pi / 180
	scale := mapWidth / ((box.MaxLng - box.MinLng) * math.Cos(mid))
	height := math.Round((box.MaxLat - box.MinLat) * scale)
	at := func(p Point) (float64, float64) {
		return math.Round((p.Lng - box.MinLng) * math.Cos(mid) * scale), math.Round((box.MaxLat - p.Lat) * scale)
	}
	m := PlaceMap{Width: mapWidth, Height: height, Box: box}
	for _, st := range streets {
		ms := MapStreet{Name: st.Name}
		ms.X, ms.Y = at(st.Centre)
		for _, c := range st.Communities {
			mc := MapCommunity{Code: c.Code, Name: c.Name, Lat: fmt.Sprintf("%.6f", c.Centre.Lat),
				Lng: fmt.Sprintf("%.6f", c.Centre.Lng)}
			mc.X, mc.Y = at(c.Centre)
			ms.Communities = append(ms.Communities, mc)
		}
		m.Streets = append(m.Streets, ms)
	}
	return m
}
