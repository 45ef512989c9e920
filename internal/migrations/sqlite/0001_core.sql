-- Core tables shared by every module.

-- Idempotency keys: a POST repeated with the same key returns the first
-- response and writes nothing.
CREATE TABLE idempotency_keys (
    scope        TEXT NOT NULL,          -- who sent it: session or API key owner
    idem_key     TEXT NOT NULL,
    method       TEXT NOT NULL,
    path         TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    body         BLOB NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
