-- Applications (办件) and their back-office steps (see internal/approval).
--
-- An application keeps the catalogue version it was filed under
-- (item_code + item_version). Its form values are personal data (names, ID
-- numbers, phones, addresses) and are stored as one SM4-GCM envelope.
-- Every change is an event row; the state on the application row is the
-- latest of them, kept for queues and counts.

CREATE TABLE applications (
    id              INTEGER PRIMARY KEY,
    district        TEXT NOT NULL,
    number          TEXT UNIQUE,                 -- 办件编号, given at first submission
    item_code       TEXT NOT NULL,               -- 实施编码 of the main item
    item_version    INTEGER NOT NULL,
    item_name       TEXT NOT NULL,
    bundle          TEXT NOT NULL DEFAULT '',    -- ',code:version,…' items approved together
    applicant_id    INTEGER NOT NULL,            -- the account that applies
    applicant_kind  TEXT NOT NULL CHECK (applicant_kind IN ('resident', 'enterprise')),
    enterprise_id   INTEGER,                     -- the enterprise an enterprise user acts for
    agent_id        INTEGER,                     -- a 代办 agent filing on the applicant's behalf
    state           TEXT NOT NULL,
    form            TEXT NOT NULL,               -- SM4-GCM envelope of the form values (JSON)
    use_commitment  INTEGER NOT NULL DEFAULT 0,  -- 告知承诺 chosen
    credit_outcome  TEXT NOT NULL DEFAULT '',    -- pass | warn | refuse, '' before the check
    credit_decision TEXT NOT NULL DEFAULT '',    -- the decision JSON the approver sees
    verification_id TEXT NOT NULL DEFAULT '',
    claimed_by      INTEGER,                     -- the front-desk worker pre-reviewing it
    claimed_at      TIMESTAMP,
    accepted_at     TIMESTAMP,
    accepted_by     INTEGER,                     -- 0 when accepted by law (Art. 32) after 5 working days
    accepted_point  TEXT NOT NULL DEFAULT '',    -- service point code
    acceptance_no   TEXT UNIQUE,                 -- 受理通知书 number
    legal_days      INTEGER NOT NULL,
    promised_days   INTEGER NOT NULL,
    decided_at      TIMESTAMP,
    decision        TEXT NOT NULL DEFAULT '',    -- approved | refused
    decision_reason TEXT NOT NULL DEFAULT '',
    decision_no     TEXT UNIQUE,                 -- 决定书 number
    revision        INTEGER NOT NULL DEFAULT 1,  -- bumped by every change: stale edits are refused
    created_at      TIMESTAMP NOT NULL,
    submitted_at    TIMESTAMP,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX applications_applicant ON applications (district, applicant_id, updated_at);
CREATE INDEX applications_queue ON applications (district, state, submitted_at);
CREATE INDEX applications_item ON applications (district, item_code, state);

-- Daily counters for application, acceptance and decision numbers.
CREATE TABLE approval_counters (
    district TEXT NOT NULL,
    kind     TEXT NOT NULL,                      -- application | acceptance | decision
    day      TEXT NOT NULL,                      -- YYYYMMDD (CST)
    n        INTEGER NOT NULL,
    PRIMARY KEY (district, kind, day)
);

-- Related persons (股东, 法定代表人, 董事, 监事, 经理, 代理人).
CREATE TABLE application_parties (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    seq            INTEGER NOT NULL,
    role           TEXT NOT NULL,
    subject_kind   TEXT NOT NULL CHECK (subject_kind IN ('person', 'entity')),
    name_enc       TEXT NOT NULL,
    code_enc       TEXT NOT NULL,                -- ID number or credit code, encrypted
    code_index     TEXT NOT NULL,                -- keyed SM3 blind index of the code
    PRIMARY KEY (application_id, seq)
);
CREATE INDEX application_parties_code ON application_parties (code_index);

-- Materials: what the applicant uploaded, or what was fetched for them.
CREATE TABLE application_materials (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    material       INTEGER NOT NULL,             -- index into the item version's materials
    item_code      TEXT NOT NULL,                -- the item (of a bundle) the material belongs to
    source         TEXT NOT NULL,
    file_id        TEXT REFERENCES files (id),
    fetched_ref    TEXT NOT NULL DEFAULT '',     -- shared-data or licence reference
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (application_id, item_code, material)
);

-- The timeline: every change with its actor. Notes marked internal are for
-- staff only.
CREATE TABLE application_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    at             TIMESTAMP NOT NULL,
    actor_id       INTEGER NOT NULL,
    actor_kind     TEXT NOT NULL,
    actor_name     TEXT NOT NULL,                -- masked for the applicant's view
    kind           TEXT NOT NULL,
    from_state     TEXT NOT NULL,
    to_state       TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    internal       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX application_events_app ON application_events (application_id, id);

-- One-time notices of pre-review (一次性告知): all defects of one round.
CREATE TABLE application_notices (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    round          INTEGER NOT NULL,
    defects        TEXT NOT NULL,                -- JSON list of {target, reason, fix}
    sent_at        TIMESTAMP NOT NULL,
    sent_by        INTEGER NOT NULL,
    answered_at    TIMESTAMP,
    PRIMARY KEY (application_id, round)
);

-- Periods that do not count against the limits (补正, 听证, 检验检测, 专家评审).
CREATE TABLE application_suspensions (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    kind           TEXT NOT NULL,
    reason         TEXT NOT NULL,
    started_at     TIMESTAMP NOT NULL,
    ended_at       TIMESTAMP
);
CREATE INDEX application_suspensions_app ON application_suspensions (application_id);

-- Back-office tasks, one per step of each item of the application. Tasks of
-- the same stage run in parallel; a stage starts when the one before it is
-- done.
CREATE TABLE approval_tasks (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    stage          INTEGER NOT NULL,
    item_code      TEXT NOT NULL,
    step           INTEGER NOT NULL,             -- index into the item version's steps
    name           TEXT NOT NULL,
    department     TEXT NOT NULL,                -- department code
    role           TEXT NOT NULL,                -- review | check | decide
    state          TEXT NOT NULL,                -- waiting | active | done | returned | cancelled
    assignee_id    INTEGER,                      -- claimed by, or transferred to
    extra          INTEGER NOT NULL DEFAULT 0,   -- an approver added to the step
    outcome        TEXT NOT NULL DEFAULT '',     -- approve | refuse | return
    opinion        TEXT NOT NULL DEFAULT '',
    started_at     TIMESTAMP,
    done_at        TIMESTAMP,
    done_by        INTEGER
);
CREATE INDEX approval_tasks_app ON approval_tasks (application_id, stage);
CREATE INDEX approval_tasks_queue ON approval_tasks (department, state);

-- Consultation between the applicant and the reviewers.
CREATE TABLE application_messages (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    at             TIMESTAMP NOT NULL,
    author_id      INTEGER NOT NULL,
    from_staff     INTEGER NOT NULL,
    body           TEXT NOT NULL
);
CREATE INDEX application_messages_app ON application_messages (application_id, id);
