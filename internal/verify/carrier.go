package verify

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// CarrierOutcome is a carrier's answer to a three-factor check.
type CarrierOutcome string

// The carrier outcomes.
const (
	// CarrierMatch: the phone number is registered to this name and ID number.
	CarrierMatch CarrierOutcome = "match"
	// CarrierMismatch: the number exists but is registered to someone else
	// (or name and ID number do not belong together).
	CarrierMismatch CarrierOutcome = "mismatch"
	// CarrierUnknownNumber: no carrier knows the number (not in service).
	CarrierUnknownNumber CarrierOutcome = "unknown_number"
)

// CarrierQuery is what a three-factor check compares. The values are
// already validated and normalised (ID number per GB 11643, 11-digit phone).
type CarrierQuery struct {
	Name     gm.Sensitive
	IDNumber gm.Sensitive
	Phone    gm.Sensitive
}

// CarrierResult is a carrier's answer.
type CarrierResult struct {
	Outcome CarrierOutcome
	// Reference is the provider's transaction id, kept as evidence.
	Reference string
}

// CarrierCheck is the carrier three-factor real-name check (运营商三要素).
//
// A real provider (the carriers' real-name gateways, usually reached
// through a licensed aggregator on the government network) implements it
// as one HTTPS call: it sends name, ID number and phone (encrypted as the
// provider demands), answers CarrierMatch, CarrierMismatch or
// CarrierUnknownNumber with its transaction id, honours ctx's deadline and
// cancellation, and returns an error (never an outcome) when it could not
// get an answer. Neither its logs nor its errors may contain the query's
// values (the service logs provider errors); gm.Sensitive prints redacted.
type CarrierCheck interface {
	// Provider names the provider in evidence and errors, e.g. "carrier-sim".
	Provider() string
	// CheckCarrier compares the three factors.
	CheckCarrier(ctx context.Context, q CarrierQuery) (CarrierResult, error)
}
