-- Audit log: an append-only chain of records, each sealed with an SM3 hash
-- over its content and the previous record's hash (see internal/audit).

-- One record per state change. seq is assigned by the application from the
-- chain head, so it is gap-free: a missing seq means a deleted record.
-- Personal data never lands here: before/after states are stored only as
-- SM3 digests of their canonical JSON.
CREATE TABLE audit_log (
    seq           BIGINT PRIMARY KEY,
    occurred_at   TIMESTAMPTZ NOT NULL,
    actor_id      BIGINT NOT NULL,       -- 0 for the system actor
    actor_kind    TEXT NOT NULL,
    actor_name    TEXT NOT NULL,         -- display name, already masked
    district      TEXT NOT NULL,         -- tenant; staff see only their own
    session_id    TEXT NOT NULL,
    request_id    TEXT NOT NULL,
    action        TEXT NOT NULL,
    object_type   TEXT NOT NULL,
    object_id     TEXT NOT NULL,
    before_digest TEXT NOT NULL,         -- '' when there was no before state
    after_digest  TEXT NOT NULL,         -- '' when there is no after state
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (district, object_type, object_id, seq);
CREATE INDEX audit_log_actor ON audit_log (district, actor_id, seq);
CREATE INDEX audit_log_time ON audit_log (district, occurred_at);

-- The chain head: one row naming the last record. Appends lock it (SELECT …
-- FOR UPDATE), so concurrent transactions on any number of nodes line up
-- into one chain; Verify compares it with the last record to detect a
-- deleted tail.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only by construction: records are never updated, deleted or
-- truncated, the head is never deleted and only ever moves one record
-- forward, onto a record that exists with that hash. Someone with raw
-- database access can still disable these triggers; Verify is what catches
-- that.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE FUNCTION audit_head_check_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id
       OR NEW.last_seq <> OLD.last_seq + 1
       OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.last_seq AND hash = NEW.last_hash) THEN
        RAISE EXCEPTION 'audit_head must advance by one onto an existing record';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_check_forward();
