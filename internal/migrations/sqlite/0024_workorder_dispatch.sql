-- Work-order dispatch (派单, part 3 of the work orders), see
-- internal/workorder/dispatch*.go and docs/workorder-design.md.
--
-- team narrows a unit to one of its teams: '' is the whole unit (every
-- staff role that handles orders for units of its kind), 'enforcement'
-- the street's or department's enforcement team (综合执法队: inspectors
-- only). A rule names the team its orders go to; an assignment keeps it.
ALTER TABLE workorder_dispatch_rules ADD COLUMN team TEXT NOT NULL DEFAULT '';
ALTER TABLE workorder_assignments ADD COLUMN team TEXT NOT NULL DEFAULT '';

-- An order has at most one live lead assignment (offered in a pool,
-- pending 签收, or accepted): two dispatchers, or a dispatcher and the
-- automatic dispatch, cannot both give it a lead unit.
CREATE UNIQUE INDEX workorder_assignments_live_lead ON workorder_assignments (order_id)
    WHERE role = 'lead' AND state IN ('offered', 'pending', 'accepted');

-- Workers of grab pools (抢单, the ride-hailing model): whether they take
-- pool orders now (available; a worker without a row is available) and
-- the position they last reported from their phone (NULL when never: the
-- approximate centre of their post's area stands in). Pool orders are
-- shown to, and may be taken by, available members of the pool within a
-- few kilometres of the order.
CREATE TABLE workorder_workers (
    account_id    INTEGER PRIMARY KEY,
    district_code TEXT NOT NULL,
    available     INTEGER NOT NULL DEFAULT 1,
    lat           DOUBLE PRECISION,
    lng           DOUBLE PRECISION,
    located_at    TIMESTAMP,
    updated_at    TIMESTAMP NOT NULL
);
