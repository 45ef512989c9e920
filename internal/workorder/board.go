package workorder

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// BoardFilter selects the board's lines: Only "overdue" (past the
// deadline), "warning" (warned, not yet due) or "" for both.
type BoardFilter struct {
	Only   string `json:"only,omitempty"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
}

// BoardItem is one running clock of an open order that has passed its
// warning time: the order, which clock, its deadline, and how far past or
// before it the order is now.
type BoardItem struct {
	Number        string    `json:"number"`
	Category      string    `json:"category"`
	CategoryName  string    `json:"category_name"`
	Urgency       Urgency   `json:"urgency"`
	State         State     `json:"state"`
	StateName     string    `json:"state_name"`
	Community     string    `json:"community"`
	CommunityName string    `json:"community_name"`
	Unit          string    `json:"unit,omitempty"`
	UnitName      string    `json:"unit_name"`
	Clock         string    `json:"clock"` // response or resolution
	ClockName     string    `json:"clock_name"`
	DueAt         time.Time `json:"due_at"`
	Overdue       bool      `json:"overdue"`
	// Minutes is how long past the deadline (overdue) or before it.
	Minutes int       `json:"minutes"`
	FiledAt time.Time `json:"filed_at"`
}

// Board is a page of the board with its counts.
type Board struct {
	Items   []BoardItem `json:"items"`
	Overdue int         `json:"overdue"`
	Warning int         `json:"warning"`
	Total   int         `json:"total"`
	AsOf    time.Time   `json:"as_of"`
	Filter  BoardFilter `json:"filter"`
}

// maxBoardPage bounds a page of the board.
const maxBoardPage = 100

// Board lists the open orders of the actor's scope whose response or
// resolution clock has passed its warning time (about to lapse) or its
// deadline (overdue), the most overdue first: the orders staff must chase
// (催办) today. Staff who may view orders see those of their places and
// those they entered.
func (s *Service) Board(ctx context.Context, actor *authz.Actor, f BoardFilter) (Board, error) {
	scope, args, err := boardScope(actor)
	if err != nil {
		return Board{}, err
	}
	if f.Only != "" && f.Only != "overdue" && f.Only != "warning" {
		return Board{}, &InputError{err: apperr.Invalid("only", "只能筛选 overdue（已逾期）或 warning（临期）"),
			Reasons: map[string]Reason{"only": ReasonInvalid}}
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	f.Limit, f.Offset = min(f.Limit, maxBoardPage), max(f.Offset, 0)
	now := s.DB.Clock.Now().UTC()
	// Clocks not stopped are running, paused or lapsed: "not paused" keeps
	// the query on the index of live clocks (workorder_clocks_live_warn).
	where := `w.id = c.order_id AND c.stopped_at IS NULL AND c.state <> 'paused' AND c.warn_at <= ? AND w.state NOT IN
		('resolved', 'closed') AND ` + scope
	args = append([]any{now}, args...)
	b := Board{Items: []BoardItem{}, AsOf: now, Filter: f}
	if err := s.DB.QueryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN c.due_at <= ? THEN 1 ELSE 0 END), 0), COUNT(*)
		FROM workorder_clocks c CROSS JOIN workorders w WHERE `+where, append([]any{now}, args...)...).
		Scan(&b.Overdue, &b.Total); err != nil {
		return Board{}, fmt.Errorf("workorder: board: %w", err)
	}
	b.Warning = b.Total - b.Overdue
	switch f.Only {
	case "overdue":
		where, args, b.Total = where+` AND c.due_at <= ?`, append(args, now), b.Overdue
	case "warning":
		where, args, b.Total = where+` AND c.due_at > ?`, append(args, now), b.Warning
	}
	items, err := s.boardItems(ctx, actor.District, where, append(args, f.Limit, f.Offset), now)
	if err != nil {
		return Board{}, err
	}
	b.Items = items
	return b, nil
}

// boardScope is the condition (on workorders as w) of the orders the
// actor may view: staff over the places of their grants, and the orders
// they entered.
func boardScope(actor *authz.Actor) (string, []any, error) {
	if actor == nil || actor.Anonymous() {
		return "", nil, apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	if actor.Kind != authz.KindStaff || !actor.May(actView, authz.Scope{}) {
		return "", nil, apperr.Forbidden("您无权查看督办看板")
	}
	var ors []string
	args := []any{actor.District}
	for _, sc := range scopesFor(actor, actView) {
		ors, args = append(ors, `w.`+placeColumn[sc.Kind]+` = ?`), append(args, sc.Code)
	}
	ors, args = append(ors, `w.entered_by = ?`), append(args, actor.AccountID)
	return `w.district_code = ? AND (` + strings.Join(ors, ` OR `) + `)`, args, nil
}

// boardItems reads a page of the board, most overdue first, and names it.
func (s *Service) boardItems(ctx context.Context, district, where string, args []any, now time.Time) ([]BoardItem, error) {
	rows, err := s.DB.Query(ctx, `SELECT w.number, w.category_code, w.category_version, w.urgency, w.state,
		w.community_code, w.filed_at, c.kind, c.due_at, m.unit FROM workorder_clocks c
		CROSS JOIN workorders w LEFT JOIN workorder_measures m ON m.order_id = w.id
		WHERE `+where+` ORDER BY c.due_at, w.id LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("workorder: board: %w", err)
	}
	defer rows.Close()
	out := []BoardItem{}
	var versions []int
	for rows.Next() {
		var it BoardItem
		var version int
		var unit sql.NullString
		if err := rows.Scan(&it.Number, &it.Category, &version, &it.Urgency, &it.State, &it.Community, &it.FiledAt,
			&it.Clock, &it.DueAt, &unit); err != nil {
			return nil, fmt.Errorf("workorder: board: %w", err)
		}
		it.DueAt, it.FiledAt, it.Unit = it.DueAt.UTC(), it.FiledAt.UTC(), unit.String
		it.Overdue = !it.DueAt.After(now)
		it.Minutes = int(now.Sub(it.DueAt).Abs() / time.Minute)
		out, versions = append(out, it), append(versions, version)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("workorder: board: %w", err)
	}
	rows.Close()
	return out, s.nameBoard(ctx, district, out, versions)
}

// clockNames are the Chinese names of the clocks.
var clockNames = map[string]string{"response": "首次响应", "resolution": "办结"}

// nameBoard fills the names of the board's lines.
func (s *Service) nameBoard(ctx context.Context, district string, items []BoardItem, versions []int) error {
	if len(items) == 0 {
		return nil
	}
	n, err := s.namer(ctx, district)
	if err != nil {
		return err
	}
	for i := range items {
		it := &items[i]
		tree, err := s.TreeVersion(ctx, district, versions[i])
		if err != nil {
			return err
		}
		c, _ := tree.Find(it.Category)
		it.CategoryName, it.StateName, it.ClockName = c.Name, it.State.Name(), measureOr(clockNames[it.Clock], it.Clock)
		it.CommunityName, it.UnitName = measureOr(n.communities[it.Community], it.Community), n.unit(it.Unit)
	}
	return nil
}

// Span writes Minutes for people: "2天3小时", "5小时20分钟", "45分钟".
func (it BoardItem) Span() string {
	d, h, m := it.Minutes/1440, it.Minutes%1440/60, it.Minutes%60
	switch {
	case d > 0:
		return fmt.Sprintf("%d天%d小时", d, h)
	case h > 0:
		return fmt.Sprintf("%d小时%d分钟", h, m)
	}
	return fmt.Sprintf("%d分钟", m)
}
