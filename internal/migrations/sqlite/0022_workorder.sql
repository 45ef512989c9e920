-- Work orders (工单), see internal/workorder and docs/workorder-design.md.
--
-- One row per resident request from any channel (workorders), its
-- append-only history (workorder_events: every change, from which the
-- measures are computed), its photos, the versioned category tree with
-- per-category extra fields and time limits, and the tables the later
-- parts fill: the dispatch catalogue (派单目录) and assignments (主办/协办,
-- grab pool, 退单/改派), the working-time clocks, extensions (延期),
-- long-term parking (挂账), follow-ups (回访), followers of merged orders
-- (并单) and the API keys of the intake API. Account ids, like elsewhere,
-- have no foreign key: accounts belong to identity.

-- Category trees: one row per version of a district's whole tree. At most
-- one draft (being edited) and one published (offered to residents) per
-- district; publishing retires the previous version. Orders keep the
-- version they were filed under, so a later edit never changes them.
CREATE TABLE workorder_category_trees (
    id            INTEGER PRIMARY KEY,
    district_code TEXT NOT NULL,
    version       INTEGER NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('draft', 'published', 'retired')),
    note          TEXT NOT NULL DEFAULT '',     -- what changed, written by the publisher
    created_at    TIMESTAMP NOT NULL,
    created_by    INTEGER NOT NULL,             -- 0 for the system (demo seed)
    updated_at    TIMESTAMP NOT NULL,
    published_at  TIMESTAMP,
    published_by  INTEGER,
    UNIQUE (district_code, version)
);
CREATE UNIQUE INDEX workorder_category_trees_draft ON workorder_category_trees (district_code) WHERE state = 'draft';
CREATE UNIQUE INDEX workorder_category_trees_published ON workorder_category_trees (district_code) WHERE state = 'published';

-- The categories of one tree version, parents before children (position).
-- body is the whole Category as JSON (extra fields, time limits, urgency
-- options); the columns beside it are copied out for lists and joins.
-- grid_class is the GB/T 30428.2 部件/事件 class ('' when none applies);
-- handler_rule names the default handler rule the dispatch part resolves.
CREATE TABLE workorder_categories (
    id           INTEGER PRIMARY KEY,
    tree_id      INTEGER NOT NULL REFERENCES workorder_category_trees (id),
    code         TEXT NOT NULL,
    parent_code  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    grid_class   TEXT NOT NULL DEFAULT '',
    handler_rule TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    UNIQUE (tree_id, code)
);

-- Daily counters behind the order numbers GD + yyyymmdd (China date) + a
-- six-digit sequence; bumped with INSERT … ON CONFLICT … RETURNING.
CREATE TABLE workorder_counters (
    district_code TEXT NOT NULL,
    day           TEXT NOT NULL,                -- yyyymmdd in China time
    last          INTEGER NOT NULL,
    PRIMARY KEY (district_code, day)
);

-- API keys of the intake API and Open311: only the SM3 digest of the key
-- is kept (the key is shown once, when created); prefix is its first
-- characters, to tell keys apart in lists. channel is what orders sent
-- with the key are recorded as; name names the sending system.
CREATE TABLE workorder_api_keys (
    id            INTEGER PRIMARY KEY,
    district_code TEXT NOT NULL,
    name          TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('hotline_12345', 'hotline_96106', 'grid_centre', 'wecom', 'api')),
    prefix        TEXT NOT NULL,
    key_hash      TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMP NOT NULL,
    created_by    INTEGER NOT NULL,
    last_used_at  TIMESTAMP,
    revoked_at    TIMESTAMP,
    revoked_by    INTEGER
);
CREATE INDEX workorder_api_keys_district ON workorder_api_keys (district_code, created_at);

