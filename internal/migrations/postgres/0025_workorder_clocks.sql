-- Work-order clocks (工单时限, part 4 of the work orders), see
-- internal/workorder/clock*.go and docs/workorder-design.md.
--
-- A clock counts a budget of time from its start: wall-clock seconds for a
-- limit in hours, seconds on working days (the whole day of every working
-- day of the holiday calendar) for a limit in working days. due_at and
-- warn_at are derived from the start, the limit, extended_seconds (granted
-- extensions, 延期) and paused_seconds (time counted inside pauses: 挂账,
-- 核查, or after the order was resolved and before it was reopened), all in
-- the clock's own measure; they are rewritten whenever one of them changes.
-- warned_at is when the early warning went out. epoch grows at every such
-- rewrite: a timer job carries the epoch it was scheduled for and does
-- nothing when the clock has moved on since.
ALTER TABLE workorder_clocks ADD COLUMN extended_seconds BIGINT NOT NULL DEFAULT 0;
ALTER TABLE workorder_clocks ADD COLUMN warned_at TIMESTAMPTZ;
ALTER TABLE workorder_clocks ADD COLUMN epoch BIGINT NOT NULL DEFAULT 0;

-- An extension request names the deadline asked for (requested_due); amount
-- and basis say the same in the clock's unit (hours, or working days
-- rounded up), for lists and measures. A request still pending when the
-- order is resolved or closed is refused with no decider (decided_by NULL).
ALTER TABLE workorder_extensions ADD COLUMN requested_due TIMESTAMPTZ;

-- Parking (挂账) is asked for by the handling unit and decided by a
-- supervisor: state pending (asked), approved (the order is parked until
-- ended_at), refused, ended (resumed: 恢复办理), withdrawn (the order was
-- resolved or closed while the request was pending). parked_by/parked_at
-- are the request; decided_by/decided_at the decision (approved_by repeats
-- an approving decider); unit_code the unit that asked. reminded_on is the
-- last review date a reminder went out for (yyyy-mm-dd, China).
ALTER TABLE workorder_parkings ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'approved', 'refused', 'ended', 'withdrawn'));
ALTER TABLE workorder_parkings ADD COLUMN unit_code TEXT NOT NULL DEFAULT '';
ALTER TABLE workorder_parkings ADD COLUMN decided_by BIGINT;
ALTER TABLE workorder_parkings ADD COLUMN decided_at TIMESTAMPTZ;
ALTER TABLE workorder_parkings ADD COLUMN decision_note TEXT NOT NULL DEFAULT '';
ALTER TABLE workorder_parkings ADD COLUMN reminded_on TEXT NOT NULL DEFAULT '';
CREATE INDEX workorder_parkings_order ON workorder_parkings (order_id, parked_at);
CREATE INDEX workorder_parkings_pending ON workorder_parkings (state, parked_at) WHERE state = 'pending';
