package workorder

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// errNotFound hides orders the viewer may not see: they do not exist for
// them.
var errNotFound = apperr.NotFound("诉求工单不存在")

// load reads an order the actor may view.
func (s *Service) load(ctx context.Context, actor *authz.Actor, number string) (Order, error) {
	if actor == nil || actor.Anonymous() {
		return Order{}, apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	o, err := loadOrder(ctx, s.DB, `number = ? AND district_code = ?`, number, actor.District)
	if errors.Is(err, errNoOrder) || (err == nil && !mayView(actor, o) && !s.MayViewAssigned(ctx, actor, o)) {
		return Order{}, errNotFound
	}
	return o, err
}

// Get returns an order as the actor may see it: the requester (their own
// order, public timeline), staff whose scope covers its place, the key
// that sent it.
func (s *Service) Get(ctx context.Context, actor *authz.Actor, number string) (OrderView, error) {
	o, err := s.load(ctx, actor, number)
	if err != nil {
		return OrderView{}, err
	}
	return s.view(ctx, actor, o)
}

// Summary is one order in a list.
type Summary struct {
	Number        string    `json:"number"`
	Channel       Channel   `json:"channel"`
	ChannelName   string    `json:"channel_name"`
	Category      string    `json:"category"`
	CategoryName  string    `json:"category_name"`
	Urgency       Urgency   `json:"urgency"`
	State         State     `json:"state"`
	StateName     string    `json:"state_name"`
	PublicState   string    `json:"public_state"`
	Outcome       Outcome   `json:"outcome,omitempty"`
	Community     string    `json:"community"`
	CommunityName string    `json:"community_name"`
	Excerpt       string    `json:"excerpt"`
	FiledAt       time.Time `json:"filed_at"`
}

// Filter selects orders of a list.
type Filter struct {
	State  State // "" for any
	Limit  int
	Offset int
}

// List is a page of orders with the total.
type List struct {
	Items []Summary `json:"items"`
	Total int       `json:"total"`
}

// List returns the orders the actor may list, newest first: a resident's
// own, the orders of the places in a staff member's scope, those a key
// sent.
func (s *Service) List(ctx context.Context, actor *authz.Actor, f Filter) (List, error) {
	where, args, err := listScope(actor)
	if err != nil {
		return List{}, err
	}
	if f.State != "" {
		where, args = where+` AND state = ?`, append(args, f.State)
	}
	f.Limit, f.Offset = min(max(f.Limit, 1), 100), max(f.Offset, 0)
	l := List{Items: []Summary{}}
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM workorders WHERE `+where, args...).Scan(&l.Total); err != nil {
		return List{}, fmt.Errorf("workorder: count: %w", err)
	}
	rows, err := s.DB.Query(ctx, orderSelect+` WHERE `+where+` ORDER BY filed_at DESC, id DESC LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return List{}, fmt.Errorf("workorder: list: %w", err)
	}
	defer rows.Close()
	var orders []Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return List{}, fmt.Errorf("workorder: list: %w", err)
		}
		orders = append(orders, o)
	}
	if err := rows.Err(); err != nil {
		return List{}, err
	}
	for _, o := range orders {
		sum, err := s.summary(ctx, o)
		if err != nil {
			return List{}, err
		}
		l.Items = append(l.Items, sum)
	}
	return l, nil
}

// listScope is the where clause of the orders an actor may list.
func listScope(actor *authz.Actor) (string, []any, error) {
	switch {
	case actor == nil || actor.Anonymous():
		return "", nil, apperr.New(apperr.CodeUnauthorized, "请先登录")
	case actor.Kind == KindAPIKey:
		return `district_code = ? AND api_key_id = ?`, []any{actor.District, actor.AccountID}, nil
	case actor.May(actFile, authz.Self(actor.AccountID)):
		return `district_code = ? AND requester_id = ?`, []any{actor.District, actor.AccountID}, nil
	}
	var ors []string
	args := []any{actor.District}
	for _, sc := range scopesFor(actor, actView) {
		ors, args = append(ors, placeColumn[sc.Kind]+` = ?`), append(args, sc.Code)
	}
	if actor.Kind == authz.KindStaff && actor.May(actEnter, authz.Scope{}) {
		ors, args = append(ors, `entered_by = ?`), append(args, actor.AccountID)
	}
	if len(ors) == 0 {
		return "", nil, apperr.Forbidden("您无权" + actView.Title)
	}
	return `district_code = ? AND (` + strings.Join(ors, " OR ") + `)`, args, nil
}

// summary builds a list line of an order.
func (s *Service) summary(ctx context.Context, o Order) (Summary, error) {
	tree, err := s.TreeVersion(ctx, o.District, o.CategoryVersion)
	if err != nil {
		return Summary{}, err
	}
	c, _ := tree.Find(o.CategoryCode)
	p, err := s.placeView(ctx, o)
	if err != nil {
		return Summary{}, err
	}
	return Summary{Number: o.Number, Channel: o.Channel, ChannelName: o.Channel.Name(), Category: o.CategoryCode,
		CategoryName: c.Name, Urgency: o.Urgency, State: o.State, StateName: o.State.Name(),
		PublicState: o.State.PublicName(), Outcome: o.Outcome, Community: o.Place.Community,
		CommunityName: p.CommunityName, Excerpt: short(o.Description), FiledAt: o.FiledAt}, nil
}

// OpenPhoto returns a photo of an order the actor may view (redacted
// photos to nobody), or a photo the actor uploaded and has not cited yet.
func (s *Service) OpenPhoto(ctx context.Context, actor *authz.Actor, fileID string) (files.File, []byte, error) {
	if actor == nil || actor.Anonymous() {
		return files.File{}, nil, apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	var orderID, uploader int64
	var kind string
	var redacted bool
	err := s.DB.QueryRow(ctx, `SELECT COALESCE(order_id, 0), uploader_kind, uploader_id, redacted_at IS NOT NULL
		FROM workorder_photos WHERE file_id = ? AND district_code = ?`, fileID, actor.District).
		Scan(&orderID, &kind, &uploader, &redacted)
	if err != nil || redacted {
		return files.File{}, nil, apperr.NotFound("照片不存在")
	}
	if orderID == 0 {
		if k, id, _ := actorOf(actor); k != kind || id != uploader {
			return files.File{}, nil, apperr.NotFound("照片不存在")
		}
	} else {
		o, err := loadOrder(ctx, s.DB, `id = ?`, orderID)
		if err != nil || (!mayView(actor, o) && !s.MayViewAssigned(ctx, actor, o)) {
			return files.File{}, nil, apperr.NotFound("照片不存在")
		}
	}
	return s.Files.Open(ctx, fileID)
}
