-- Uploaded documents (see internal/platform/files): content encrypted with
-- the data keyring, one row per file. Rows are written in the transaction of
-- whatever refers to them.
CREATE TABLE files (
    id            TEXT PRIMARY KEY,      -- random 128-bit hex
    district_code TEXT NOT NULL,
    owner_id      BIGINT NOT NULL,       -- the uploading account
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,         -- pdf | jpeg | png, by content
    size          BIGINT NOT NULL,
    sm3           TEXT NOT NULL,         -- digest of the plain content
    data          TEXT NOT NULL,         -- SM4-GCM envelope
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX files_owner ON files (district_code, owner_id, created_at);
