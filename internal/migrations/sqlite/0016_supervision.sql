-- Supervision (批管同步): inspection tasks created the same day a licence
-- is approved, the visits that settle them, proposals to revoke a licence
-- after a false commitment, and the outcome of each push to the credit
-- registry (see internal/supervision).
--
-- application_id has no foreign key: applications belong to approval, and
-- a task survives whatever approval later does with its rows. street_code
-- is '' when no street could be told from the application (the district's
-- supervisors then see it as unassigned). address is the registered
-- business premises, public on the licence; no ID number is stored here.
CREATE TABLE inspection_tasks (
    id              INTEGER PRIMARY KEY,
    district_code   TEXT NOT NULL REFERENCES districts (code),
    street_code     TEXT NOT NULL DEFAULT '',
    application_id  INTEGER NOT NULL,
    application_no  TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('routine', 'commitment', 'revisit')),
    parent_id       INTEGER REFERENCES inspection_tasks (id),
    item_code       TEXT NOT NULL,
    item_name       TEXT NOT NULL,
    department      TEXT NOT NULL DEFAULT '',
    entity_name     TEXT NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    checklist       TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('open', 'done')),
    outcome         TEXT NOT NULL DEFAULT '',
    decided_at      TIMESTAMP NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    done_at         TIMESTAMP
);
CREATE UNIQUE INDEX inspection_tasks_origin ON inspection_tasks (application_id, kind, item_code)
    WHERE parent_id IS NULL;
CREATE INDEX inspection_tasks_street ON inspection_tasks (district_code, street_code, state, due_on);

-- One visit settles one task (the unique key refuses a second submission).
-- checks is a JSON array of booleans, one per checklist line; photos a
-- JSON array of file ids (internal/platform/files).
CREATE TABLE inspection_visits (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL UNIQUE REFERENCES inspection_tasks (id),
    inspector_id  INTEGER NOT NULL,
    checks        TEXT NOT NULL,
    findings      TEXT NOT NULL DEFAULT '',
    photos        TEXT NOT NULL DEFAULT '[]',
    lat           DOUBLE PRECISION NOT NULL,
    lng           DOUBLE PRECISION NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('compliant', 'rectify', 'false_commitment')),
    rectify_by    TEXT NOT NULL DEFAULT '',
    visited_at    TIMESTAMP NOT NULL
);

-- A proposal to the approving department to revoke the licence granted on
-- a false commitment; the licence module reads and settles it.
CREATE TABLE revocation_proposals (
    id              INTEGER PRIMARY KEY,
    district_code   TEXT NOT NULL REFERENCES districts (code),
    application_id  INTEGER NOT NULL,
    task_id         INTEGER NOT NULL UNIQUE REFERENCES inspection_tasks (id),
    department      TEXT NOT NULL,
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('proposed', 'revoked', 'rejected')),
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX revocation_proposals_dept ON revocation_proposals (department, status);

-- What became of each push to the credit registry: 'recorded', or
-- 'skipped' with the reason (no subject code, no department code).
CREATE TABLE supervision_credit_pushes (
    id              INTEGER PRIMARY KEY,
    district_code   TEXT NOT NULL REFERENCES districts (code),
    application_id  INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    document_no     TEXT NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('recorded', 'skipped')),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (district_code, document_no)
);
