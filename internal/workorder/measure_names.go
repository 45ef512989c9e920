package workorder

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// nameRows names each row's key for people: places and units by their
// names, categories by the current tree, periods in Chinese.
func (s *Service) nameRows(ctx context.Context, district string, by Dimension, rows []MeasureRow) error {
	n, err := s.namer(ctx, district)
	if err != nil {
		return err
	}
	for i := range rows {
		rows[i].Name = n.name(by, rows[i].Key)
	}
	return nil
}

// measureNamer names the keys of the measures.
type measureNamer struct {
	streets, communities, categories, depts map[string]string
}

// namer reads the names of the district's places, categories and
// departments.
func (s *Service) namer(ctx context.Context, district string) (*measureNamer, error) {
	n := &measureNamer{streets: map[string]string{}, communities: map[string]string{}, categories: map[string]string{},
		depts: map[string]string{}}
	g, err := s.gazetteer(ctx, district)
	if err != nil {
		return nil, err
	}
	for _, st := range g.streets {
		n.streets[st.Code] = st.Name
	}
	for code, c := range g.byCode {
		n.communities[code] = c.Name
	}
	if t, err := s.CurrentTree(ctx, district); err == nil {
		for _, c := range t.Categories {
			n.categories[c.Code] = c.Name
		}
	}
	if op, ok := s.Places.(OrgPlaces); ok {
		l, err := op.Org.ListDepartments(ctx, authz.System(district), district, org.Page{Limit: org.MaxLimit})
		if err != nil {
			return nil, fmt.Errorf("workorder: measures: departments: %w", err)
		}
		for _, d := range l.Items {
			n.depts[d.Code] = d.ShortName
		}
	}
	return n, nil
}

// name is the name of a key of dimension by; the key itself when unknown.
func (n *measureNamer) name(by Dimension, key string) string {
	switch by {
	case ByStreet:
		return measureOr(n.streets[key], key)
	case ByCommunity:
		return measureOr(n.communities[key], key)
	case ByCategory:
		return measureOr(n.categories[key], key)
	case ByUnit:
		return n.unit(key)
	case ByMonth:
		if t, err := time.Parse("2006-01", key); err == nil {
			return t.Format("2006年1月")
		}
	case ByWeek:
		if y, w, ok := strings.Cut(key, "-W"); ok {
			wn, _ := strconv.Atoi(w)
			return y + "年第" + strconv.Itoa(wn) + "周"
		}
	}
	return key
}

// unit names a unit written kind:code[/team] as events carry it.
func (n *measureNamer) unit(ref string) string {
	if ref == "" {
		return "未派单"
	}
	kind, rest, _ := strings.Cut(ref, ":")
	code, team, _ := strings.Cut(rest, "/")
	var name string
	switch kind {
	case "community":
		name = n.communities[code]
	case "property":
		if c := n.communities[code]; c != "" {
			name = c + "物业"
		}
	case "grid":
		if c := n.communities[code[:min(len(code), 12)]]; c != "" && len(code) > 12 {
			num, _ := strconv.Atoi(code[12:])
			name = c + "第" + strconv.Itoa(num) + "网格"
		}
	case "street":
		name = n.streets[code]
	case "department":
		name = n.depts[code]
	}
	if name == "" {
		return ref
	}
	if team == "enforcement" {
		name += "综合执法队"
	}
	return name
}

// measureOr is s, or def when s is empty.
func measureOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
