package workorder

import (
	"context"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// reviewView is the data of the dispatcher's queue.
type reviewView struct {
	Queue ReviewQueue
	// Options are the units each order may be sent to, by order number.
	Options map[string][]unitOption
	Done    string
	Error   string
}

// unitOption is one unit of a dispatcher's select: the value is the
// unit's ref, an empty code standing for the order's own.
type unitOption struct {
	Value, Label string
}

func (h *Handlers) reviewData(r *http.Request) (reviewView, error) {
	ctx := r.Context()
	q, err := h.svc.Reviews(ctx, web.ActorFrom(ctx))
	if err != nil {
		return reviewView{}, err
	}
	v := reviewView{Queue: q, Options: map[string][]unitOption{}, Done: doneNotice(r)}
	for _, list := range [][]ReviewItem{q.Returned, q.Waiting} {
		for _, it := range list {
			if v.Options[it.Number], err = h.svc.unitOptions(ctx, h.district, it.Community); err != nil {
				return reviewView{}, err
			}
		}
	}
	return v, nil
}

// unitOptions lists the units an order of community may be sent to: its
// own community, grid, property, street and street enforcement team, and
// every department.
func (s *Service) unitOptions(ctx context.Context, district, community string) ([]unitOption, error) {
	g, err := s.gazetteer(ctx, district)
	if err != nil {
		return nil, err
	}
	c := g.byCode[community]
	out := []unitOption{
		{"community:", "所在社区（" + c.Name + "）"},
		{"grid:", "所在网格（" + c.Name + "）"},
		{"property:", "小区物业（" + c.Name + "）"},
		{"street:", "所在街道（" + c.StreetName + "）"},
		{"street:/enforcement", c.StreetName + "综合执法队"},
	}
	depts, err := s.departments(ctx, district)
	if err != nil {
		return nil, err
	}
	for _, d := range depts {
		out = append(out, unitOption{Target{Kind: KindDepartment, Code: d.Code}.Ref(), d.ShortName})
	}
	return out, nil
}
