package workorder

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// queueLimit bounds the hops a queue reads: a unit's open work, not its
// history.
const queueLimit = 500

// QueueItem is one order in a handler's queue.
type QueueItem struct {
	Summary
	Role         AssignmentRole  `json:"role"`
	RoleName     string          `json:"role_name"`
	Mode         Mode            `json:"mode"`
	Unit         string          `json:"unit"`
	UnitName     string          `json:"unit_name"`
	HopState     AssignmentState `json:"hop_state"`
	HopStateName string          `json:"hop_state_name"`
	Address      string          `json:"address,omitempty"`
	AssignedAt   time.Time       `json:"assigned_at"`
	// DistanceKM is the worker's distance to a pool order.
	DistanceKM *float64 `json:"distance_km,omitempty"`
	// Mine: the viewer signed or grabbed it.
	Mine bool `json:"mine"`
	// MayAccept: sign for it (签收; for a co-unit, 协办签收).
	MayAccept bool `json:"may_accept"`
	MayReturn bool `json:"may_return"`
	MayGrab   bool `json:"may_grab"`
	// MayFinish: the co-unit's signed part may be ended with its opinion.
	MayFinish bool `json:"may_finish"`
}

// Queue is a handler's work: what was sent to the units they act for
// (lead and 协办), and the pool orders near them they may grab.
type Queue struct {
	Worker   WorkerStatus `json:"worker"`
	Assigned []QueueItem  `json:"assigned"`
	Pool     []QueueItem  `json:"pool"`
}

// Queue returns the actor's queue. Staff who act for a unit only.
func (s *Service) Queue(ctx context.Context, actor *authz.Actor) (Queue, error) {
	if err := checkWorker(actor); err != nil {
		return Queue{}, err
	}
	g, err := s.gazetteer(ctx, actor.District)
	if err != nil {
		return Queue{}, err
	}
	q := Queue{Assigned: []QueueItem{}, Pool: []QueueItem{}}
	if q.Worker, err = s.workerStatus(ctx, s.DB, actor); err != nil {
		return Queue{}, err
	}
	hops, orders, err := s.liveHopsUnder(ctx, actor.District, unitPatterns(g, workScopes(actor)))
	if err != nil {
		return Queue{}, err
	}
	for _, a := range hops {
		o := orders[a.OrderID]
		if !g.memberOf(actor, a.Unit) {
			continue
		}
		it, err := s.queueItem(ctx, actor, o, a)
		if err != nil {
			return Queue{}, err
		}
		if a.State != AssignOffered {
			q.Assigned = append(q.Assigned, it)
			continue
		}
		if d, ok := g.distanceTo(q.Worker, o); ok && g.mayTake(actor, q.Worker, o, a.Unit) {
			it.DistanceKM, it.MayGrab = &d, true
			q.Pool = append(q.Pool, it)
		}
	}
	slices.SortStableFunc(q.Pool, func(a, b QueueItem) int { return cmp.Compare(*a.DistanceKM, *b.DistanceKM) })
	return q, nil
}

// queueItem builds the line of a hop.
func (s *Service) queueItem(ctx context.Context, actor *authz.Actor, o Order, a Assignment) (QueueItem, error) {
	sum, err := s.summary(ctx, o)
	if err != nil {
		return QueueItem{}, err
	}
	lead := a.Role == RoleLead
	return QueueItem{Summary: sum, Role: a.Role, RoleName: roleNames[a.Role], Mode: a.Mode, Unit: a.Unit.Ref(),
		UnitName: s.unitName(ctx, o.District, a.Unit), HopState: a.State, HopStateName: assignmentStateNames[a.State],
		Address: o.Place.Address, AssignedAt: a.AssignedAt, Mine: a.AccountID != 0 && a.AccountID == actor.AccountID,
		MayAccept: a.State == AssignPending, MayReturn: lead && a.State != AssignOffered,
		MayFinish: !lead && a.State == AssignAccepted && a.AccountID == actor.AccountID}, nil
}

// unitPatterns are LIKE patterns of the unit codes under scopes: the
// scope's code as a prefix, and for a street its reattached communities.
func unitPatterns(g *gazetteer, scopes []authz.Scope) []string {
	var out []string
	for _, sc := range scopes {
		out = append(out, sc.Code+"%")
		if sc.Kind != authz.ScopeStreet {
			continue
		}
		for _, st := range g.streets {
			for _, c := range st.Communities {
				if st.Code == sc.Code && !strings.HasPrefix(c.Code, sc.Code) {
					out = append(out, c.Code+"%")
				}
			}
		}
	}
	return out
}

// liveHopsUnder reads the live hops whose unit code matches a pattern,
// oldest first, with their orders.
func (s *Service) liveHopsUnder(ctx context.Context, district string, patterns []string) ([]Assignment, map[int64]Order, error) {
	if len(patterns) == 0 {
		return nil, nil, nil
	}
	args := []any{district, AssignOffered, AssignPending, AssignAccepted}
	likes := make([]string, len(patterns))
	for i, p := range patterns {
		likes[i], args = "a.unit_code LIKE ?", append(args, p)
	}
	rows, err := s.DB.Query(ctx, `SELECT `+qualified(assignmentColumns, "a")+`
		FROM workorder_assignments a JOIN workorders o ON o.id = a.order_id
		WHERE o.district_code = ? AND a.state IN (?, ?, ?) AND (`+strings.Join(likes, " OR ")+`)
		ORDER BY a.assigned_at, a.id LIMIT `+fmt.Sprint(queueLimit), args...)
	if err != nil {
		return nil, nil, fmt.Errorf("workorder: queue: %w", err)
	}
	var hops []Assignment
	for rows.Next() {
		a, err := scanAssignment(rows)
		if err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("workorder: queue: %w", err)
		}
		hops = append(hops, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	orders, err := s.ordersByID(ctx, hops)
	return hops, orders, err
}

// ordersByID reads the orders of hops.
func (s *Service) ordersByID(ctx context.Context, hops []Assignment) (map[int64]Order, error) {
	out := map[int64]Order{}
	if len(hops) == 0 {
		return out, nil
	}
	marks, args := make([]string, 0, len(hops)), make([]any, 0, len(hops))
	for _, a := range hops {
		marks, args = append(marks, "?"), append(args, a.OrderID)
	}
	rows, err := s.DB.Query(ctx, orderSelect+` WHERE id IN (`+strings.Join(marks, ", ")+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("workorder: queue orders: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, fmt.Errorf("workorder: queue orders: %w", err)
		}
		out[o.ID] = o
	}
	return out, rows.Err()
}
