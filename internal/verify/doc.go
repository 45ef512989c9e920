// Package verify performs remote identity verification (身份核验) for the
// contactless approval flow: a resident proves on a phone who they are
// before submitting an application, and the application module then requires
// the identity level its item asks for.
//
// # Identity levels
//
//	Level  Meaning                                    How it is reached
//	L1     signed in by SMS code                      a resident or enterprise session (identity module)
//	L2     L1 + carrier three-factor real-name check  CheckCarrier: name + ID number + the sign-in phone (运营商三要素)
//	       + a fresh SMS code for this verification   SendCode, then CheckCode: a code texted to that phone now (短信验证码)
//	L3     L2 + face match against the ID photo       CheckFace: a live capture compared with the ID photo (人脸识别)
//
// The sign-in code proves the phone only when the session began; the
// fresh code proves the resident holds it during this verification. The
// steps run in that order: the code goes to the phone the carrier check
// verified, and the face match needs the code step passed.
//
// # Verifications
//
// A Verification belongs to one account and one purpose: a string reference
// such as "application:1024". Start opens it at L1; CheckCarrier with
// CheckCode, then CheckFace raise it. It is valid for Config.TTL (30
// minutes by default) from Start and is used at most once, by its own purpose (Consume, inside
// the caller's transaction). Attempts are limited in the database:
// Config.MaxCarrierAttempts and Config.MaxFaceAttempts (5 each). Every
// carrier and face check, passed or not, is kept with its provider,
// outcome and reference.
//
// SMS codes are 6 digits, live Config.SMSCodeTTL (5 minutes), are stored
// only as a keyed SM3 hash over the verification id and the code, and
// burn after Config.MaxSMSAttempts wrong tries (5); a verification gets a
// new code at most once per Config.SMSResendGap (1 minute) and
// Config.MaxSMSSends times (5). The counters live in the verification's
// row, so the limits hold across nodes. Neither codes nor phone numbers
// are logged.
//
// Names, ID numbers and phone numbers are SM4-GCM encrypted at rest with a
// blind index of the ID number, shown masked and never logged.
//
// # Providers
//
// The checks run through two adapters, CarrierCheck and FaceMatch, and
// the codes go out by the district's SMS adapter (notify.SMSSender). The
// two providers have deterministic local simulators (CarrierSimulator, FaceSimulator)
// used by the demo and the tests, whose test identities are documented on
// the simulator types, and a documented contract for a real provider.
// Provider calls run outside any database transaction, bounded by
// Config.ProviderTimeout; a provider that fails or times out gives an
// unavailable error naming the provider.
package verify
