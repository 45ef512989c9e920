// Package supervision is the same-day supervision push (批管同步): when a
// licence is approved, a job inserted in the decision's transaction
// creates an inspection task for the enforcement team of the street where
// the business is registered and pushes the approval to the credit
// registry. Inspectors see their street's tasks on a phone (pages and a
// JSON API), by due date and distance, and record a visit (checklist,
// findings, photos, GPS position) that settles the task as compliant,
// rectification required (a re-visit task follows) or false commitment (a
// revocation proposal the approving department decides — 吊销 revokes the
// item's licences, 不予吊销 records why not — and a credit record). Each
// visit's result flows to the credit registry through a job, and is
// published, with the approvals, on the entity's public page (entities
// with a credit code only; no person is ever named). Supervisors see every
// street, overdue tasks and completion rates.
//
// Every step notifies the people concerned through the Notifier port: the
// street's inspectors of new tasks and, each working morning, of tasks due
// and overdue; the applicant of the visit's outcome; the approving
// department of a revocation proposal. VisitedHooks let other modules
// follow a visit in its transaction (ratings invite the person served).
package supervision
