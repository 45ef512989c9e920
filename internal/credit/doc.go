// Package credit keeps the district's credit registries (信用监管): the
// subjects — natural persons by resident ID number (GB 11643) and legal
// persons by unified social credit code (GB 32100) — their credit records
// from the source departments (行政处罚, 欠税, 失信被执行人, 虚假承诺,
// 表彰奖励 …), the red and black lists, and credit commitments (信用承诺)
// with their breach status.
//
// Its centre is the admission check (信用准入, Service.Check): at
// submission the application module names the item's rule set and the
// parties (applicant and related persons with their roles), and gets a
// Decision — pass, warn or refuse — with per-party findings in Chinese and
// the records they rest on, ready to be stored as JSON on the application.
// The rules are data (see ruleSets in rules.go). Expired, repaired or
// revoked records and ended list entries do not count.
//
// ID numbers and names of natural persons are personal data: they are
// stored SM4-encrypted with a keyed blind index for lookup, masked on every
// screen and answer, and never logged. Credit codes and entity names are
// public.
//
// Records are loaded one at a time through the API or in bulk from a CSV
// or Excel file of one source department, all or nothing, with a report of
// every bad row.
package credit
