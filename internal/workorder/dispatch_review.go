package workorder

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// reviewLimit bounds each list of the dispatcher's queue.
const reviewLimit = 200

// ReviewItem is an order waiting for a dispatcher: returned (退单) by a
// unit with its reason, or not dispatched yet.
type ReviewItem struct {
	Summary
	// Unit is the unit that returned it ("" for an order never
	// dispatched).
	Unit       string     `json:"unit,omitempty"`
	UnitName   string     `json:"unit_name,omitempty"`
	Reason     string     `json:"reason,omitempty"`
	ReturnedAt *time.Time `json:"returned_at,omitempty"`
}

// ReviewQueue is a dispatcher's queue: returns to review and orders
// nothing could be decided for, oldest first.
type ReviewQueue struct {
	Returned []ReviewItem `json:"returned"`
	Waiting  []ReviewItem `json:"waiting"`
}

// Reviews returns the dispatcher's queue over their street or district.
func (s *Service) Reviews(ctx context.Context, actor *authz.Actor) (ReviewQueue, error) {
	if err := checkDispatcher(actor); err != nil {
		return ReviewQueue{}, err
	}
	rq := ReviewQueue{Returned: []ReviewItem{}, Waiting: []ReviewItem{}}
	orders, err := s.waitingOrders(ctx, actor)
	if err != nil {
		return ReviewQueue{}, err
	}
	for _, o := range orders {
		it, err := s.reviewItem(ctx, o)
		if err != nil {
			return ReviewQueue{}, err
		}
		if o.State == StateReturned {
			rq.Returned = append(rq.Returned, it)
		} else {
			rq.Waiting = append(rq.Waiting, it)
		}
	}
	return rq, nil
}

// waitingOrders reads the returned and undispatched orders of the
// dispatcher's streets (a reattached community's orders carry the street
// it is attached to).
func (s *Service) waitingOrders(ctx context.Context, actor *authz.Actor) ([]Order, error) {
	var ors []string
	args := []any{actor.District, StateReturned, StateFiled}
	for _, sc := range dispatcherScopes(actor) {
		if sc.Kind == authz.ScopeDistrict {
			ors, args = append(ors, `district_code = ?`), append(args, sc.Code)
			continue
		}
		ors, args = append(ors, `street_code = ?`), append(args, sc.Code)
	}
	rows, err := s.DB.Query(ctx, orderSelect+` WHERE district_code = ? AND state IN (?, ?) AND (`+
		strings.Join(ors, " OR ")+`) ORDER BY updated_at, id LIMIT `+fmt.Sprint(2*reviewLimit), args...)
	if err != nil {
		return nil, fmt.Errorf("workorder: review queue: %w", err)
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, fmt.Errorf("workorder: review queue: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// reviewItem builds a line of the dispatcher's queue.
func (s *Service) reviewItem(ctx context.Context, o Order) (ReviewItem, error) {
	sum, err := s.summary(ctx, o)
	if err != nil {
		return ReviewItem{}, err
	}
	it := ReviewItem{Summary: sum}
	if o.State != StateReturned {
		return it, nil
	}
	a, err := scanAssignment(s.DB.QueryRow(ctx, assignmentSelect+` WHERE order_id = ? AND role = ? AND state = ?
		ORDER BY id DESC LIMIT 1`, o.ID, RoleLead, AssignReturned))
	if err != nil && !isNoRows(err) {
		return ReviewItem{}, fmt.Errorf("workorder: returned hop: %w", err)
	}
	if err == nil {
		it.Unit, it.UnitName, it.Reason, it.ReturnedAt = a.Unit.Ref(), s.unitName(ctx, o.District, a.Unit),
			a.ReturnReason, a.ReturnedAt
	}
	return it, nil
}
