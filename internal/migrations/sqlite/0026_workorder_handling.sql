-- Handling and closure of work orders (internal/workorder: handle*.go,
-- close*.go, followup*.go, duplicate*.go, redact*.go).
--
-- A follow-up (回访) answers one resolution of an order for one requester.
-- After a merge (并单) the surviving order has several requesters: its own
-- and those of the orders merged into it, each asked once per resolution.
-- resolved_seq is the seq of the `resolved` event the answer is about (a
-- reopened and again resolved order is asked again); for_order_id is the
-- order whose requester answered (the order itself, or one merged into
-- it); answered_by is the account that recorded the answer (the resident
-- online, or the staff member who phoned or visited). for_order_id has no
-- foreign key: SQLite cannot add a referencing column with a non-NULL
-- default, and NULL would let the unique index below admit repeats.
ALTER TABLE workorder_followups ADD COLUMN resolved_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workorder_followups ADD COLUMN for_order_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workorder_followups ADD COLUMN answered_by INTEGER;
CREATE UNIQUE INDEX workorder_followups_answer ON workorder_followups (order_id, resolved_seq, for_order_id);

-- Orders still waiting for their follow-up, for the job that closes them
-- when the follow-up period ends unanswered.
CREATE INDEX workorders_resolved ON workorders (state, resolved_at) WHERE state = 'resolved';

-- The orders merged into an order, to find a survivor's followers.
CREATE INDEX workorders_merged_into ON workorders (merged_into) WHERE merged_into IS NOT NULL;
