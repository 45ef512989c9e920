package catalog

import (
	"context"
	"net/url"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// streetLevels are the levels a street's own points accept: its centre
// (street) and its community stations (community).
var streetLevels = []Level{LevelStreet, LevelCommunity}

// streetView is a chosen street on the services page: its name, its
// centre when known, and where its points are listed.
type streetView struct {
	Place
	Centre     *Place
	PointsHref string
}

// streets lists the district's streets, none when the site knows no places.
func (p *publicSite) streets(ctx context.Context) ([]Place, error) {
	if p.h.places == nil {
		return nil, nil
	}
	return p.h.places.Streets(ctx)
}

// street finds a street of the district by code, with its centre. The
// centre is the street's point numbered 01 (how the district numbers its
// points: division code + "P01"); when that point is not the street's
// centre the page simply links to the list of the street's points.
func (p *publicSite) street(ctx context.Context, all []Place, code string) (streetView, error) {
	code = strings.TrimSpace(code)
	for _, st := range all {
		if st.Code != code {
			continue
		}
		v := streetView{Place: st, PointsHref: "/service-points?street=" + url.QueryEscape(st.Code)}
		c, err := p.h.places.Point(ctx, st.Code+"P01")
		if err == nil && c.Level == LevelStreet && c.StreetCode == st.Code {
			v.Centre = &c
		}
		if err != nil && apperr.CodeOf(err) != apperr.CodeNotFound && apperr.CodeOf(err) != apperr.CodeInvalid {
			return streetView{}, err
		}
		return v, nil
	}
	return streetView{}, apperr.NotFound("没有找到这个街道，请从“按街道”列表中选择")
}
