package catalog

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Filter selects items of a staff list; zero fields select everything.
type Filter struct {
	Type       ItemType
	Department string
	Level      Level
	Online     *bool
	Status     State
	Q          string // part of the name
}

// Page selects a slice of a list.
type Page struct {
	Limit  int
	Offset int
}

// Page sizes.
const (
	DefaultLimit = 20
	MaxLimit     = 500
	maxQueryLen  = 50
)

// ListResult is one page of items with the number of all that match.
type ListResult struct {
	Items []Summary
	Total int
}

// where builds the filter's conditions over the latest version v and the
// item i, with their arguments.
func (f Filter) where(district string) (string, []any, error) {
	conds := []string{"i.district = ?", "v.version = (SELECT MAX(version) FROM catalog_item_versions x WHERE x.item_id = i.id)"}
	args := []any{district}
	add := func(cond string, arg any) { conds = append(conds, cond); args = append(args, arg) }
	if f.Type != "" {
		if !f.Type.Valid() {
			return "", nil, apperr.Invalid("type", "事项类型无效")
		}
		add("v.item_type = ?", string(f.Type))
	}
	if f.Department != "" {
		add("v.department = ?", f.Department)
	}
	if f.Level != "" {
		if !f.Level.Valid() {
			return "", nil, apperr.Invalid("level", "行使层级无效")
		}
		add("v.levels LIKE ?", "%,"+string(f.Level)+",%")
	}
	if f.Online != nil {
		add("v.online = ?", *f.Online)
	}
	if f.Status != "" {
		if _, ok := stateNames[f.Status]; !ok {
			return "", nil, apperr.Invalid("status", "状态无效")
		}
		add("i.status = ?", string(f.Status))
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		if utf8.RuneCountInString(q) > maxQueryLen || !utf8.ValidString(q) {
			return "", nil, apperr.Invalid("q", "搜索词不能超过50个字")
		}
		add(`v.name LIKE ? ESCAPE '\'`, "%"+likeEscaper.Replace(q)+"%")
	}
	return strings.Join(conds, " AND "), args, nil
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// List lists the items of the actor's district with their latest version,
// in implementation code order, for the staff console.
func (s *Service) List(ctx context.Context, actor *authz.Actor, f Filter, p Page) (ListResult, error) {
	if err := checkView(actor, districtOf(actor).Code); err != nil {
		return ListResult{}, err
	}
	where, args, err := f.where(actor.District)
	if err != nil {
		return ListResult{}, err
	}
	p = p.normal()
	from := ` FROM catalog_items i JOIN catalog_item_versions v ON v.item_id = i.id WHERE ` + where
	out := ListResult{Items: []Summary{}}
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&out.Total); err != nil {
		return out, fmt.Errorf("catalog: count items: %w", err)
	}
	rows, err := s.db.Query(ctx, `SELECT i.impl_code, v.name, v.item_type, v.department, v.levels, v.online, v.visits,
		i.status, v.version, v.state`+from+` ORDER BY i.impl_code LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	if err != nil {
		return out, fmt.Errorf("catalog: list items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sm Summary
		var levels string
		if err := rows.Scan(&sm.ImplCode, &sm.Name, &sm.Type, &sm.Department, &levels, &sm.Online, &sm.Visits,
			&sm.Status, &sm.Version, &sm.VersionState); err != nil {
			return out, fmt.Errorf("catalog: list items: %w", err)
		}
		sm.Levels = splitLevels(levels)
		out.Items = append(out.Items, sm)
	}
	return out, rows.Err()
}

func (p Page) normal() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	p.Limit = min(p.Limit, MaxLimit)
	p.Offset = max(p.Offset, 0)
	return p
}

func splitLevels(s string) []Level {
	var out []Level
	for _, l := range strings.Split(strings.Trim(s, ","), ",") {
		if l != "" {
			out = append(out, Level(l))
		}
	}
	return out
}
