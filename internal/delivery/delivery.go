package delivery

import (
	"time"
)

// State is where a delivery stands.
type State string

// The states of a delivery.
const (
	StateAwaiting   State = "awaiting"    // 待选择: approved, the applicant has not chosen yet
	StatePickup     State = "pickup"      // 待取件: to be collected at the chosen point
	StateExpress    State = "express"     // 待寄出: an address is given, the shipment not booked yet
	StateShipping   State = "shipping"    // 寄件中: the shipping job is booking it; no more changes
	StateShipped    State = "shipped"     // 已寄出: on its way, with a waybill
	StateDelivered  State = "delivered"   // 已签收
	StateHandedOver State = "handed_over" // 已取件
)

// States lists every state in the order of the overview.
var States = []State{StateAwaiting, StatePickup, StateExpress, StateShipping, StateShipped, StateDelivered,
	StateHandedOver}

var stateNames = map[State]string{
	StateAwaiting: "待选择领取方式", StatePickup: "待取件", StateExpress: "待寄出", StateShipping: "寄件中",
	StateShipped: "已寄出", StateDelivered: "已签收", StateHandedOver: "已取件",
}

// Name is the state's Chinese name.
func (s State) Name() string {
	if n, ok := stateNames[s]; ok {
		return n
	}
	return string(s)
}

// Choosable reports whether the applicant may (still) choose or change
// the way of delivery.
func (s State) Choosable() bool {
	return s == StateAwaiting || s == StatePickup || s == StateExpress
}

// Final reports whether the result has reached the applicant.
func (s State) Final() bool { return s == StateDelivered || s == StateHandedOver }

// Delivery is the delivery of one approved application, as its applicant
// sees it. Personal data is masked.
type Delivery struct {
	ID            int64     `json:"id"`
	District      string    `json:"district"`
	ApplicationID int64     `json:"application_id"`
	ApplicationNo string    `json:"application_no"`
	ItemName      string    `json:"item_name"`
	DecisionNo    string    `json:"decision_no,omitempty"`
	ApplicantID   int64     `json:"applicant_id"`
	State         State     `json:"state"`
	StateName     string    `json:"state_name"`
	Revision      int       `json:"revision"`
	Point         string    `json:"point,omitempty"`
	PointName     string    `json:"point_name,omitempty"`
	Recipient     *Address  `json:"recipient,omitempty"`
	Courier       string    `json:"courier,omitempty"`
	Waybill       string    `json:"waybill,omitempty"`
	Tracking      string    `json:"tracking,omitempty"`
	LockedUntil   time.Time `json:"locked_until,omitzero"`
	HandedPoint   string    `json:"handed_point,omitempty"`
	HandedAt      time.Time `json:"handed_at,omitzero"`
	ShippedAt     time.Time `json:"shipped_at,omitzero"`
	DeliveredAt   time.Time `json:"delivered_at,omitzero"`
	ChosenAt      time.Time `json:"chosen_at,omitzero"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	// Events is the timeline, oldest first; filled by Get.
	Events []Event `json:"events,omitempty"`
}

// Locked reports whether the pickup is locked at t after wrong tries.
func (d Delivery) Locked(t time.Time) bool { return t.Before(d.LockedUntil) }

// Event is one step of the timeline: the delivery's own steps and the
// courier's tracking events.
type Event struct {
	Kind  string    `json:"kind"`
	Title string    `json:"title"`
	Place string    `json:"place,omitempty"`
	Note  string    `json:"note,omitempty"`
	At    time.Time `json:"at"`
}

// The kinds of the delivery's own events; tracking events carry the
// courier's TrackStatus.
const (
	eventOpened   = "opened"
	eventPickup   = "pickup"
	eventExpress  = "express"
	eventShipped  = "shipped"
	eventHandover = "handover"
)

// Chosen is the answer to a choice: the delivery and, for a pickup, the
// code, shown this once (only its hash is kept).
type Chosen struct {
	Delivery   Delivery `json:"delivery"`
	PickupCode string   `json:"pickup_code,omitempty"`
}
