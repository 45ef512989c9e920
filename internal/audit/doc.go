// Package audit keeps Shanzhi's append-only, hash-chained audit log: one
// record for every state change, written by Append inside the same
// transaction as the change, so a change and its trace commit or vanish
// together.
//
// # What a record holds
//
// seq (1, 2, 3… with no gaps), occurred_at (the transaction's now), the
// actor (account id, kind, masked display name, district, session and
// request ids), the action, the object's type and id, the SM3 digests of the
// object's state before and after the change, the previous record's hash and
// the record's own hash. Personal data never enters the log: before and
// after states are only digested (see Digest), never stored.
//
// # The hash encoding (version 1)
//
// A record's hash is the lowercase hex SM3 (GB/T 32905) of the
// concatenation of 15 fields, each written as its length in bytes as a
// 4-byte big-endian unsigned integer followed by its UTF-8 bytes:
//
//  1. the version tag "shanzhi-audit-v1"
//  2. seq, in decimal
//  3. occurred_at in UTC, microsecond precision, "2006-01-02T15:04:05.000000Z"
//  4. actor account id, in decimal (0 for the system)
//  5. actor kind
//  6. actor display name
//  7. district
//  8. session id
//  9. request id
//  10. action
//  11. object type
//  12. object id
//  13. before digest ("" when there was no before state)
//  14. after digest ("" when there is no after state)
//  15. prev_hash (64 zeros for the first record)
//
// Length prefixes make the encoding unambiguous: no choice of field values
// can make two different records encode to the same bytes. A before/after
// digest is the lowercase hex SM3 of the state's canonical JSON: the value
// marshalled by encoding/json, re-encoded with object keys sorted, numbers
// kept as written and no HTML escaping.
//
// # Concurrency
//
// The chain head (table audit_head, one row) names the last seq and hash.
// Append reads it with a row lock (FOR UPDATE on PostgreSQL; SQLite's single
// writer serialises on its own) and moves it forward in the same
// transaction, so concurrent transactions on any number of nodes form one
// linear chain. The lock is held until the caller's transaction ends: call
// Append after the change's own statements, as the last step, so
// transactions queue on the head as briefly as possible and always take
// their locks in the same order.
//
// # Checking
//
// Verify walks the chain in seq order and reports every break: an edited
// record, a broken link, a deleted record, a head that no longer matches the
// last record. A keyless hash chain proves the log intact against anyone
// who cannot rewrite it wholesale; anchoring the head elsewhere (printed
// reports, signed exports) extends that to people who could.
package audit
