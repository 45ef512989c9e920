package workorder

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// measureSums are the sums of one group, in measureRow's scan order.
const measureSums = `COUNT(*), SUM(counted),
	SUM(CASE WHEN counted = 1 THEN responded ELSE 0 END),
	SUM(CASE WHEN counted = 1 AND responded = 1 THEN response_secs ELSE 0 END),
	SUM(CASE WHEN counted = 1 AND resolved_at IS NOT NULL THEN 1 ELSE 0 END),
	SUM(CASE WHEN counted = 1 AND resolved_at IS NOT NULL THEN handling_secs ELSE 0 END),
	SUM(CASE WHEN outcome = 'fixed' THEN 1 ELSE 0 END), SUM(CASE WHEN outcome = 'not_fixed' THEN 1 ELSE 0 END),
	SUM(CASE WHEN outcome = 'not_ours' THEN 1 ELSE 0 END), SUM(CASE WHEN outcome = 'referred' THEN 1 ELSE 0 END),
	SUM(CASE WHEN counted = 1 AND on_time = 1 THEN 1 ELSE 0 END),
	SUM(CASE WHEN counted = 1 AND on_time = 0 THEN 1 ELSE 0 END),
	SUM(CASE WHEN satisfaction > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN satisfaction >= 4 THEN 1 ELSE 0 END)`

// Measures computes the measures the actor may see: of the orders filed
// in the query's period, in the places of the actor's scope, grouped by
// the query's dimension, with the total. Open orders past their
// resolution deadline count as late as of now.
func (s *Service) Measures(ctx context.Context, actor *authz.Actor, q MeasureQuery) (Measures, error) {
	now := s.DB.Clock.Now().UTC()
	from, to, err := q.normalise(now)
	if err != nil {
		return Measures{}, err
	}
	where, args, err := s.measureWhere(ctx, actor, q, from, to)
	if err != nil {
		return Measures{}, err
	}
	rows, err := s.measureParts(ctx, q.By, where, args, from, to)
	if err != nil {
		return Measures{}, err
	}
	if err := s.addOverdue(ctx, q.By, where, args, now, rows); err != nil {
		return Measures{}, err
	}
	m := Measures{Query: q, AsOf: now, Rows: []MeasureRow{}}
	for _, r := range rows {
		m.Total.add(*r)
		m.Rows = append(m.Rows, *r)
	}
	if err := s.nameRows(ctx, actor.District, q.By, m.Rows); err != nil {
		return Measures{}, err
	}
	for i := range m.Rows {
		m.Rows[i].rate()
	}
	m.Total.Key, m.Total.Name = "", "合计"
	m.Total.rate()
	sortRows(q.By, m.Rows)
	return m, nil
}

// measureWhere is the condition (on workorder_measures as m) of the
// query's period, filters and the actor's scope.
func (s *Service) measureWhere(ctx context.Context, actor *authz.Actor, q MeasureQuery, from, to time.Time) (string, []any, error) {
	if actor == nil || actor.Anonymous() {
		return "", nil, apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	scopes := scopesFor(actor, actMeasures)
	if len(scopes) == 0 {
		return "", nil, apperr.Forbidden("您无权" + actMeasures.Title)
	}
	conds := []string{`m.district_code = ?`, `m.filed_day BETWEEN ? AND ?`}
	args := []any{actor.District, from.Format(time.DateOnly), to.Format(time.DateOnly)}
	var ors []string
	whole := false
	for _, sc := range scopes {
		switch sc.Kind {
		case authz.ScopeDistrict:
			whole = whole || sc.Code == actor.District
		case authz.ScopeStreet:
			ors, args = append(ors, `m.street_code = ?`), append(args, sc.Code)
		case authz.ScopeCommunity:
			ors, args = append(ors, `m.community_code = ?`), append(args, sc.Code)
		} // grid grants see no measures: they stop at communities
	}
	switch {
	case whole:
		args = args[:3]
	case len(ors) > 0:
		conds = append(conds, `(`+strings.Join(ors, ` OR `)+`)`)
	default:
		return "", nil, apperr.Forbidden("您无权" + actMeasures.Title)
	}
	return s.measureFilters(ctx, actor, q, conds, args)
}

// measureFilters adds the query's filters, refusing places outside the
// actor's scope.
func (s *Service) measureFilters(ctx context.Context, actor *authz.Actor, q MeasureQuery, conds []string, args []any) (string, []any, error) {
	if q.Street != "" {
		if !measureCovers(actor, authz.Scope{Kind: authz.ScopeStreet, Code: q.Street}) {
			return "", nil, errMeasureScope("street")
		}
		conds, args = append(conds, `m.street_code = ?`), append(args, q.Street)
	}
	if q.Community != "" {
		g, err := s.gazetteer(ctx, actor.District)
		if err != nil {
			return "", nil, err
		}
		// A reattached community (东阳, 西花) belongs to the street it is
		// attached to, whose leaders see it.
		target := authz.Scope{Kind: authz.ScopeCommunity, Code: q.Community}.WithUnder(g.byCode[q.Community].Street)
		if !measureCovers(actor, target) {
			return "", nil, errMeasureScope("community")
		}
		conds, args = append(conds, `m.community_code = ?`), append(args, q.Community)
	}
	if q.Unit != "" {
		conds, args = append(conds, `m.unit = ?`), append(args, q.Unit)
	}
	if q.Category != "" {
		codes, err := s.categoryCodes(ctx, actor.District, q.Category)
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, `m.category_code IN (`+db.Marks(len(codes))+`)`)
		for _, c := range codes {
			args = append(args, c)
		}
	}
	return strings.Join(conds, ` AND `), args, nil
}

