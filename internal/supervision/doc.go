// Package supervision is the same-day supervision push (批管同步): when a
// licence is approved, a job inserted in the decision's transaction
// creates an inspection task for the enforcement team of the street where
// the business is registered and pushes the approval to the credit
// registry. Inspectors see their street's tasks on a phone, record a visit
// (checklist, findings, photos, GPS position) and settle the task as
// compliant, rectification required (a re-visit task follows) or false
// commitment (a revocation proposal for the licence module and a credit
// record). Supervisors see every street, overdue tasks and completion rates.
package supervision
