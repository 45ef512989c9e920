package workorder

import "time"

// Channel is how an order reached the district.
type Channel string

// The channels. Residents file through h5 and property; staff enter the
// hotline calls, home visits and grid reports; other systems send through
// the JSON API with a key that names their channel.
const (
	ChannelH5         Channel = "h5"            // 居民H5：掌上云社区
	ChannelProperty   Channel = "property"      // 物业报事：the property request form
	ChannelHotline    Channel = "hotline_12345" // 12345政务服务便民热线
	ChannelHotline2   Channel = "hotline_96106" // 96106 南京市民服务热线 (城管)
	ChannelHomeVisit  Channel = "home_visit"    // 大走访
	ChannelGrid       Channel = "grid"          // 网格员巡查上报
	ChannelGridCentre Channel = "grid_centre"   // 网格化指挥中心
	ChannelWeCom      Channel = "wecom"         // 企业微信
	ChannelAPI        Channel = "api"           // 其他系统接口
)

var channelNames = map[Channel]string{
	ChannelH5: "居民线上提交", ChannelProperty: "物业报事", ChannelHotline: "12345热线", ChannelHotline2: "96106热线",
	ChannelHomeVisit: "大走访", ChannelGrid: "网格员上报", ChannelGridCentre: "网格化指挥中心", ChannelWeCom: "企业微信",
	ChannelAPI: "系统接口",
}

// Name is the channel's Chinese name.
func (c Channel) Name() string { return nameOr(channelNames, c) }

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { _, ok := channelNames[c]; return ok }

// StaffChannels are the channels staff may choose when entering an order
// for someone, in the order the console offers them.
var StaffChannels = []Channel{ChannelHotline, ChannelHotline2, ChannelHomeVisit, ChannelGrid, ChannelGridCentre, ChannelProperty}

// KeyChannels are the channels an API key may name.
var KeyChannels = []Channel{ChannelHotline, ChannelHotline2, ChannelGridCentre, ChannelWeCom, ChannelAPI}

// Urgency is how urgent the requester or the entering staff judged the
// matter; a category may shorten its time limits per urgency.
type Urgency string

// The urgencies, least urgent first.
const (
	UrgencyNormal   Urgency = "normal"
	UrgencyUrgent   Urgency = "urgent"
	UrgencyCritical Urgency = "critical"
)

var urgencyNames = map[Urgency]string{UrgencyNormal: "一般", UrgencyUrgent: "紧急", UrgencyCritical: "特急"}

// Urgencies lists the urgencies in order.
var Urgencies = []Urgency{UrgencyNormal, UrgencyUrgent, UrgencyCritical}

// Name is the urgency's Chinese name.
func (u Urgency) Name() string { return nameOr(urgencyNames, u) }

// Valid reports whether u is a known urgency.
func (u Urgency) Valid() bool { _, ok := urgencyNames[u]; return ok }

// PlaceSource says how an order's community was found.
type PlaceSource string

// The place sources.
const (
	PlaceChosen  PlaceSource = "chosen"  // picked by the requester or staff
	PlaceNearest PlaceSource = "nearest" // nearest approximate community centre to the position
	PlaceAddress PlaceSource = "address" // a community named in the typed address
)

// Order is a work order as stored. The requester's identity is not here:
// it is read through Requester with the viewer's rights.
type Order struct {
	ID              int64          `json:"-"`
	District        string         `json:"district"`
	Number          string         `json:"number"`
	Channel         Channel        `json:"channel"`
	CategoryCode    string         `json:"category_code"`
	CategoryVersion int            `json:"category_version"`
	Urgency         Urgency        `json:"urgency"`
	Description     string         `json:"description"`
	Fields          map[string]any `json:"fields"`
	Place           Place          `json:"place"`
	State           State          `json:"state"`
	Outcome         Outcome        `json:"outcome,omitempty"`
	Version         int            `json:"version"`
	MergedInto      int64          `json:"-"`
	FiledAt         time.Time      `json:"filed_at"`
	ResolvedAt      *time.Time     `json:"resolved_at,omitempty"`
	ClosedAt        *time.Time     `json:"closed_at,omitempty"`
	UpdatedAt       time.Time      `json:"updated_at"`
	ExternalRef     string         `json:"external_ref,omitempty"`
	RequesterID     int64          `json:"-"`
	Anonymous       bool           `json:"anonymous"`
	EnteredBy       int64          `json:"-"`
	APIKeyID        int64          `json:"-"`
	raw             rawRequester   // ciphertexts, opened only for viewers entitled to them
}

// Place is where an order's matter is and the units it belongs to.
type Place struct {
	Lat       *float64    `json:"lat,omitempty"`
	Lng       *float64    `json:"lng,omitempty"`
	Address   string      `json:"address,omitempty"`
	Street    string      `json:"street"`
	Community string      `json:"community"`
	Grid      string      `json:"grid,omitempty"`
	Source    PlaceSource `json:"source"`
}

// rawRequester holds the stored (encrypted) requester fields.
type rawRequester struct {
	name, phone, phoneIndex string
}

// nameOr returns the Chinese name of k, or k itself when it has none.
func nameOr[K ~string](names map[K]string, k K) string {
	if n, ok := names[k]; ok {
		return n
	}
	return string(k)
}
