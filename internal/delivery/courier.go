package delivery

import (
	"context"
	"time"
)

// Courier books shipments with an express company and reads their
// tracking. A real adapter calls the company's API; CourierSimulator
// stands in for it in the demo and the tests.
type Courier interface {
	// Name identifies the courier, e.g. on the applicant's page.
	Name() string
	// CreateShipment books a shipment and returns its waybill number.
	// Booking the same Reference again returns the same waybill, so a
	// retried job never books twice.
	CreateShipment(ctx context.Context, s Shipment) (waybill string, err error)
	// Track returns the shipment's events so far, oldest first.
	Track(ctx context.Context, waybill string) ([]TrackEvent, error)
}

// Shipment is what is sent where. It holds personal data: adapters must
// not log it.
type Shipment struct {
	Reference string // unique per booking: the delivery and its revision
	Contents  string // e.g. "食品经营许可证 纸质证照"
	Name      string
	Phone     string
	Province  string
	Detail    string
	Postcode  string
}

// TrackStatus is a courier's status of a shipment.
type TrackStatus string

// The statuses, in the order a shipment passes them.
const (
	TrackCollected TrackStatus = "collected"        // 揽收
	TrackTransit   TrackStatus = "in_transit"       // 运输中
	TrackOut       TrackStatus = "out_for_delivery" // 派送中
	TrackSigned    TrackStatus = "signed"           // 已签收
)

var trackNames = map[TrackStatus]string{TrackCollected: "已揽收", TrackTransit: "运输中", TrackOut: "派送中",
	TrackSigned: "已签收"}

// Name is the status's Chinese name.
func (t TrackStatus) Name() string {
	if n, ok := trackNames[t]; ok {
		return n
	}
	return string(t)
}

// TrackEvent is one tracking event. Seq numbers a shipment's events from
// 1, so that polling again stores nothing twice.
type TrackEvent struct {
	Seq    int         `json:"seq"`
	Status TrackStatus `json:"status"`
	Place  string      `json:"place"`
	Note   string      `json:"note"`
	At     time.Time   `json:"at"`
}
