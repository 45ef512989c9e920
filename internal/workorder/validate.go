package workorder

import (
	"context"
	"math"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// validate checks a submission against the current category tree and the
// district's places, and returns the order to write (without number,
// times and state). Every problem is reported at once, with its reason.
func (s *Service) validate(ctx context.Context, actor *authz.Actor, who caller, key *APIKey, in *FileInput) (Order, error) {
	tree, err := s.CurrentTree(ctx, actor.District)
	if err != nil {
		return Order{}, err
	}
	v := newViolations()
	o := Order{District: actor.District, Anonymous: in.Requester.Anonymous}
	o.Channel = checkChannel(v, who, in.Channel, key)
	cat, ok := s.checkCategory(v, tree, in.Category, o.Channel)
	o.CategoryCode, o.CategoryVersion = in.Category, tree.Version
	o.Urgency = checkUrgency(v, cat, ok, in.Urgency)
	o.Description = checkText(v, "description", "诉求内容", in.Description, s.Limits.DescriptionRunes, true)
	if ok {
		o.Fields = checkValues(v, cat, in.Fields)
	}
	in.Requester = checkRequester(v, who, o.Channel, in.Requester)
	if who == byResident {
		o.RequesterID = actor.AccountID
	}
	if who != byResident {
		o.ExternalRef = checkText(v, "external_ref", "来源系统编号", in.ExternalRef, maxRefRunes, false)
	}
	switch who {
	case byStaff:
		o.EnteredBy = actor.AccountID
	case byKey:
		o.APIKeyID = key.ID
	}
	s.checkPhotos(v, *in)
	s.checkPhotoIDs(ctx, v, actor, in.PhotoIDs)
	o.Place, err = s.place(ctx, v, actor.District, who, in)
	if err != nil {
		return Order{}, err
	}
	return o, v.err()
}

// checkCategory finds a leaf of the current tree; the property form takes
// only property kinds.
func (s *Service) checkCategory(v *violations, t *Tree, code string, ch Channel) (Category, bool) {
	if code == "" {
		v.add("category", ReasonRequired, "请选择诉求分类")
		return Category{}, false
	}
	c, ok := t.Effective(code)
	switch {
	case !ok:
		v.add("category", ReasonUnknownCategory, "诉求分类「"+short(code)+"」不存在")
	case !t.IsLeaf(code):
		v.add("category", ReasonCategoryGroup, "「"+c.Name+"」是分类组，请选择其下的具体分类")
		return Category{}, false
	case ch == ChannelProperty && !c.Property:
		v.add("category", ReasonNotAllowed, "物业报事只能选择物业服务类诉求")
	}
	return c, ok
}

// checkUrgency settles the urgency among those the category offers.
func checkUrgency(v *violations, c Category, known bool, u Urgency) Urgency {
	if u == "" {
		return UrgencyNormal
	}
	if !u.Valid() {
		v.add("urgency", ReasonInvalid, "紧急程度应为一般、紧急或特急")
		return u
	}
	if known {
		for _, ok := range c.UrgencyChoices() {
			if ok == u {
				return u
			}
		}
		v.add("urgency", ReasonNotAllowed, "「"+c.Name+"」不能选择「"+u.Name()+"」")
	}
	return u
}

// checkPosition validates a position: both coordinates or neither, inside
// the district's area.
func (s *Service) checkPosition(v *violations, lat, lng *float64) (Point, bool) {
	switch {
	case lat == nil && lng == nil:
		return Point{}, false
	case lat == nil || lng == nil:
		v.add("location", ReasonInvalid, "位置应同时给出纬度和经度")
		return Point{}, false
	case math.IsNaN(*lat) || math.IsNaN(*lng) || math.Abs(*lat) > 90 || math.Abs(*lng) > 180:
		v.add("location", ReasonInvalid, "位置的经纬度无效")
		return Point{}, false
	}
	p := Point{Lat: *lat, Lng: *lng}
	if !s.Area.Contains(p) {
		v.add("location", ReasonOutsideDistrict, "所选位置不在本区范围内，请重新定位或填写本区地址")
		return Point{}, false
	}
	return p, true
}

// errNoTree is returned when a district has published no category tree.
var errNoTree = apperr.New(apperr.CodeUnavailable, "本区尚未发布诉求分类，暂时无法受理")
