// Package identity is who is who in Shanzhi: accounts of staff, residents
// and enterprise users, how they sign in, their server-side sessions, the
// roles they hold over data scopes, and the enterprises residents act for.
//
// # Accounts and sign-in
//
// Staff sign in with a username (unique per district) and a password
// hashed with argon2id (see PasswordParams), plus a TOTP code once they
// have enrolled an authenticator (StartTOTP, ConfirmTOTP). After
// Config.MaxFailedLogins consecutive failures (5) an account is locked for
// Config.LockoutPeriod (15 minutes); the count is kept in the database so
// it holds across nodes. Passwords have 10 to 128 characters from at least
// two of upper case, lower case, digits and other characters.
//
// Residents sign in with a mobile number and a 6-digit SMS code
// (RequestSMSCode, LoginResident): codes live 5 minutes, are stored only
// as keyed hashes, burn after 5 wrong tries, and requests are rate-limited
// per number (1 per 60 s, 10 per 24 h) and per client address (30 per
// hour; 60 code checks per hour) in the database. The first sign-in creates
// the account. A resident who registers an enterprise (as its legal
// representative) or is added as its agent becomes an enterprise user.
//
// # Personal data
//
// Phone and ID numbers are stored encrypted with SM4-GCM (gm.Keyring,
// contexts "accounts.phone" and "accounts.id_number") next to keyed SM3
// blind indexes for exact lookup; TOTP secrets are encrypted too. Views
// (AccountView) carry masked values (138****5678, 320113********123X);
// RevealPII gives clear values to administrators and is audited. Nothing
// personal is logged, nor put in job arguments or audit states (those hold
// masked values and blind indexes).
//
// # Sessions
//
// Sessions live in the database: the client holds a random 256-bit token,
// the database its SM3 hash. Staff sessions end after 30 minutes idle or
// 12 hours; public sessions after 7 days idle or 30 days (Config). Lookup
// reads session, account and grants in one query and writes at most once a
// minute per session to move the idle expiry. Each session carries a CSRF
// token for the web layer to compare. Cleanup (the periodic
// "identity.cleanup" job) removes expired rows.
//
// # Roles and scopes
//
// Grants (role over scope) are stored per account. Residents hold
// resident over their own scope (authz.Self), enterprise users also
// enterprise over it. Staff grants are given by administrators, only
// inside their own scopes; an administrator manages an account only when
// their scopes cover all of its grants.
//
// # Pages and API
//
// Handlers (NewHandlers, Register) serve the resident sign-in by SMS code
// (/login), the staff sign-in (/console/login), sign-out, "my account"
// (/account: resident shell for the public, console shell for staff), the
// staff administration of the console (/console/staff) and the JSON
// operations under /api/v1 (/sessions/…, /me). WebSessions adapts the
// service to the web layer's session lookup. Pages never show a phone or
// ID number in clear: between the two sign-in steps the number travels as
// an encrypted phone token, and forms show back only invalid numbers.
//
// # Audit and jobs
//
// Every change (accounts, grants, passwords, TOTP, lockouts, sign-ins and
// sign-outs, real names, enterprises, reveals of personal data) appends an
// audit record in its own transaction. Creating a staff account queues
// "identity.welcome_staff" in the same transaction (RegisterWorkers).
// Not audited: the idle-expiry touch, single failed sign-ins below the
// lockout, SMS codes and rate-limit counters, and Cleanup, all of them
// short-lived security bookkeeping.
package identity
