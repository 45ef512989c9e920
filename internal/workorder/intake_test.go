package workorder

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestResidentFiles(t *testing.T) {
	r := newRig(t)
	in := r.parkingRequest("仙鹤社区")
	in.Photos = []PhotoUpload{{Name: "车位.png", Data: pngBytes()}}
	in.Requester = RequesterInput{Phone: "138 0000 1234"}
	f, err := r.s.File(r.ctx, resident(7), in)
	if err != nil {
		t.Fatal(err)
	}
	o := f.Order
	if !strings.HasPrefix(o.Number, "GD20260302") || len(o.Number) != len("GD20260302000001") || f.Replayed {
		t.Errorf("number %q replayed %v", o.Number, f.Replayed)
	}
	c := r.communities["仙鹤社区"]
	if o.Place.Community != c.Code || o.Place.Street != r.streets["仙林街道"] || o.Place.Source != PlaceChosen ||
		o.Place.Grid != c.Code+"001" {
		t.Errorf("place %+v", o.Place)
	}
	if o.Channel != ChannelH5 || o.State != StateFiled || o.Urgency != UrgencyNormal || o.CategoryVersion != 1 {
		t.Errorf("order %+v", o)
	}
	v, err := r.s.Get(r.ctx, resident(7), o.Number)
	if err != nil {
		t.Fatal(err)
	}
	if v.Requester.Phone != "138****1234" || len(v.Photos) != 1 || len(v.Timeline) != 1 || v.Timeline[0].Title != "诉求已受理" ||
		!v.Cancellable || v.Category.Name != "停车管理" || v.Place.CommunityName != "仙鹤社区" {
		t.Errorf("view %+v", v)
	}
	if len(v.Fields) != 2 || v.Fields[0].Value != "车位被占" {
		t.Errorf("fields %+v", v.Fields)
	}
	// The phone is not stored in the clear.
	var stored string
	r.d.QueryRow(r.ctx, `SELECT requester_phone FROM workorders WHERE number = ?`, o.Number).Scan(&stored)
	if stored == "" || strings.Contains(stored, "13800001234") {
		t.Errorf("phone stored as %q", stored)
	}
	// A second order the same day takes the next number.
	f2, err := r.s.File(r.ctx, resident(8), r.parkingRequest("尧化社区"))
	if err != nil || f2.Order.Number != "GD20260302000002" {
		t.Errorf("second number %q %v", f2.Order.Number, err)
	}
}