// measureCovers reports whether the actor's measure scopes cover target.
func measureCovers(actor *authz.Actor, target authz.Scope) bool {
	for _, sc := range scopesFor(actor, actMeasures) {
		if sc.Covers(target) {
			return true
		}
	}
	return false
}

// categoryCodes are the code and the codes below it in the current tree.
func (s *Service) categoryCodes(ctx context.Context, district, code string) ([]string, error) {
	t, err := s.CurrentTree(ctx, district)
	if err != nil {
		return nil, err
	}
	if _, ok := t.Find(code); !ok {
		return nil, &InputError{err: apperr.Invalid("category", "没有这个分类"),
			Reasons: map[string]Reason{"category": ReasonUnknownCategory}}
	}
	out := []string{}
	for _, c := range t.Categories {
		if underCategory(t, c.Code, code) {
			out = append(out, c.Code)
		}
	}
	return out, nil
}

// underCategory reports whether code is ancestor or below it.
func underCategory(t *Tree, code, ancestor string) bool {
	for code != "" {
		if code == ancestor {
			return true
		}
		c, ok := t.Find(code)
		if !ok {
			return false
		}
		code = c.Parent
	}
	return false
}

// measureParallel is how many parts of a long period are summed at once,
// each on its own connection: the sums add up, and one grouped scan of a
// year of a busy district keeps one core busy for seconds on SQLite.
const measureParallel = 4

// measurePartDays is the shortest part worth its own query.
const measurePartDays = 31

// measureParts runs the grouped sums over consecutive parts of [from, to]
// at once and adds them up. args[1] and args[2] are the period's bounds
// (see measureWhere); each part replaces them with its own.
func (s *Service) measureParts(ctx context.Context, by Dimension, where string, args []any, from, to time.Time) (map[string]*MeasureRow, error) {
	days := int(to.Sub(from).Hours()/24) + 1
	n := min(measureParallel, max(days/measurePartDays, 1))
	parts := make([]map[string]*MeasureRow, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		lo, hi := from.AddDate(0, 0, days*i/n), from.AddDate(0, 0, days*(i+1)/n-1)
		a := slices.Clone(args)
		a[1], a[2] = lo.Format(time.DateOnly), hi.Format(time.DateOnly)
		wg.Go(func() { parts[i], errs[i] = s.measureRows(ctx, by, where, a) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := parts[0]
	for _, p := range parts[1:] {
		for k, r := range p {
			if have, ok := out[k]; ok {
				have.add(*r)
			} else {
				out[k] = r
			}
		}
	}
	return out, nil
}

// measureRows runs the grouped sums.
func (s *Service) measureRows(ctx context.Context, by Dimension, where string, args []any) (map[string]*MeasureRow, error) {
	col := "m." + by.column()
	rows, err := s.DB.Query(ctx, `SELECT `+col+`, `+measureSums+` FROM workorder_measures m WHERE `+where+
		` GROUP BY `+col, args...)
	if err != nil {
		return nil, fmt.Errorf("workorder: measures: %w", err)
	}
	defer rows.Close()
	out := map[string]*MeasureRow{}
	for rows.Next() {
		r := &MeasureRow{}
		if err := rows.Scan(&r.Key, &r.Received, &r.Counted, &r.Responded, &r.respSecs, &r.Resolved, &r.handleSecs,
			&r.Fixed, &r.NotFixed, &r.NotOurs, &r.Referred, &r.OnTime, &r.Late, &r.Answered, &r.Satisfied); err != nil {
			return nil, fmt.Errorf("workorder: measures: %w", err)
		}
		out[r.Key] = r
	}
	return out, rows.Err()
}

// addOverdue counts the open orders whose resolution clock is past its
// deadline now, from the running and lapsed clocks.
func (s *Service) addOverdue(ctx context.Context, by Dimension, where string, args []any, now time.Time, into map[string]*MeasureRow) error {
	col := "m." + by.column()
	// CROSS JOIN: from the few live clocks (workorder_clocks_live_due) to
	// their rows, never from a year of rows to their clocks.
	rows, err := s.DB.Query(ctx, `SELECT `+col+`, COUNT(*) FROM workorder_clocks c CROSS JOIN workorder_measures m
		WHERE m.order_id = c.order_id AND c.kind = 'resolution' AND c.stopped_at IS NULL AND c.state <> 'paused'
		AND c.due_at < ? AND m.resolved_at IS NULL AND m.counted = 1 AND `+where+` GROUP BY `+col,
		append([]any{now}, args...)...)
	if err != nil {
		return fmt.Errorf("workorder: overdue: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return fmt.Errorf("workorder: overdue: %w", err)
		}
		r, ok := into[key]
		if !ok {
			r = &MeasureRow{Key: key}
			into[key] = r
		}
		r.Overdue += n
	}
	return rows.Err()
}

// sortRows puts periods in time order and the rest by orders received,
// most first.
func sortRows(by Dimension, rows []MeasureRow) {
	slices.SortFunc(rows, func(a, b MeasureRow) int {
		if !by.period() && a.Received != b.Received {
			return b.Received - a.Received
		}
		return strings.Compare(a.Key, b.Key)
	})
}
