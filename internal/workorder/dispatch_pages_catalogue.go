package workorder

import (
	"context"
	"net/http"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Bounds of the catalogue pages: a catalogue of 27 categories × 142
// communities is about 600 KB of JSON; the overview shows a filtered part.
const (
	maxCatalogueJSON = 4 << 20
	catalogueRowsMax = 300
)

func (h *Handlers) registerCataloguePages(rt *web.Router) {
	rt.Page("GET "+CataloguePath, h.cataloguePage, web.SignedIn)
	// The JSON editor and publishing.
	draftPages[Catalogue, []Rule]{rd: h.rd, base: CataloguePath, page: "workorder/dispatch_draft",
		maxBytes: maxCatalogueJSON, draft: h.svc.CatalogueDraft, content: func(c *Catalogue) []Rule { return c.Rules },
		save: h.svc.SaveCatalogueDraft, publish: h.svc.PublishCatalogue}.register(rt)
}

// catalogueView is the data of the catalogue overview.
type catalogueView struct {
	versionsView[Catalogue]
	Rows     []ruleRow
	Total    int
	Category string
}

// ruleRow is one rule as the overview shows it.
type ruleRow struct {
	Rule
	CategoryName string
	PlaceName    string
	UnitName     string
	AssistNames  string
}

func (h *Handlers) cataloguePage(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	vs, err := readVersions(CataloguePath, func() ([]Catalogue, error) { return h.svc.CatalogueVersions(ctx, actor) },
		func() (*Catalogue, error) { return h.svc.CurrentCatalogue(ctx, actor) })
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v := catalogueView{versionsView: vs, Category: r.URL.Query().Get("category")}
	v.Done = r.URL.Query().Get("done")
	if v.Current != nil {
		v.Rows, v.Total = h.svc.ruleRows(ctx, actor.District, v.Current.Rules, v.Category)
	}
	h.rd.Render(w, r, http.StatusOK, "workorder/dispatch_catalogue", v)
}

// ruleRows names the rules whose category starts with category, the
// first catalogueRowsMax of them, and counts them all.
func (s *Service) ruleRows(ctx context.Context, district string, rules []Rule, category string) ([]ruleRow, int) {
	tree, _ := s.CurrentTree(ctx, district)
	g, _ := s.gazetteer(ctx, district)
	var out []ruleRow
	total := 0
	for _, r := range rules {
		if !strings.HasPrefix(r.Category, category) {
			continue
		}
		if total++; total > catalogueRowsMax {
			continue
		}
		row := ruleRow{Rule: r, CategoryName: "全部分类", PlaceName: "全区", UnitName: s.ruleUnitName(ctx, district, r.Unit)}
		if c, ok := tree.Find(r.Category); ok {
			row.CategoryName = c.Name
		}
		if r.Place != "" && g != nil {
			row.PlaceName = g.placeName(r.Place)
		}
		var names []string
		for _, a := range r.Assists {
			names = append(names, s.ruleUnitName(ctx, district, a))
		}
		row.AssistNames = strings.Join(names, "、")
		out = append(out, row)
	}
	return out, total
}

// ruleUnitName names a rule's unit, "own" units as such.
func (s *Service) ruleUnitName(ctx context.Context, district string, u Target) string {
	if u.Code == "" {
		return "所在" + u.Kind.Name() + teamNames[u.Team]
	}
	return s.unitName(ctx, district, u)
}

// placeName names a street, community or grid code.
func (g *gazetteer) placeName(code string) string {
	if c, ok := g.byCode[prefix(code, 12)]; ok {
		if len(code) > 12 {
			return c.Name + "网格" + code[12:]
		}
		return c.Name
	}
	return g.streetName(code)
}