-- The orders. state and outcome are kept apart: state says where the order
-- is (filed … closed), outcome how it ended (fixed, not_fixed, not_ours,
-- duplicate, referred, cancelled; '' while open). version counts the
-- events: every change bumps it and names the event's seq, so two
-- concurrent changes cannot both win.
--
-- Place: lat/lng (WGS-84, NULL when only an address was given), the typed
-- address, and the street, community and grid the order belongs to with
-- how the community was found (place_source: chosen by the requester or
-- staff, nearest approximate community centre, or matched in the address).
--
-- Requester: requester_id is the resident's account (NULL for callers and
-- other systems); requester_name and requester_phone are SM4 ciphertexts
-- ('' when not given), requester_phone_index the keyed blind index of the
-- phone, to find a caller's earlier orders. anonymous hides the requester
-- from every handler. entered_by is the staff account that entered the
-- order for the requester (NULL when filed by the requester or a system);
-- api_key_id the key of the system that sent it.
--
-- idem_scope/idem_key make a repeated submission (double click, retried
-- API call) return the first order: request_hash tells a true repeat from
-- a different request reusing the key.
CREATE TABLE workorders (
    id                    INTEGER PRIMARY KEY,
    district_code         TEXT NOT NULL,
    number                TEXT NOT NULL,
    channel               TEXT NOT NULL CHECK (channel IN ('h5', 'property', 'hotline_12345', 'hotline_96106',
                              'home_visit', 'grid', 'grid_centre', 'wecom', 'api')),
    category_code         TEXT NOT NULL,
    category_version      INTEGER NOT NULL,
    urgency               TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent', 'critical')),
    description           TEXT NOT NULL,
    field_values          TEXT NOT NULL DEFAULT '{}',   -- the category's extra fields, JSON
    lat                   DOUBLE PRECISION,
    lng                   DOUBLE PRECISION,
    address               TEXT NOT NULL DEFAULT '',
    street_code           TEXT NOT NULL,
    community_code        TEXT NOT NULL,
    grid_code             TEXT NOT NULL DEFAULT '',
    place_source          TEXT NOT NULL CHECK (place_source IN ('chosen', 'nearest', 'address')),
    requester_id          INTEGER,
    requester_name        TEXT NOT NULL DEFAULT '',
    requester_phone       TEXT NOT NULL DEFAULT '',
    requester_phone_index TEXT NOT NULL DEFAULT '',
    anonymous             INTEGER NOT NULL DEFAULT 0,
    entered_by            INTEGER,
    api_key_id            INTEGER REFERENCES workorder_api_keys (id),
    external_ref          TEXT NOT NULL DEFAULT '',     -- the sending system's own number (12345 工单号)
    idem_scope            TEXT NOT NULL DEFAULT '',
    idem_key              TEXT NOT NULL DEFAULT '',
    request_hash          TEXT NOT NULL DEFAULT '',
    state                 TEXT NOT NULL CHECK (state IN ('filed', 'assigned', 'pooled', 'returned', 'handling',
                              'parked', 'verifying', 'resolved', 'closed')),
    outcome               TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'fixed', 'not_fixed', 'not_ours',
                              'duplicate', 'referred', 'cancelled')),
    version               INTEGER NOT NULL,
    merged_into           INTEGER REFERENCES workorders (id),
    filed_at              TIMESTAMP NOT NULL,
    resolved_at           TIMESTAMP,
    closed_at             TIMESTAMP,
    updated_at            TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX workorders_number ON workorders (district_code, number);
CREATE UNIQUE INDEX workorders_idem ON workorders (district_code, idem_scope, idem_key) WHERE idem_key <> '';
CREATE INDEX workorders_state ON workorders (district_code, state, filed_at);
CREATE INDEX workorders_requester ON workorders (requester_id, filed_at);
CREATE INDEX workorders_street ON workorders (street_code, filed_at);
CREATE INDEX workorders_community ON workorders (community_code, filed_at);
CREATE INDEX workorders_grid ON workorders (grid_code, filed_at);
CREATE INDEX workorders_category ON workorders (district_code, category_code, filed_at);
CREATE INDEX workorders_phone ON workorders (requester_phone_index) WHERE requester_phone_index <> '';
CREATE INDEX workorders_api_key ON workorders (api_key_id, filed_at);
CREATE INDEX workorders_filed ON workorders (district_code, filed_at);

-- Photos of an order, kept encrypted in files. A photo uploaded ahead of
-- its order (the JSON API) has order_id NULL until the order cites it;
-- uploader_kind/uploader_id say who may cite it. stage: intake (with the
-- request), before/after (handling), proof (closure evidence). A redacted
-- photo (faces, plates) is no longer shown to anyone but stays as evidence.
CREATE TABLE workorder_photos (
    id            INTEGER PRIMARY KEY,
    district_code TEXT NOT NULL,
    order_id      INTEGER REFERENCES workorders (id),
    file_id       TEXT NOT NULL UNIQUE REFERENCES files (id),
    stage         TEXT NOT NULL CHECK (stage IN ('intake', 'before', 'after', 'proof')),
    uploader_kind TEXT NOT NULL,
    uploader_id   INTEGER NOT NULL,
    added_at      TIMESTAMP NOT NULL,
    redacted_at   TIMESTAMP,
    redacted_by   INTEGER,
    redact_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX workorder_photos_order ON workorder_photos (order_id, id);
CREATE INDEX workorder_photos_pending ON workorder_photos (uploader_kind, uploader_id, added_at) WHERE order_id IS NULL;

-- The history of every order: one row per change, never updated or
-- deleted (triggers below). seq is the order's version after the change.
-- actor_kind/actor_id/actor_role say who acted (staff, resident, system,
-- api_key), unit the organisation unit they acted for (a community,
-- street, department or property company code; '' when none).
-- state_from/state_to are equal for events that change no state (notes,
-- reminders). public marks events the requester sees on the timeline.
-- payload is the event's details as JSON (the kind's own shape, see
-- internal/workorder/events.go); measures are computed from these rows.
CREATE TABLE workorder_events (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES workorders (id),
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    actor_kind  TEXT NOT NULL,
    actor_id    INTEGER NOT NULL,
    actor_role  TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    state_from  TEXT NOT NULL DEFAULT '',
    state_to    TEXT NOT NULL,
    outcome     TEXT NOT NULL DEFAULT '',
    public      INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL DEFAULT '{}',
    at          TIMESTAMP NOT NULL,
    UNIQUE (order_id, seq)
);
CREATE INDEX workorder_events_kind ON workorder_events (kind, at);
CREATE INDEX workorder_events_unit ON workorder_events (unit, at) WHERE unit <> '';
CREATE TRIGGER workorder_events_no_update BEFORE UPDATE ON workorder_events
BEGIN
    SELECT RAISE(ABORT, 'workorder_events is append-only');
