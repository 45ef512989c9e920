package workorder

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// OrderView is an order as one viewer may see it.
type OrderView struct {
	Number      string       `json:"number"`
	Channel     Channel      `json:"channel"`
	ChannelName string       `json:"channel_name"`
	Category    CategoryRef  `json:"category"`
	Urgency     Urgency      `json:"urgency"`
	UrgencyName string       `json:"urgency_name"`
	Description string       `json:"description"`
	Fields      []FieldValue `json:"fields"`
	// FieldValues are the stored values by field key (option keys for
	// lists), for systems; Fields shows them for people.
	FieldValues map[string]any `json:"field_values"`
	Place       PlaceView      `json:"place"`
	State       State          `json:"state"`
	StateName   string         `json:"state_name"`
	// PublicState is what the requester reads: 已受理, 处理中, 已办结, 已关闭.
	PublicState string         `json:"public_state"`
	Outcome     Outcome        `json:"outcome,omitempty"`
	OutcomeName string         `json:"outcome_name,omitempty"`
	FiledAt     time.Time      `json:"filed_at"`
	ResolvedAt  *time.Time     `json:"resolved_at,omitempty"`
	ClosedAt    *time.Time     `json:"closed_at,omitempty"`
	ExternalRef string         `json:"external_ref,omitempty"`
	Requester   Requester      `json:"requester"`
	Photos      []Photo        `json:"photos"`
	Timeline    []TimelineLine `json:"timeline"`
	// Cancellable: the viewer is the requester and may still withdraw it.
	Cancellable bool `json:"cancellable"`
	// Handling is what the viewer may do with it now, follow-ups and
	// merging (handle_view.go); nil for viewers other than staff and the
	// requester.
	Handling *HandlingView `json:"handling,omitempty"`
	// Hops are the units it was sent to (主办, 协办, pools, returns and
	// their review), for staff only.
	Hops []HopView `json:"hops,omitempty"`
}

// CategoryRef names an order's category in the version it was filed under.
type CategoryRef struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Path    []string `json:"path"`
	Version int      `json:"version"`
}

// FieldValue is one extra field as people read it.
type FieldValue struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// PlaceView is an order's place with the units' names.
type PlaceView struct {
	Place
	StreetName    string `json:"street_name"`
	CommunityName string `json:"community_name"`
	GridName      string `json:"grid_name,omitempty"`
	SourceName    string `json:"source_name"`
}

// TimelineLine is one event as a line of the order's timeline.
type TimelineLine struct {
	Kind  EventKind `json:"kind"`
	Title string    `json:"title"`
	Note  string    `json:"note,omitempty"`
	At    time.Time `json:"at"`
	// By says who acted, as a role, never a person's name.
	By string `json:"by,omitempty"`
}

var sourceNames = map[PlaceSource]string{PlaceChosen: "选择的社区", PlaceNearest: "按定位估算（就近社区，待核实）",
	PlaceAddress: "按地址识别"}

