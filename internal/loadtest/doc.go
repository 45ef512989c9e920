// Package loadtest drives Shanzhi over HTTP the way its users do and
// measures it: `shanzhi bench approval` runs the whole contactless
// application lifecycle (resident applies, verifies and submits; the front
// desk accepts; two approvers review and check) from many concurrent
// clients against an in-process node on a fresh database, records every
// call's latency by operation and prints the figures beside a baseline of
// a trivial request measured in the same run.
//
// The scenario uses only the public JSON API; the setup (seeding, extra
// approver accounts) uses the services directly, as an operator would.
// Speed is never asserted: the package's tests only check that a tiny run
// completes without errors.
package loadtest