END;
CREATE TRIGGER workorder_events_no_delete BEFORE DELETE ON workorder_events
BEGIN
    SELECT RAISE(ABORT, 'workorder_events is append-only');
END;

-- The dispatch catalogue (派单目录), versioned like the category tree.
CREATE TABLE workorder_dispatch_catalogues (
    id            INTEGER PRIMARY KEY,
    district_code TEXT NOT NULL,
    version       INTEGER NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('draft', 'published', 'retired')),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    created_by    INTEGER NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    published_at  TIMESTAMP,
    published_by  INTEGER,
    UNIQUE (district_code, version)
);
CREATE UNIQUE INDEX workorder_dispatch_catalogues_draft ON workorder_dispatch_catalogues (district_code) WHERE state = 'draft';
CREATE UNIQUE INDEX workorder_dispatch_catalogues_published ON workorder_dispatch_catalogues (district_code) WHERE state = 'published';

-- One rule: orders of category_code (a category or a group, matched by
-- the longest code; '' for any) in place_code (a street, community or grid
-- code; '' for the whole district) go to unit_kind/unit_code in mode
-- direct (assigned), grab (offered to the unit's pool) or joint (主办 plus
-- the 协办 units in assist_units, a JSON array of unit codes).
-- push_down allows a department's matter to go to a community or grid:
-- without it such a rule is refused.
CREATE TABLE workorder_dispatch_rules (
    id            INTEGER PRIMARY KEY,
    catalogue_id  INTEGER NOT NULL REFERENCES workorder_dispatch_catalogues (id),
    position      INTEGER NOT NULL,
    category_code TEXT NOT NULL DEFAULT '',
    place_code    TEXT NOT NULL DEFAULT '',
    unit_kind     TEXT NOT NULL CHECK (unit_kind IN ('community', 'grid', 'street', 'department', 'property')),
    unit_code     TEXT NOT NULL DEFAULT '',     -- '' for "the order's own community/grid/street"
    mode          TEXT NOT NULL CHECK (mode IN ('direct', 'grab', 'joint')),
    assist_units  TEXT NOT NULL DEFAULT '[]',
    push_down     INTEGER NOT NULL DEFAULT 0,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX workorder_dispatch_rules_catalogue ON workorder_dispatch_rules (catalogue_id, category_code, place_code);

-- Who an order is (or was) with: one row per hop. role lead (主办) or
-- assist (协办); mode direct or grab (offered to a pool: account_id stays
-- NULL until a worker takes it, taken with UPDATE … WHERE account_id IS
-- NULL so one of two grabbers wins). state: offered (in the pool),
-- pending (待签收), accepted, returned (退单, with return_reason, awaiting
-- review), withdrawn (改派 elsewhere or upheld away), done.
CREATE TABLE workorder_assignments (
    id             INTEGER PRIMARY KEY,
    order_id       INTEGER NOT NULL REFERENCES workorders (id),
    role           TEXT NOT NULL CHECK (role IN ('lead', 'assist')),
    mode           TEXT NOT NULL CHECK (mode IN ('direct', 'grab')),
    unit_kind      TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    account_id     INTEGER,
    rule_id        INTEGER REFERENCES workorder_dispatch_rules (id),
    state          TEXT NOT NULL CHECK (state IN ('offered', 'pending', 'accepted', 'returned', 'withdrawn', 'done')),
    assigned_at    TIMESTAMP NOT NULL,
    assigned_by    INTEGER NOT NULL,           -- 0 for automatic dispatch
    accepted_at    TIMESTAMP,
    returned_at    TIMESTAMP,
    return_reason  TEXT NOT NULL DEFAULT '',
    reviewed_at    TIMESTAMP,
    reviewed_by    INTEGER,
    review_result  TEXT NOT NULL DEFAULT '' CHECK (review_result IN ('', 'upheld', 'reassigned')),
    ended_at       TIMESTAMP
);
CREATE INDEX workorder_assignments_order ON workorder_assignments (order_id, id);
CREATE INDEX workorder_assignments_unit ON workorder_assignments (unit_code, state, assigned_at);
CREATE INDEX workorder_assignments_pool ON workorder_assignments (state, unit_code) WHERE account_id IS NULL;

-- Working-time clocks: first response and resolution of each order, with
-- the limit they were started with (basis hours: wall-clock; workdays: the
-- working-day calendar). warn_at is the early warning, due_at the deadline
-- (moved by an approved extension, frozen while parked: paused_at and
-- paused_seconds). state running, paused, met, lapsed (met late or not
-- at all: lapsed_at), cancelled (the order closed otherwise).
CREATE TABLE workorder_clocks (
    id             INTEGER PRIMARY KEY,
    order_id       INTEGER NOT NULL REFERENCES workorders (id),
    kind           TEXT NOT NULL CHECK (kind IN ('response', 'resolution')),
    basis          TEXT NOT NULL CHECK (basis IN ('hours', 'workdays')),
    limit_value    INTEGER NOT NULL,
    started_at     TIMESTAMP NOT NULL,
    warn_at        TIMESTAMP NOT NULL,
    due_at         TIMESTAMP NOT NULL,
    paused_at      TIMESTAMP,
    paused_seconds INTEGER NOT NULL DEFAULT 0,
    stopped_at     TIMESTAMP,
    lapsed_at      TIMESTAMP,
    reminders      INTEGER NOT NULL DEFAULT 0,  -- 催办 sent
    escalated_at   TIMESTAMP,
    state          TEXT NOT NULL CHECK (state IN ('running', 'paused', 'met', 'lapsed', 'cancelled')),
    UNIQUE (order_id, kind)
);
CREATE INDEX workorder_clocks_due ON workorder_clocks (state, due_at);

-- Extension requests (延期): a handling unit asks for more time, a
-- supervisor approves (the resolution clock moves) or refuses.
CREATE TABLE workorder_extensions (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES workorders (id),
    unit_code    TEXT NOT NULL,
    reason       TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    basis        TEXT NOT NULL CHECK (basis IN ('hours', 'workdays')),
    state        TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'refused')),
    requested_by INTEGER NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    decided_by   INTEGER,
    decided_at   TIMESTAMP,
    decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX workorder_extensions_order ON workorder_extensions (order_id, requested_at);
