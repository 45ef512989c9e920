-- Credit registries (信用监管, see internal/credit): the subjects (natural
-- and legal persons), their credit records from the district's
-- departments, red and black list entries, and credit commitments (信用承诺).
--
-- A subject is found by its lookup key: for a natural person the keyed
-- blind index of the ID number (the number and name themselves are stored
-- SM4-encrypted and never in clear), for a legal person the unified social
-- credit code, which is public. The admission check reads every table by
-- subject_id, so each has an index led by it.
--
-- Dates of decisions and validity are calendar dates in China time, stored
-- as 'YYYY-MM-DD' text: they compare correctly as strings on both engines.

CREATE TABLE credit_subjects (
    id         INTEGER PRIMARY KEY,
    district   TEXT NOT NULL,                       -- 6-digit division code of the tenant
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'entity')),
    lookup     TEXT NOT NULL,                       -- blind index (person) or credit code (entity)
    code_enc   TEXT,                                -- SM4 ID number, persons only
    name_enc   TEXT,                                -- SM4 name, persons only
    name       TEXT NOT NULL DEFAULT '',            -- entity name (public); '' for persons
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (district, lookup)
);

CREATE TABLE credit_records (
    id            INTEGER PRIMARY KEY,
    district      TEXT NOT NULL,
    subject_id    INTEGER NOT NULL REFERENCES credit_subjects (id),
    department    TEXT NOT NULL,                    -- source department code, e.g. 320113D05
    kind          TEXT NOT NULL,                    -- 行政处罚, 欠税, … (internal/credit Kinds)
    severity      TEXT NOT NULL CHECK (severity IN ('general', 'serious', 'positive')),
    document_no   TEXT NOT NULL,                    -- 决定文书号
    decided_on    TEXT NOT NULL,                    -- YYYY-MM-DD
    valid_until   TEXT,                             -- YYYY-MM-DD, NULL = no end
    summary       TEXT NOT NULL DEFAULT '',
    repaired_on   TEXT,                             -- 信用修复 date, NULL = not repaired
    repaired_by   INTEGER,
    repair_note   TEXT NOT NULL DEFAULT '',
    revoked_at    TIMESTAMP,
    revoked_by    INTEGER,
    revoke_reason TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    created_by    INTEGER NOT NULL,                 -- account id, 0 for the system
    UNIQUE (district, department, document_no)
);
CREATE INDEX credit_records_subject ON credit_records (subject_id, severity);

CREATE TABLE credit_list_entries (
    id           INTEGER PRIMARY KEY,
    district     TEXT NOT NULL,
    subject_id   INTEGER NOT NULL REFERENCES credit_subjects (id),
    list         TEXT NOT NULL CHECK (list IN ('red', 'black')),
    list_name    TEXT NOT NULL,                     -- e.g. 严重失信主体名单
    department   TEXT NOT NULL,
    reason       TEXT NOT NULL,
    from_on      TEXT NOT NULL,
    until_on     TEXT,                              -- NULL = until removed
    removed_at   TIMESTAMP,
    removed_by   INTEGER,
    removal_note TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    created_by   INTEGER NOT NULL
);
CREATE INDEX credit_list_entries_subject ON credit_list_entries (subject_id, list);

CREATE TABLE credit_commitments (
    id               INTEGER PRIMARY KEY,
    district         TEXT NOT NULL,
    subject_id       INTEGER NOT NULL REFERENCES credit_subjects (id),
    item_code        TEXT NOT NULL DEFAULT '',      -- implementation code of the item
    text             TEXT NOT NULL,                 -- what was promised
    signed_at        TIMESTAMP NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'kept', 'broken')),
    resolved_at      TIMESTAMP,
    resolved_by      INTEGER,
    breach_record_id INTEGER REFERENCES credit_records (id),
    created_at       TIMESTAMP NOT NULL,
    created_by       INTEGER NOT NULL
);
CREATE INDEX credit_commitments_subject ON credit_commitments (subject_id, status);
