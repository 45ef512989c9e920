-- Remote identity verification (身份核验) and electronic signature evidence
-- (see internal/verify and internal/esign).
--
-- A verification belongs to one account and one purpose (e.g. an
-- application, as a string reference); it records which checks passed, when
-- and with which provider, lives a limited time and is used at most once.
-- Personal data is SM4-GCM encrypted (gm.Keyring, contexts
-- "verifications.name", "verifications.id_number", "verifications.phone")
-- with a keyed SM3 blind index of the ID number for lookups.
CREATE TABLE verifications (
    id                TEXT PRIMARY KEY,          -- random public id
    district          TEXT NOT NULL,
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    purpose           TEXT NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    expires_at        TIMESTAMP NOT NULL,
    used_at           TIMESTAMP,                 -- set once, by the purpose it was started for
    name_enc          TEXT,                      -- set when the carrier check passes
    id_number_enc     TEXT,
    id_number_index   TEXT,
    phone_enc         TEXT,
    carrier_attempts  INTEGER NOT NULL DEFAULT 0,
    carrier_provider  TEXT NOT NULL DEFAULT '',
    carrier_ref       TEXT NOT NULL DEFAULT '',
    carrier_passed_at TIMESTAMP,
    face_attempts     INTEGER NOT NULL DEFAULT 0,
    face_provider     TEXT NOT NULL DEFAULT '',
    face_ref          TEXT NOT NULL DEFAULT '',
    face_score        REAL NOT NULL DEFAULT 0,
    face_passed_at    TIMESTAMP,
    CHECK (carrier_passed_at IS NULL OR id_number_enc IS NOT NULL),
    CHECK (face_passed_at IS NULL OR carrier_passed_at IS NOT NULL)
);
CREATE INDEX verifications_account ON verifications (account_id, purpose, created_at);
CREATE INDEX verifications_id_number ON verifications (district, id_number_index);

-- Every check made, passed or not: the provider's answer and reference.
-- outcome: match, mismatch, unknown_number (carrier); pass, fail, no_photo
-- (face); error when the provider did not answer.
CREATE TABLE verification_checks (
    id              INTEGER PRIMARY KEY,
    verification_id TEXT NOT NULL REFERENCES verifications (id),
    kind            TEXT NOT NULL CHECK (kind IN ('carrier', 'face')),
    provider        TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    score           REAL NOT NULL DEFAULT 0,
    reference       TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX verification_checks_verification ON verification_checks (verification_id, id);

-- The platform's SM2 signing keys. The private key is PKCS#8 PEM sealed
-- with the data keyring (context "esign_keys.private"); one key is current
-- and signs, retired keys only verify. Keys are never deleted; a key's id
-- and public half never change (private_enc may be re-sealed when the data
-- keys rotate).
CREATE TABLE esign_keys (
    id          TEXT PRIMARY KEY,
    status      TEXT NOT NULL CHECK (status IN ('current', 'retired')),
    private_enc TEXT NOT NULL,
    public_pem  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    retired_at  TIMESTAMP
);
CREATE UNIQUE INDEX esign_keys_current ON esign_keys (status) WHERE status = 'current';

-- Signature evidence: append-only. payload is the canonical JSON that was
-- signed; the other columns repeat parts of it for search and display.
CREATE TABLE esign_evidence (
    id                 INTEGER PRIMARY KEY,
    doc_kind           TEXT NOT NULL,
    doc_ref            TEXT NOT NULL,
    digest             TEXT NOT NULL,             -- SM3 of the document, hex
    signer_account_id  INTEGER NOT NULL,
    signer_name_masked TEXT NOT NULL,
    level              INTEGER NOT NULL,
    verification_id    TEXT NOT NULL,
    signed_at          TIMESTAMP NOT NULL,
    key_id             TEXT NOT NULL REFERENCES esign_keys (id),
    payload            TEXT NOT NULL,
    signature          TEXT NOT NULL,             -- base64 of the ASN.1 DER SM2 signature
    handwriting        BLOB                       -- optional PNG of a handwritten signature
);
CREATE INDEX esign_evidence_doc ON esign_evidence (doc_kind, doc_ref);

CREATE TRIGGER esign_evidence_no_update BEFORE UPDATE ON esign_evidence
BEGIN
    SELECT RAISE(ABORT, 'esign_evidence is append-only');
END;
CREATE TRIGGER esign_evidence_no_delete BEFORE DELETE ON esign_evidence
BEGIN
    SELECT RAISE(ABORT, 'esign_evidence is append-only');
END;
CREATE TRIGGER esign_keys_no_delete BEFORE DELETE ON esign_keys
BEGIN
    SELECT RAISE(ABORT, 'esign_keys are never deleted');
END;
CREATE TRIGGER esign_keys_fixed BEFORE UPDATE ON esign_keys
WHEN NEW.id <> OLD.id OR NEW.public_pem <> OLD.public_pem OR NEW.created_at <> OLD.created_at
  OR (OLD.status = 'retired' AND NEW.status <> 'retired')
BEGIN
    SELECT RAISE(ABORT, 'esign_keys: a key''s id and public key never change, and a retired key stays retired');
END;