CREATE INDEX workorder_extensions_pending ON workorder_extensions (state, requested_at) WHERE state = 'pending';

-- Long-term parking (挂账): a matter that cannot be fixed soon is parked
-- with a reason and a review date (China date, yyyy-mm-dd); its clocks
-- pause until it is resumed.
CREATE TABLE workorder_parkings (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES workorders (id),
    reason      TEXT NOT NULL,
    review_on   TEXT NOT NULL,
    parked_by   INTEGER NOT NULL,
    parked_at   TIMESTAMP NOT NULL,
    approved_by INTEGER,
    ended_at    TIMESTAMP,
    ended_by    INTEGER
);
CREATE INDEX workorder_parkings_review ON workorder_parkings (review_on) WHERE ended_at IS NULL;

-- Follow-ups (回访): the requester is asked whether the matter was fixed
-- and how satisfied they are (5 非常满意 … 1 非常不满意, 0 not answered).
CREATE TABLE workorder_followups (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES workorders (id),
    channel      TEXT NOT NULL CHECK (channel IN ('online', 'phone', 'sms', 'visit')),
    asked_at     TIMESTAMP NOT NULL,
    asked_by     INTEGER NOT NULL,
    answered_at  TIMESTAMP,
    fixed        INTEGER,                      -- NULL until answered
    satisfaction INTEGER NOT NULL DEFAULT 0 CHECK (satisfaction BETWEEN 0 AND 5),
    comment      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX workorder_followups_order ON workorder_followups (order_id, asked_at);

-- Followers of a surviving order after a merge (并单): each merged order's
-- requester follows the survivor's progress and is asked in its 回访.
CREATE TABLE workorder_followers (
    order_id        INTEGER NOT NULL REFERENCES workorders (id),
    merged_order_id INTEGER NOT NULL REFERENCES workorders (id),
    added_at        TIMESTAMP NOT NULL,
    added_by        INTEGER NOT NULL,
    PRIMARY KEY (order_id, merged_order_id)
);
