package workorder

import (
	"fmt"
	"slices"
	"time"
)

// batch draws the orders filed at times, numbering them from next (the
// next free number of each China day, advanced here).
func (g *genScript) batch(w *genWorld, times []time.Time, next map[string]int64) []genOrder {
	out := make([]genOrder, len(times))
	for i, t := range times {
		day := genDayKey(t)
		out[i] = g.order(w, t, fmt.Sprintf("GD%s%06d", day, next[day]))
		next[day]++
	}
	return out
}

// order draws one order filed at t and plays its life.
func (g *genScript) order(w *genWorld, t time.Time, number string) genOrder {
	c := w.categories[genPick(w.weights, g.rnd.Float64())]
	cm := w.communities[g.rnd.IntN(len(w.communities))]
	grid := ""
	if len(cm.grids) > 0 {
		grid = cm.grids[g.rnd.IntN(len(cm.grids))]
	}
	o := genOrder{Order: Order{District: w.district, Number: number, Channel: g.channel(c), CategoryCode: c.Code,
		CategoryVersion: w.version, Urgency: g.urgency(c), Description: genText(c.Category, g.rnd.IntN(6)),
		FiledAt: t, UpdatedAt: t, Anonymous: g.rnd.Float64() < 0.08}, fields: c.fields[g.rnd.IntN(len(c.fields))]}
	o.Place = Place{Address: cm.StreetName + cm.Name + genAddressSuffixes[g.rnd.IntN(len(genAddressSuffixes))],
		Street: cm.Street, Community: cm.Code, Grid: grid, Source: PlaceNearest}
	switch r := g.rnd.Float64(); {
	case r < 0.9:
		lat, lng := cm.Centre.Lat+(g.rnd.Float64()-0.5)*0.008, cm.Centre.Lng+(g.rnd.Float64()-0.5)*0.008
		o.Place.Lat, o.Place.Lng = &lat, &lng
		if r >= 0.6 {
			o.Place.Source = PlaceChosen
		}
	default:
		o.Place.Source = PlaceAddress
	}
	unit := w.unitFor(c.Handler, cm, grid)
	mode := "direct"
	if unit.Kind == "property" && g.rnd.Float64() < 0.5 {
		mode = "grab"
	}
	g.live(&o, c, unit, mode)
	due := o.clocks[1].due
	o.fact = foldFact(factDims{District: w.district, FiledAt: t, Street: cm.Street, Community: cm.Code,
		Category: c.Code}, o.events, &due)
	return o
}

// channel draws how a request of category c came in: property kinds mostly
// through the property form and the resident H5, city matters mostly by
// the hotlines and grid workers.
func (g *genScript) channel(c genCategory) Channel {
	r := g.rnd.Float64()
	if c.Property {
		return genPickChannel(r, []Channel{ChannelProperty, ChannelH5, ChannelHotline, ChannelGrid}, []float64{0.45, 0.75, 0.95, 1})
	}
	return genPickChannel(r, []Channel{ChannelH5, ChannelHotline, ChannelHotline2, ChannelHomeVisit, ChannelGrid,
		ChannelGridCentre, ChannelWeCom, ChannelAPI}, []float64{0.25, 0.58, 0.66, 0.74, 0.90, 0.96, 0.98, 1})
}

func genPickChannel(r float64, chs []Channel, cum []float64) Channel {
	return chs[genPick(cum, r)]
}

// urgency draws an urgency the category offers: most are normal.
func (g *genScript) urgency(c genCategory) Urgency {
	choices := c.UrgencyChoices()
	r := g.rnd.Float64()
	switch {
	case r < 0.02 && slices.Contains(choices, UrgencyCritical):
		return UrgencyCritical
	case r < 0.12 && slices.Contains(choices, UrgencyUrgent):
		return UrgencyUrgent
	}
	return UrgencyNormal
}

// genPick is the index of the first cumulative weight above r.
func genPick(cum []float64, r float64) int {
	i, _ := slices.BinarySearch(cum, r)
	return min(i, len(cum)-1)
}
