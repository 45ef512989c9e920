package workorder

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Places names the district's streets, communities (those attached to a
// street, reattached ones included) and grids.
type Places interface {
	Streets(ctx context.Context, district string) ([]org.Street, error)
	Communities(ctx context.Context, district, street string) ([]org.Community, error)
	Grids(ctx context.Context, district, community string) ([]org.Grid, error)
}

// OrgPlaces reads places from the organisation module, as the system.
type OrgPlaces struct{ Org *org.Service }

// Streets lists the district's streets.
func (o OrgPlaces) Streets(ctx context.Context, district string) ([]org.Street, error) {
	l, err := o.Org.ListStreets(ctx, authz.System(district), district, org.Page{Limit: org.MaxLimit})
	return l.Items, err
}

// Communities lists a street's communities and villages.
func (o OrgPlaces) Communities(ctx context.Context, district, street string) ([]org.Community, error) {
	l, err := o.Org.ListCommunities(ctx, authz.System(district), street, org.Page{Limit: org.MaxLimit})
	return l.Items, err
}

// Grids lists a community's grid cells in code order.
func (o OrgPlaces) Grids(ctx context.Context, district, community string) ([]org.Grid, error) {
	l, err := o.Org.ListGrids(ctx, authz.System(district), community, org.Page{Limit: org.MaxLimit})
	return l.Items, err
}

// CommunityPlace is a community with its street's name and its
// approximate centre (see spread: a demo centre, not a surveyed one).
type CommunityPlace struct {
	Code       string `json:"code"`
	Name       string `json:"name"` // short name, e.g. 尧化社区
	Street     string `json:"street"`
	StreetName string `json:"street_name"`
	Centre     Point  `json:"approximate_centre"`
}

// StreetPlace is a street with its approximate centre and communities.
type StreetPlace struct {
	Code        string           `json:"code"`
	Name        string           `json:"name"`
	Centre      Point            `json:"approximate_centre"`
	Communities []CommunityPlace `json:"communities"`
}

// gazetteer is the district's streets and communities with their centres.
type gazetteer struct {
	streets []StreetPlace
	byCode  map[string]CommunityPlace
}

// gazetteerTTL is how long a district's places are kept: communities
// change by import, rarely, and a stale list only delays a new name.
const gazetteerTTL = 10 * time.Minute

type gazetteerCache struct {
	mu sync.Mutex
	by map[string]*gazetteer
	at map[string]time.Time
}

// gazetteer returns the district's places, read at most every TTL.
func (s *Service) gazetteer(ctx context.Context, district string) (*gazetteer, error) {
	now := s.DB.Clock.Now()
	c := &s.gaz
	c.mu.Lock()
	defer c.mu.Unlock()
	if g, ok := c.by[district]; ok && now.Sub(c.at[district]) < gazetteerTTL {
		return g, nil
	}
	g, err := s.loadGazetteer(ctx, district)
	if err != nil {
		return nil, err
	}
	if c.by == nil {
		c.by, c.at = map[string]*gazetteer{}, map[string]time.Time{}
	}
	c.by[district], c.at[district] = g, now
	return g, nil
}

// loadGazetteer reads the places and spreads each street's communities
// around the street's centre (the area's centre for unknown streets).
func (s *Service) loadGazetteer(ctx context.Context, district string) (*gazetteer, error) {
	streets, err := s.Places.Streets(ctx, district)
	if err != nil {
		return nil, fmt.Errorf("workorder: streets: %w", err)
	}
	g := &gazetteer{byCode: map[string]CommunityPlace{}}
	for _, st := range streets {
		cs, err := s.Places.Communities(ctx, district, st.Code)
		if err != nil {
			return nil, fmt.Errorf("workorder: communities of %s: %w", st.Code, err)
		}
		centre, ok := streetCentres[st.Name]
		if !ok {
			centre = s.Area.centre()
		}
		sp := StreetPlace{Code: st.Code, Name: st.Name, Centre: centre}
		for i, p := range spread(centre, len(cs)) {
			cp := CommunityPlace{Code: cs[i].Code, Name: cs[i].ShortName, Street: st.Code, StreetName: st.Name, Centre: p}
			sp.Communities = append(sp.Communities, cp)
			g.byCode[cp.Code] = cp
		}
		g.streets = append(g.streets, sp)
	}
	return g, nil
}

// Gazetteer lists the district's streets and communities with their
// approximate centres, for pickers and for the documentation of the guess.
func (s *Service) Gazetteer(ctx context.Context, district string) ([]StreetPlace, error) {
	g, err := s.gazetteer(ctx, district)
	if err != nil {
		return nil, err
	}
	return g.streets, nil
}

// nearest returns the community whose approximate centre is nearest to p
// within the street whose centre is nearest to p.
func (g *gazetteer) nearest(p Point) (CommunityPlace, bool) {
	var centres []Point
	var streets []StreetPlace
	for _, st := range g.streets {
		if len(st.Communities) > 0 {
			centres, streets = append(centres, st.Centre), append(streets, st)
		}
	}
	i := nearestOf(p, centres)
	if i < 0 {
		return CommunityPlace{}, false
	}
	cs := streets[i].Communities
	pts := make([]Point, len(cs))
	for j, c := range cs {
		pts[j] = c.Centre
	}
	return cs[nearestOf(p, pts)], true
}
