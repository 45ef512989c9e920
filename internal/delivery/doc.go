// Package delivery hands approval results (licences, decision documents)
// to the applicant (送达, step 9 of contactless approval): once an
// application is approved the applicant chooses, on their phone, between
//
//   - 同城取件: collection at any service point of the district that hands
//     out licences. A six-digit pickup code is generated; only its keyed
//     hash is stored, the code itself is shown once and sent by SMS. At
//     the front desk the worker enters the code and the collector's ID
//     number, which must be the holder's; five wrong tries lock the
//     delivery for 15 minutes.
//   - 快递: an address anywhere in mainland China. A job books the
//     shipment with the courier (the Courier port; CourierSimulator stands
//     in for a real one) and a periodic job polls its tracking until it is
//     signed for. The applicant follows the timeline.
//
// The applicant may change the choice until the result is handed over or
// the shipment is booked. Every choice names the revision it was made on,
// so two concurrent choices cannot both win and at most one shipment is
// ever booked.
//
// The delivery is opened by OpenDelivery, an approval.DecidedHook run in
// the decision's transaction: it exists if and only if the approval does.
// Names, phone numbers and addresses are encrypted at rest and masked on
// screens.
package delivery
