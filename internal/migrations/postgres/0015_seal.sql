-- Electronic seals (internal/seal): a root CA per district and SM2 keys
-- with certificates for the departments that issue electronic licences.
-- Private keys are PKCS#8 PEM sealed with the data keyring (SM4-GCM); the
-- database is the "disk" of stateless nodes.

CREATE TABLE seal_roots (
    district_code TEXT PRIMARY KEY REFERENCES districts (code),
    serial        TEXT NOT NULL UNIQUE,      -- certificate serial, lower-case hex
    subject       TEXT NOT NULL,
    cert_pem      TEXT NOT NULL,
    private_enc   TEXT NOT NULL,
    not_before    TIMESTAMPTZ NOT NULL,
    not_after     TIMESTAMPTZ NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);

-- Department keys. One current key per department; retired keys keep
-- verifying what they signed; revoked keys verify only what they signed
-- before revoked_since.
CREATE TABLE seal_keys (
    id            TEXT PRIMARY KEY,
    dept_code     TEXT NOT NULL REFERENCES departments (code),
    district_code TEXT NOT NULL REFERENCES seal_roots (district_code),
    status        TEXT NOT NULL CHECK (status IN ('current', 'retired', 'revoked')),
    serial        TEXT NOT NULL UNIQUE,
    cert_pem      TEXT NOT NULL,
    private_enc   TEXT NOT NULL,
    not_before    TIMESTAMPTZ NOT NULL,
    not_after     TIMESTAMPTZ NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    retired_at    TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    revoked_since TIMESTAMPTZ,
    revoke_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX seal_keys_current ON seal_keys (dept_code) WHERE status = 'current';
CREATE INDEX seal_keys_dept ON seal_keys (dept_code, created_at);

-- Every seal made, by the SM3 digest of its signature: Verify learns from
-- it when a signature was made, which decides whether a revocation applies.
CREATE TABLE seal_signatures (
    digest    TEXT PRIMARY KEY,
    key_id    TEXT NOT NULL REFERENCES seal_keys (id),
    signed_at TIMESTAMPTZ NOT NULL
);