func TestPlaceFromPositionAndAddress(t *testing.T) {
	r := newRig(t)
	g, err := r.s.gazetteer(r.ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	// A position on a community's approximate centre lands in it.
	target := g.byCode[r.communities["文澜社区"].Code]
	in := r.parkingRequest("")
	in.Community, in.Lat, in.Lng = "", ptr(target.Centre.Lat), ptr(target.Centre.Lng)
	f, err := r.s.File(r.ctx, resident(7), in)
	if err != nil {
		t.Fatal(err)
	}
	if f.Order.Place.Community != target.Code || f.Order.Place.Source != PlaceNearest {
		t.Errorf("by position: %+v", f.Order.Place)
	}
	// The chosen community wins over the position.
	in.Community = r.communities["尧化社区"].Code
	if f, err = r.s.File(r.ctx, resident(7), in); err != nil || f.Order.Place.Community != in.Community ||
		f.Order.Place.Source != PlaceChosen {
		t.Errorf("chosen: %+v %v", f.Order.Place, err)
	}
	// An address naming a community.
	in = r.parkingRequest("")
	in.Community, in.Address = "", "栖霞区马群街道百水芊城小区12栋"
	if f, err = r.s.File(r.ctx, resident(7), in); err != nil || f.Order.Place.Community != r.communities["百水芊城社区"].Code ||
		f.Order.Place.Source != PlaceAddress {
		t.Errorf("by address: %+v %v", f.Order.Place, err)
	}
	// A reattached community belongs to its street.
	in = r.parkingRequest("东阳社区")
	if f, err = r.s.File(r.ctx, resident(7), in); err != nil || f.Order.Place.Street != r.streets["马群街道"] {
		t.Errorf("reattached: %+v %v", f.Order.Place, err)
	}
}

func TestBadInput(t *testing.T) {
	r := newRig(t)
	frontDesk := staff(20, authz.RoleFrontDesk, authz.District(district))
	cases := []struct {
		name   string
		actor  *authz.Actor
		edit   func(*FileInput)
		field  string
		reason Reason
	}{
		{"outside the district", resident(7), func(in *FileInput) { in.Lat, in.Lng = ptr(31.23), ptr(121.47) }, "location", ReasonOutsideDistrict},
		{"half a position", resident(7), func(in *FileInput) { in.Lat = ptr(32.1) }, "location", ReasonInvalid},
		{"unknown category", resident(7), func(in *FileInput) { in.Category = "XX-99" }, "category", ReasonUnknownCategory},
		{"a category group", resident(7), func(in *FileInput) { in.Category = "WY" }, "category", ReasonCategoryGroup},
		{"missing required field", resident(7), func(in *FileInput) { delete(in.Fields, "issue") }, "fields.issue", ReasonRequired},
		{"value outside its list", resident(7), func(in *FileInput) { in.Fields["issue"] = "ufo" }, "fields.issue", ReasonNotInList},
		{"unknown field", resident(7), func(in *FileInput) { in.Fields["colour"] = "red" }, "fields.colour", ReasonUnknownField},
		{"text over the limit", resident(7), func(in *FileInput) { in.Description = strings.Repeat("长", 2001) }, "description", ReasonTooLong},
		{"no text", resident(7), func(in *FileInput) { in.Description = "  " }, "description", ReasonRequired},
		{"photo over 20 MB", resident(7), func(in *FileInput) {
			in.Photos = []PhotoUpload{{Name: "big.png", Data: append(pngBytes(), make([]byte, 20<<20)...)}}
		}, "photos", ReasonTooLarge},
		{"not an image", resident(7), func(in *FileInput) {
			in.Photos = []PhotoUpload{{Name: "photo.jpg", Data: []byte("%PDF-1.7 not a photo")}}
		}, "photos", ReasonNotImage},
		{"ten photos", resident(7), func(in *FileInput) {
			for range 10 {
				in.Photos = append(in.Photos, PhotoUpload{Data: pngBytes()})
			}
		}, "photos", ReasonTooMany},
		{"no place", resident(7), func(in *FileInput) { in.Community, in.Address = "", "" }, "community", ReasonUnplaced},
		{"unknown community", resident(7), func(in *FileInput) { in.Community = "320113999999" }, "community", ReasonUnknownPlace},
		{"resident picks a grid", resident(7), func(in *FileInput) { in.Grid = in.Community + "001" }, "grid", ReasonNotAllowed},
		{"resident as hotline", resident(7), func(in *FileInput) { in.Channel = ChannelHotline }, "channel", ReasonNotAllowed},
		{"urgency not offered", resident(7), func(in *FileInput) { in.Urgency = UrgencyCritical }, "urgency", ReasonNotAllowed},
		{"property form, city matter", resident(7), func(in *FileInput) {
			in.Channel, in.Category, in.Fields = ChannelProperty, "CG-05", nil
		}, "category", ReasonNotAllowed},
		{"hotline without a number", frontDesk, func(in *FileInput) { in.Channel = ChannelHotline }, "requester.phone", ReasonRequired},
		{"staff without a channel", frontDesk, func(in *FileInput) {}, "channel", ReasonRequired},
		{"bad phone", frontDesk, func(in *FileInput) { in.Channel, in.Requester.Phone = ChannelHotline, "12345" }, "requester.phone", ReasonInvalid},
		{"grid of another community", frontDesk, func(in *FileInput) {
			in.Channel, in.Grid = ChannelHomeVisit, r.communities["尧化社区"].Code+"001"
		}, "grid", ReasonUnknownPlace},
		{"photo not uploaded", resident(7), func(in *FileInput) { in.PhotoIDs = []string{"deadbeef"} }, "photos", ReasonUnknownPhoto},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := r.parkingRequest("仙鹤社区")
			c.edit(&in)
			_, err := r.s.File(r.ctx, c.actor, in)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.CodeInvalid || e.Fields[c.field] == "" || ReasonsOf(err)[c.field] != c.reason {
				t.Fatalf("err = %v, reasons %v; want %s on %s", err, ReasonsOf(err), c.reason, c.field)
			}
		})
	}
	var orders, events, photos int
	r.d.QueryRow(r.ctx, `SELECT COUNT(*) FROM workorders`).Scan(&orders)
	r.d.QueryRow(r.ctx, `SELECT COUNT(*) FROM workorder_events`).Scan(&events)
	r.d.QueryRow(r.ctx, `SELECT COUNT(*) FROM workorder_photos`).Scan(&photos)
	if orders+events+photos != 0 {
		t.Errorf("bad input wrote %d orders, %d events, %d photos", orders, events, photos)
	}
}

func TestAllProblemsAtOnce(t *testing.T) {
	r := newRig(t)
	in := FileInput{Category: "CG-02", Description: strings.Repeat("长", 2001), Lat: ptr(40), Lng: ptr(116),
		Fields: map[string]any{"status": "demolished", "area": "很大"}}
	_, err := r.s.File(r.ctx, resident(7), in)
	want := map[string]Reason{"description": ReasonTooLong, "location": ReasonOutsideDistrict,
		"fields.status": ReasonNotInList, "fields.area": ReasonNotNumber, "community": ReasonUnplaced}
	got := ReasonsOf(err)
	for f, reason := range want {
		if got[f] != reason {
			t.Errorf("%s: %q, want %q (all: %v)", f, got[f], reason, got)
		}
	}
	// The API error body carries the reasons beside the Chinese messages.
	var b bytes.Buffer
	json.NewEncoder(&b).Encode(errorBody(err, ""))
	if !strings.Contains(b.String(), `"reasons":{`) || !strings.Contains(b.String(), `"fields.status":"not_in_list"`) {
		t.Errorf("error body %s", b.String())
	}
}
