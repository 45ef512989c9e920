-- Electronic licences (电子证照, GB/T 36901–36905; see internal/license).
-- Each row is one licence version; a change or renewal adds a row that
-- supersedes the previous one, which stays verifiable. meta_json holds the
-- signed GB/T 36903 metadata with the holder's code removed; the code is
-- stored encrypted (holder_code_enc, SM4) with a blind index for the
-- holder's wallet and put back before verification. Signatures and
-- certificates are base64 / PEM text so both engines store them alike.
-- origin_key makes issuance idempotent: one first version per application
-- and item ('' for licences not issued from an application).
CREATE TABLE licences (
    id                INTEGER PRIMARY KEY,
    district_code     TEXT NOT NULL,
    department_code   TEXT NOT NULL,
    identifier        TEXT NOT NULL UNIQUE,
    type_code         TEXT NOT NULL,
    issuer_code       TEXT NOT NULL,
    serial            TEXT NOT NULL,
    version           INTEGER NOT NULL CHECK (version BETWEEN 1 AND 999),
    meta_json         TEXT NOT NULL,
    holder_code_enc   TEXT NOT NULL,
    holder_code_index TEXT NOT NULL,
    holder_account    INTEGER NOT NULL DEFAULT 0,
    application_id    INTEGER NOT NULL DEFAULT 0,
    item_code         TEXT NOT NULL DEFAULT '',
    origin_key        TEXT NOT NULL DEFAULT '',
    supersedes_id     INTEGER NOT NULL DEFAULT 0,
    status            TEXT NOT NULL CHECK (status IN ('valid', 'suspended', 'revoked', 'superseded')),
    status_reason     TEXT NOT NULL DEFAULT '',
    status_at         TIMESTAMP NOT NULL,
    seal_key_id       TEXT NOT NULL,
    seal_cert_serial  TEXT NOT NULL,
    seal_signature    TEXT NOT NULL,
    seal_cert_pem     TEXT NOT NULL,
    status_key_id     TEXT NOT NULL,
    status_cert_serial TEXT NOT NULL,
    status_signature  TEXT NOT NULL,
    status_cert_pem   TEXT NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    UNIQUE (issuer_code, type_code, serial, version)
);
CREATE UNIQUE INDEX licences_origin ON licences (origin_key) WHERE origin_key <> '';
CREATE INDEX licences_holder_account ON licences (holder_account, id);
CREATE INDEX licences_holder_code ON licences (holder_code_index, id);
CREATE INDEX licences_application ON licences (application_id);

-- The last serial given per issuer, licence type and year.
CREATE TABLE licence_serials (
    issuer_code TEXT NOT NULL,
    type_code   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    last_serial INTEGER NOT NULL,
    PRIMARY KEY (issuer_code, type_code, year)
);
