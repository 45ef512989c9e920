// Package approval runs applications (办件) for catalogue items from a
// resident's or enterprise's phone to a recorded decision: drafts, remote
// identity and signatures, credit admission, pre-review with a one-time
// notice (一次性告知), acceptance at any service point of the item's level
// (区街同权), back-office steps by the departments of the item (受理权与审批权
// 分离; parallel groups for 证照联办), time limits in working days with
// suspensions, and the decision.
//
// An application keeps the catalogue version it was filed under, so a guide
// edited later never changes what an applicant was asked for.
package approval
