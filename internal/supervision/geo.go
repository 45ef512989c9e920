package supervision

import "math"

// Box is a latitude/longitude bounding box (WGS-84 degrees).
type Box struct{ MinLat, MaxLat, MinLng, MaxLng float64 }

// Contains reports whether the point lies in the box.
func (b Box) Contains(lat, lng float64) bool {
	return lat >= b.MinLat && lat <= b.MaxLat && lng >= b.MinLng && lng <= b.MaxLng
}

// QixiaBox bounds 栖霞区, Nanjing, with a margin of about a kilometre. It
// is built from known places at the district's edges: 迈皋桥 in the west
// (about 32.10N 118.80E), 八卦洲's northern tip (about 32.22N 118.83E),
// 龙潭's eastern edge towards 句容/仪征 (about 32.19N 119.22E) and 仙林/马群
// in the south (about 32.03N 118.90E). A box is coarse (it takes in some of
// neighbouring 玄武 and 江宁), but it refuses positions plainly elsewhere,
// which is what a phone's GPS check is for.
var QixiaBox = Box{MinLat: 32.02, MaxLat: 32.26, MinLng: 118.77, MaxLng: 119.25}

// point is a position in degrees.
type point struct{ lat, lng float64 }

// streetCentres are approximate centres of Qixia's streets (from public
// maps). No geocoder is reachable from a government intranet, so a task's
// position is its street's centre: distance orders tasks of different
// streets for a supervisor, not the doors of one street.
var streetCentres = map[string]point{
	"尧化街道": {32.127, 118.880}, "马群街道": {32.048, 118.893}, "迈皋桥街道": {32.108, 118.812},
	"燕子矶街道": {32.140, 118.820}, "栖霞街道": {32.155, 118.960}, "龙潭街道": {32.170, 119.050},
	"仙林街道": {32.100, 118.920}, "八卦洲街道": {32.190, 118.830}, "西岗街道": {32.080, 118.970},
}

// distanceKM is the great-circle distance between two points.
func distanceKM(a, b point) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLng := (b.lat-a.lat)*rad, (b.lng-a.lng)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.lat*rad)*math.Cos(b.lat*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}
