-- Supervision results (批管同步, second part): who is told what, and what
-- the public sees (see internal/supervision).
--
-- applicant_id is the account that filed the inspected application: it is
-- told the visit's outcome and invited to rate the inspection. Account ids
-- have no foreign key (accounts belong to identity); 0 marks tasks created
-- before this migration, whose applicant is not known here.
ALTER TABLE inspection_tasks ADD COLUMN applicant_id INTEGER NOT NULL DEFAULT 0;

-- The public register of approvals pushed to supervision, one row per
-- approved application whose subject is an entity with a unified social
-- credit code (法人和其他组织; 个体工商户 included). Natural persons get no
-- row: their approvals and inspections are never published. entity_name
-- is the registered business name as published on the licence, with the
-- names of natural persons named in the application masked (a sole
-- trader's shop may carry its operator's name). item_names lists the items
-- approved together, joined by '、'; department is the approving
-- department's short name; decided_on is the decision's date in China.
CREATE TABLE supervision_approvals (
    id              INTEGER PRIMARY KEY,
    district_code   TEXT NOT NULL REFERENCES districts (code),
    application_id  INTEGER NOT NULL UNIQUE,
    credit_code     TEXT NOT NULL,
    entity_name     TEXT NOT NULL,
    item_names      TEXT NOT NULL,
    department      TEXT NOT NULL DEFAULT '',
    decision_no     TEXT NOT NULL DEFAULT '',
    decided_on      TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX supervision_approvals_code ON supervision_approvals (credit_code, decided_on);

-- One reminder per street and day (tasks due by the next working day and
-- overdue ones), so that a restarted or repeated job sends none twice.
-- sent_on is the date in China, YYYY-MM-DD.
CREATE TABLE supervision_reminders (
    id              INTEGER PRIMARY KEY,
    district_code   TEXT NOT NULL REFERENCES districts (code),
    street_code     TEXT NOT NULL,
    sent_on         TEXT NOT NULL,
    due_soon        INTEGER NOT NULL,
    overdue         INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (district_code, street_code, sent_on)
);
