// Package catalog is the service catalogue (事项清单, 办事指南): the items
// every application is made of, with every element GB/T 39046-2020 asks a
// guide to carry, their approval steps and their application forms, kept in
// versions that are drafted, published with an effective date and, when an
// item is no longer offered, withdrawn.
//
// Items are validated as a whole (Item.Validate lists every problem at once,
// with the path of the field at fault) so that an editor, a JSON seed and a
// spreadsheet import report the same problems in the same words. The form
// definition of an item is data: the same Form validates an applicant's
// answers on the server that renders the form.
package catalog
