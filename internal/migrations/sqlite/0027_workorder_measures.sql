-- Work-order measures (see internal/workorder, measure*.go, and the
-- "Measures" section of docs/workorder-design.md).
--
-- One row per order: what the order's events say about it, folded by one
-- pure function of the events (and the deadline of its resolution clock).
-- It is not a counter: every event of the order rebuilds the whole row
-- from all the order's events, in the event's transaction, and
-- RecomputeMeasures rebuilds any or every row from the events alone, so
-- the figures can be recomputed at any time and must come out the same.
-- The measures (response, resolution, satisfaction and on-time rates,
-- average handling time) are sums over these rows grouped by unit,
-- community, street, category or period.
--
-- Columns:
--   filed_day / filed_week / filed_month: the China date of filing as
--     yyyy-mm-dd, ISO week yyyy-Www and yyyy-mm (orders are counted in the
--     period they were filed in);
--   street_code, community_code, category_code: where the order belongs
--     and what it is about, as on the order (corrections included);
--   unit: the unit responsible (the last one it was dispatched to,
--     grabbed or accepted by, or that resolved it; '' before dispatch);
--   counted: 0 for merged duplicates and cancelled requests, which are no
--     demand of their own; 1 otherwise;
--   responded / response_secs: whether a first response (签收, 抢单,
--     答复) came and how many seconds after filing;
--   outcome: the order's outcome ('' while open);
--   resolved_at / handling_secs: the last time the order reached an
--     outcome (NULL while open) and the seconds from filing to it, parked
--     (挂账) time left out;
--   on_time: 1 when resolved_at is at or before the resolution clock's
--     deadline, 0 after it, NULL while open or without a clock;
--   satisfaction: the latest follow-up (回访) answer, 5 非常满意 … 1 非常不
--     满意, 0 when none;
--   reopened: how many times the order was reopened;
--   seq: the last event folded in (equals the order's version when fresh).
CREATE TABLE workorder_measures (
    order_id       INTEGER PRIMARY KEY REFERENCES workorders (id),
    district_code  TEXT NOT NULL,
    filed_at       TIMESTAMP NOT NULL,
    filed_day      TEXT NOT NULL,
    filed_week     TEXT NOT NULL,
    filed_month    TEXT NOT NULL,
    street_code    TEXT NOT NULL,
    community_code TEXT NOT NULL,
    category_code  TEXT NOT NULL,
    unit           TEXT NOT NULL DEFAULT '',
    counted        INTEGER NOT NULL,
    responded      INTEGER NOT NULL,
    response_secs  BIGINT NOT NULL DEFAULT 0,
    outcome        TEXT NOT NULL DEFAULT '',
    resolved_at    TIMESTAMP,
    handling_secs  BIGINT NOT NULL DEFAULT 0,
    on_time        INTEGER,
    satisfaction   INTEGER NOT NULL DEFAULT 0 CHECK (satisfaction BETWEEN 0 AND 5),
    reopened       INTEGER NOT NULL DEFAULT 0,
    seq            INTEGER NOT NULL
);
-- Leaders filter by period, then by street or community (their scope).
CREATE INDEX workorder_measures_day ON workorder_measures (district_code, filed_day);
CREATE INDEX workorder_measures_street ON workorder_measures (street_code, filed_day);
CREATE INDEX workorder_measures_community ON workorder_measures (community_code, filed_day);

-- The clocks still counting (not stopped: a few per cent of them once a
-- district has a history): the board of about-to-lapse and overdue orders
-- reads them by their warning time, the on-time rate's "open and overdue
-- now" by their deadline.
CREATE INDEX workorder_clocks_live_warn ON workorder_clocks (warn_at) WHERE stopped_at IS NULL;
CREATE INDEX workorder_clocks_live_due ON workorder_clocks (kind, due_at) WHERE stopped_at IS NULL;
