// Package verify performs remote identity verification (身份核验) for the
// contactless approval flow: a resident proves on a phone who they are
// before submitting an application, and the application module then requires
// the identity level its item asks for.
//
// # Identity levels
//
//	Level  Meaning                                   How it is reached
//	L1     signed in by SMS code                     a resident or enterprise session (identity module)
//	L2     L1 + carrier three-factor real-name check  CheckCarrier: name + ID number + the sign-in phone (运营商三要素)
//	L3     L2 + face match against the ID photo       CheckFace: a live capture compared with the ID photo (人脸识别)
//
// # Verifications
//
// A Verification belongs to one account and one purpose: a string reference
// such as "application:1024". Start opens it at L1; CheckCarrier and
// CheckFace raise it. It is valid for Config.TTL (30 minutes by default)
// from Start and is used at most once, by its own purpose (Consume, inside
// the caller's transaction). Attempts are limited in the database:
// Config.MaxCarrierAttempts and Config.MaxFaceAttempts (5 each). Every
// check, passed or not, is kept with its provider, outcome and reference.
// Names, ID numbers and phone numbers are SM4-GCM encrypted at rest with a
// blind index of the ID number, shown masked and never logged.
//
// # Providers
//
// The checks run through two adapters, CarrierCheck and FaceMatch. Each
// has a deterministic local simulator (CarrierSimulator, FaceSimulator)
// used by the demo and the tests, whose test identities are documented on
// the simulator types, and a documented contract for a real provider.
// Provider calls run outside any database transaction, bounded by
// Config.ProviderTimeout; a provider that fails or times out gives an
// unavailable error naming the provider.
package verify