// view builds the viewer's view of an order.
func (s *Service) view(ctx context.Context, actor *authz.Actor, o Order) (OrderView, error) {
	v := OrderView{Number: o.Number, Channel: o.Channel, ChannelName: o.Channel.Name(), Urgency: o.Urgency,
		UrgencyName: o.Urgency.Name(), Description: o.Description, State: o.State, StateName: o.State.Name(),
		PublicState: o.State.PublicName(), Outcome: o.Outcome, OutcomeName: o.Outcome.Name(), FiledAt: o.FiledAt,
		ResolvedAt: o.ResolvedAt, ClosedAt: o.ClosedAt, ExternalRef: o.ExternalRef, FieldValues: o.Fields}
	if o.Outcome == "" {
		v.OutcomeName = ""
	}
	tree, err := s.TreeVersion(ctx, o.District, o.CategoryVersion)
	if err != nil {
		return OrderView{}, err
	}
	c, _ := tree.Find(o.CategoryCode)
	v.Category = CategoryRef{Code: o.CategoryCode, Name: c.Name, Path: tree.Path(o.CategoryCode), Version: o.CategoryVersion}
	v.Fields = fieldValues(c, o.Fields)
	if v.Place, err = s.placeView(ctx, o); err != nil {
		return OrderView{}, err
	}
	if v.Requester, err = s.requesterFor(ctx, actor, o); err != nil {
		return OrderView{}, err
	}
	if v.Photos, err = photosOf(ctx, s.DB, o.ID); err != nil {
		return OrderView{}, err
	}
	requester := !v.Requester.Hidden && v.Requester.Resident && actor.AccountID == o.RequesterID && actor.Kind != authz.KindStaff
	events, err := eventsOf(ctx, s.DB, o.ID, requester || actor.Kind == KindAPIKey)
	if err != nil {
		return OrderView{}, err
	}
	for _, e := range events {
		v.Timeline = append(v.Timeline, TimelineLine{Kind: e.Kind, Title: e.Title(), Note: e.Note, At: e.At, By: byOf(e)})
	}
	v.Cancellable = requester && mayCancel(o.State)
	if v.Handling, err = s.handlingOf(ctx, actor, o); err != nil {
		return OrderView{}, err
	}
	if actor.Kind == authz.KindStaff {
		if v.Hops, err = s.hopsOf(ctx, actor, o); err != nil {
			return OrderView{}, err
		}
	}
	return v, nil
}

// placeView names the order's street and community.
func (s *Service) placeView(ctx context.Context, o Order) (PlaceView, error) {
	p := PlaceView{Place: o.Place, SourceName: nameOr(sourceNames, o.Place.Source)}
	g, err := s.gazetteer(ctx, o.District)
	if err != nil {
		return p, err
	}
	if c, ok := g.byCode[o.Place.Community]; ok {
		p.CommunityName, p.StreetName = c.Name, c.StreetName
	}
	if o.Place.Grid != "" {
		p.GridName, err = s.gridName(ctx, o.District, o.Place.Community, o.Place.Grid)
	}
	return p, err
}

// gridName is a grid's name as the organisation keeps it (尧化社区第1网格).
func (s *Service) gridName(ctx context.Context, district, community, code string) (string, error) {
	grids, err := s.Places.Grids(ctx, district, community)
	if err != nil {
		return "", fmt.Errorf("workorder: grids of %s: %w", community, err)
	}
	for _, gr := range grids {
		if gr.Code == code {
			return gr.Name, nil
		}
	}
	return code, nil
}

// fieldValues renders the extra fields in the category's order.
func fieldValues(c Category, vals map[string]any) []FieldValue {
	out := []FieldValue{}
	for _, f := range c.Fields {
		raw, ok := vals[f.Key]
		if !ok {
			continue
		}
		out = append(out, FieldValue{Key: f.Key, Label: f.Label, Value: displayValue(f, raw)})
	}
	return out
}

// displayValue shows a stored value: option names for lists.
func displayValue(f Field, raw any) string {
	switch x := raw.(type) {
	case []any:
		names := make([]string, 0, len(x))
		for _, k := range x {
			names = append(names, optionOr(f, fmt.Sprint(k)))
		}
		return strings.Join(names, "、")
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		if f.Type == FieldSingle {
			return optionOr(f, x)
		}
		if f.Type == FieldDatetime {
			return strings.Replace(x, "T", " ", 1)
		}
		return x
	}
	return fmt.Sprint(raw)
}

func optionOr(f Field, key string) string {
	if n := f.OptionName(key); n != "" {
		return n
	}
	return key
}

// byOf says who acted on an event, by role or kind.
func byOf(e Event) string {
	switch {
	case e.ActorRole != "":
		return authz.Role(e.ActorRole).Name()
	case e.ActorKind == string(KindAPIKey):
		return "接入系统"
	case e.ActorKind == string(authz.KindSystem):
		return "系统"
	}
	return "诉求人"
}
