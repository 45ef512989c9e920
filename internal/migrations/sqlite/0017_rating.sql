-- Ratings of public services (好差评, 国办发〔2019〕51号), see internal/rating.
--
-- A rating row is the invitation made when a case ends (an application
-- decided, an inspection visit recorded); the person served fills it in
-- once: level 0 means "invited, not yet rated", 5 非常满意 … 1 非常不满意.
-- department and point are the units answerable for the case: the
-- deciding department and the accepting service point (either may be '').
-- rater_id, like other account ids, has no foreign key: accounts belong to
-- identity, which builds on this module's dependencies.
CREATE TABLE ratings (
    id            INTEGER PRIMARY KEY,
    district_code TEXT NOT NULL,
    case_kind     TEXT NOT NULL CHECK (case_kind IN ('application', 'inspection')),
    case_id       INTEGER NOT NULL,
    case_no       TEXT NOT NULL DEFAULT '',
    case_title    TEXT NOT NULL DEFAULT '',
    rater_id      INTEGER NOT NULL,
    department    TEXT NOT NULL DEFAULT '',
    point         TEXT NOT NULL DEFAULT '',
    invited_at    TIMESTAMP NOT NULL,
    level         INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 5),
    tags          TEXT NOT NULL DEFAULT '',     -- comma separated, from the level's fixed list
    comment       TEXT NOT NULL DEFAULT '',
    rated_at      TIMESTAMP,
    UNIQUE (case_kind, case_id)
);
CREATE INDEX ratings_rater ON ratings (rater_id, invited_at);
CREATE INDEX ratings_department ON ratings (district_code, department, level);
CREATE INDEX ratings_point ON ratings (district_code, point, level);

-- A rectification case (差评整改) opened by a rating of level 1 or 2:
-- open → submitted (callback made, measures written by the unit) →
-- closed (accepted by a supervisor) or back to open (sent back).
CREATE TABLE rating_rectifications (
    id            INTEGER PRIMARY KEY,
    rating_id     INTEGER NOT NULL UNIQUE REFERENCES ratings (id),
    district_code TEXT NOT NULL,
    department    TEXT NOT NULL DEFAULT '',
    point         TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL CHECK (state IN ('open', 'submitted', 'closed')),
    opened_at     TIMESTAMP NOT NULL,
    due_at        TIMESTAMP NOT NULL,
    measures      TEXT NOT NULL DEFAULT '',
    submitted_at  TIMESTAMP,
    submitted_by  INTEGER,
    returns       INTEGER NOT NULL DEFAULT 0,
    review_note   TEXT NOT NULL DEFAULT '',
    reviewed_at   TIMESTAMP,
    reviewed_by   INTEGER,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX rating_rectifications_state ON rating_rectifications (district_code, state, due_at);

-- Callbacks (回访) to the person who rated: who called, when, what was said.
CREATE TABLE rating_callbacks (
    id               INTEGER PRIMARY KEY,
    rectification_id INTEGER NOT NULL REFERENCES rating_rectifications (id),
    called_by        INTEGER NOT NULL,
    called_at        TIMESTAMP NOT NULL,
    reached          INTEGER NOT NULL DEFAULT 1,
    note             TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX rating_callbacks_case ON rating_callbacks (rectification_id, called_at);
