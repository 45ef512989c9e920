package workorder

import "math"

// Box is a latitude/longitude bounding box (WGS-84 degrees).
type Box struct{ MinLat, MaxLat, MinLng, MaxLng float64 }

// Contains reports whether the point lies in the box.
func (b Box) Contains(p Point) bool {
	return p.Lat >= b.MinLat && p.Lat <= b.MaxLat && p.Lng >= b.MinLng && p.Lng <= b.MaxLng
}

// centre is the middle of the box.
func (b Box) centre() Point { return Point{(b.MinLat + b.MaxLat) / 2, (b.MinLng + b.MaxLng) / 2} }

// QixiaBox bounds 栖霞区 with a margin of about a kilometre: the same box
// as internal/supervision/geo.go (built from 迈皋桥, 八卦洲, 龙潭 and
// 仙林/马群 at the district's edges). It is coarse, but refuses positions
// plainly elsewhere, which is what the check is for.
var QixiaBox = Box{MinLat: 32.02, MaxLat: 32.26, MinLng: 118.77, MaxLng: 119.25}

// Point is a position in degrees.
type Point struct {
	Lat float64 `json:"lat"`
	Lng float64 `json:"lng"`
}

// streetCentres are approximate centres of Qixia's streets from public
// maps, the same figures as internal/supervision/geo.go.
var streetCentres = map[string]Point{
	"尧化街道": {32.127, 118.880}, "马群街道": {32.048, 118.893}, "迈皋桥街道": {32.108, 118.812},
	"燕子矶街道": {32.140, 118.820}, "栖霞街道": {32.155, 118.960}, "龙潭街道": {32.170, 119.050},
	"仙林街道": {32.100, 118.920}, "八卦洲街道": {32.190, 118.830}, "西岗街道": {32.080, 118.970},
}

// distanceKM is the great-circle distance between two points.
func distanceKM(a, b Point) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLng := (b.Lat-a.Lat)*rad, (b.Lng-a.Lng)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// spreadKM is the radius over which a street's communities are spread.
const spreadKM = 2.0

// goldenAngle spreads points evenly on a disc (the sunflower pattern).
const goldenAngle = 2.399963229728653

// spread places n points deterministically on a disc of spreadKM around
// centre: point i at radius spreadKM·√((i+½)/n) and angle i·golden angle.
// These are NOT community boundaries or real centres: no community
// polygons are available offline, so each community gets a stable,
// approximate (demo) centre inside its street's area, good enough to
// guess the community of a position for staff to confirm.
func spread(centre Point, n int) []Point {
	out := make([]Point, n)
	kmLat := 111.0
	kmLng := 111.0 * math.Cos(centre.Lat*math.Pi/180)
	for i := range n {
		r := spreadKM * math.Sqrt((float64(i)+0.5)/float64(n))
		a := float64(i) * goldenAngle
		out[i] = Point{Lat: centre.Lat + r*math.Cos(a)/kmLat, Lng: centre.Lng + r*math.Sin(a)/kmLng}
	}
	return out
}

// nearestOf returns the index of the candidate nearest to p (-1 when none).
func nearestOf(p Point, candidates []Point) int {
	best, bestD := -1, math.Inf(1)
	for i, c := range candidates {
		if d := distanceKM(p, c); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}
