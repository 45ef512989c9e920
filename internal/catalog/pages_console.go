package catalog

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// consolePageSize is the number of items per page of the staff list.
const consolePageSize = 20

// option is one choice of a filter's select.
type option struct {
	Value, Label string
	Selected     bool
}

// tally is one figure of the counts panel.
type tally struct {
	Label string
	Count int
}

// listRow is one item of the staff list: its latest version.
type listRow struct {
	Summary
	Item      Item
	Effective time.Time
}

// listPage is the data of console_list.
type listPage struct {
	Filter      Filter
	Types       []option
	Departments []option
	Levels      []option
	Statuses    []option
	Rows        []listRow
	Total       int
	From, To    int
	Prev, Next  string
	Counts      Counts
	ByType      []tally
	ByLevel     []tally
	CanEdit     bool
	ExportHref  string // the workbook of the current filter
}

// consoleList shows the district's items with filters, pagination and the
// reporting counts of the items in force.
func (h *Handlers) consoleList(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	q := r.URL.Query()
	f := filterOf(q)
	offset, _ := strconv.Atoi(q.Get("offset"))
	offset = max(offset, 0)
	res, err := h.svc.List(ctx, actor, f, Page{Limit: consolePageSize, Offset: offset})
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	counts, err := h.svc.Counts(ctx, actor, actor.District)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	depts, err := h.svc.depts.DepartmentNames(ctx, actor.District)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p := listPage{Filter: f, Total: res.Total, Counts: counts, CanEdit: may(actor, actEdit), ExportHref: exportHref(f)}
	p.fillOptions(f, depts)
	p.fillCounts(counts)
	for _, sm := range res.Items {
		row := listRow{Summary: sm}
		if v, err := h.svc.GetVersion(ctx, actor, sm.ImplCode, sm.Version); err == nil {
			row.Item, row.Effective = v.Item, v.EffectiveFrom
		} else {
			h.rd.Error(w, r, err)
			return
		}
		p.Rows = append(p.Rows, row)
	}
	p.paginate(r.URL, offset, len(res.Items))
	h.rd.Render(w, r, http.StatusOK, "catalog/console_list", p)
}

// filterOf reads the list's filter from the query; the list and the Excel
// export read the same parameters, so an export is what the list shows.
func filterOf(q url.Values) Filter {
	return Filter{Type: ItemType(q.Get("type")), Department: q.Get("department"), Level: Level(q.Get("level")),
		Status: State(q.Get("status")), Q: q.Get("q")}
}

// may reports whether the actor may take the action on its district.
func may(actor *authz.Actor, act *authz.Action) bool {
	return authz.Check(actor, act, districtOf(actor)) == nil
}

func (p *listPage) fillOptions(f Filter, depts map[string]bool) {
	for _, t := range ItemTypes {
		p.Types = append(p.Types, option{string(t), t.Name(), t == f.Type})
	}
	names := make([]string, 0, len(depts))
	for d := range depts {
		names = append(names, d)
	}
	sort.Strings(names)
	for _, d := range names {
		p.Departments = append(p.Departments, option{d, d, d == f.Department})
	}
	for _, l := range Levels {
		p.Levels = append(p.Levels, option{string(l), l.Name(), l == f.Level})
	}
	for _, s := range []State{StateDraft, StatePublished, StateWithdrawn} {
		p.Statuses = append(p.Statuses, option{string(s), s.Name(), s == f.Status})
	}
}

func (p *listPage) fillCounts(c Counts) {
	for _, t := range ItemTypes {
		if n := c.ByType[t]; n > 0 {
			p.ByType = append(p.ByType, tally{t.Name(), n})
		}
	}
	for _, l := range Levels {
		p.ByLevel = append(p.ByLevel, tally{l.Name(), c.ByLevel[l]})
	}
}

// paginate sets the range shown and the links to the pages around it,
// keeping the filters.
func (p *listPage) paginate(u *url.URL, offset, n int) {
	if n > 0 {
		p.From, p.To = offset+1, offset+n
	}
	link := func(off int) string {
		q := u.Query()
		q.Del("offset")
		if off > 0 {
			q.Set("offset", strconv.Itoa(off))
		}
		return (&url.URL{Path: u.Path, RawQuery: q.Encode()}).String()
	}
	if offset > 0 {
		p.Prev = link(max(offset-consolePageSize, 0))
	}
	if offset+n < p.Total && n > 0 {
		p.Next = link(offset + n)
	}
}
