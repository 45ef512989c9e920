-- Identity and access: accounts (staff, residents, enterprise users), their
-- role grants, server-side sessions, SMS login codes, enterprises and the
-- database-held rate limits (see internal/identity).
--
-- Personal data is never stored in clear: phone and ID numbers are SM4-GCM
-- ciphertexts (gm.Keyring, contexts "accounts.phone", "accounts.id_number")
-- with keyed SM3 blind indexes ("<keyid>:<hex>") for exact lookup. Secrets
-- are stored only as hashes (passwords: argon2id PHC strings; session
-- tokens: SM3; SMS codes: keyed SM3) or encrypted (TOTP secrets).
--
-- district is the tenant's 6-digit code. It has no foreign key to
-- districts: an administrator must be creatable (shanzhi admin create)
-- before the district's organisation is imported.

-- One table for every kind of account.
--   staff:      signs in with username + password (+ TOTP when enrolled).
--   resident:   a member of the public; signs in with phone + SMS code.
--   enterprise: a resident who acts for at least one enterprise (legal
--               representative or agent); signs in like a resident.
-- status: active; locked (too many failed logins: until locked_until, or
-- until an administrator unlocks it); disabled (sessions ended, no sign-in).
CREATE TABLE accounts (
    id                    INTEGER PRIMARY KEY,
    district              TEXT NOT NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('staff', 'resident', 'enterprise')),
    display_name          TEXT NOT NULL,          -- staff: as entered; public: masked
    status                TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked', 'disabled')),
    username              TEXT,                   -- staff only, lower case
    password_hash         TEXT,                   -- staff only, $argon2id$v=19$m=…,t=…,p=…$salt$hash
    password_changed_at   TIMESTAMP,
    failed_logins         INTEGER NOT NULL DEFAULT 0,  -- consecutive, reset on success or lockout
    locked_until          TIMESTAMP,
    totp_secret           TEXT,                   -- SM4-GCM, context accounts.totp_secret; NULL: TOTP off
    totp_pending          TEXT,                   -- enrolment started, not yet confirmed
    totp_last_step        INTEGER NOT NULL DEFAULT 0,  -- last accepted 30 s step: no code replay
    phone_enc             TEXT,
    phone_index           TEXT,
    real_name             TEXT,
    id_number_enc         TEXT,
    id_number_index       TEXT,
    real_name_verified_at TIMESTAMP,              -- NULL until an identity check confirms the real name
    last_login_at         TIMESTAMP,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    CHECK ((kind = 'staff') = (username IS NOT NULL AND password_hash IS NOT NULL)),
    CHECK (kind = 'staff' OR phone_index IS NOT NULL),
    CHECK (status <> 'locked' OR locked_until IS NOT NULL)
);
CREATE UNIQUE INDEX accounts_username ON accounts (district, username);
-- One public account per phone number and district (the login key).
CREATE UNIQUE INDEX accounts_public_phone ON accounts (district, phone_index) WHERE kind <> 'staff';
CREATE INDEX accounts_id_number ON accounts (district, id_number_index);

-- Roles held over data scopes. Residents hold resident over self:<id>,
-- enterprise users also enterprise over self:<id>; staff grants are given
-- by administrators inside their own scope. granted_by is 0 for the system.
CREATE TABLE account_grants (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    scope_kind TEXT NOT NULL,
    scope_code TEXT NOT NULL,
    granted_by INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (account_id, role, scope_kind, scope_code)
);

-- Server-side sessions, shared by every node. The bearer token is never
-- stored: token_hash is the SM3 of it. A session ends at idle_expires_at
-- (moved forward at most once a minute while used) or at expires_at,
-- whichever comes first.
CREATE TABLE sessions (
    id              TEXT PRIMARY KEY,             -- public id (audit, actor), not the token
    token_hash      TEXT NOT NULL UNIQUE,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    csrf_token      TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    last_seen_at    TIMESTAMP NOT NULL,
    idle_expires_at TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_idle_expires ON sessions (idle_expires_at);

-- SMS login codes: at most one live code per phone (a new request replaces
-- it). code_hash is a keyed SM3 of phone and code; a code is burnt after
-- the configured number of wrong attempts and deleted once used.
CREATE TABLE sms_codes (
    id          INTEGER PRIMARY KEY,
    district    TEXT NOT NULL,
    phone_index TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    UNIQUE (district, phone_index)
);
CREATE INDEX sms_codes_expires ON sms_codes (expires_at);

-- Rate limits counted in the database so they hold across nodes: one row
-- per bucket (e.g. SMS requests of one phone per day), a window that opens
-- with its first hit and the hits counted in it. Bucket names carry blind
-- indexes, never raw phone numbers or addresses.
CREATE TABLE rate_limits (
    bucket     TEXT PRIMARY KEY,
    window_end TIMESTAMP NOT NULL,
    hits       INTEGER NOT NULL
);
CREATE INDEX rate_limits_window_end ON rate_limits (window_end);

-- Legal persons (企业, 个体工商户, 社会组织) known by their unified social
-- credit code (GB 32100). credit_warning keeps the checksum warning of a
-- pilot-era code accepted as is ('' when the code checks).
CREATE TABLE enterprises (
    id             INTEGER PRIMARY KEY,
    district       TEXT NOT NULL,
    credit_code    TEXT NOT NULL,
    name           TEXT NOT NULL,
    credit_warning TEXT NOT NULL DEFAULT '',
    created_by     INTEGER NOT NULL REFERENCES accounts (id),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (district, credit_code)
);

-- Who acts for an enterprise: its legal representative (法定代表人) or an
-- agent (经办人/代理人) the representative added.
CREATE TABLE enterprise_links (
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    relation      TEXT NOT NULL CHECK (relation IN ('legal_rep', 'agent')),
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (enterprise_id, account_id)
);
CREATE INDEX enterprise_links_account ON enterprise_links (account_id);
