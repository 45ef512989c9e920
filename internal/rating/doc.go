// Package rating keeps the ratings of public services (好差评, 国办发〔2019〕
// 51号): once a case ends — an application decided, later an inspection
// visit recorded — the person served is invited (by SMS) to rate it once,
// on five levels from 非常满意 to 非常不满意, with optional text and tags
// from a fixed list per level.
//
// A rating of 不满意 or 非常不满意 opens a rectification case (差评整改) for
// the units answerable for the case: the deciding department and the
// accepting service point. Their staff call the person back (回访, each
// call recorded: who, when, what was said), write the measures taken and
// submit; a leader or administrator reviews and accepts (closed) or sends
// the case back. The deadline is a number of working days on the holiday
// calendar, five by default.
//
// Public statistics per department and service point give the
// satisfaction rate (the top three levels over all ratings) and the
// rectification rate (bad ratings whose case was closed accepted over all
// bad ratings).
//
// The invitation is made by OpenRating, an approval.DecidedHook that runs
// inside the decision's transaction: the invitation exists if and only if
// the decision does. Likewise OpenInspectionRating, a
// supervision.VisitedHook, invites the applicant once an inspection visit
// is recorded; its unit is the street's enforcement team, whose inspectors
// handle its bad ratings.
package rating
