-- Time-limit flags of accepted applications (see approval's clock jobs):
-- '' while on time, 'warning' from WarnDays before the promised limit,
-- 'overdue' once it has passed. Queues and the leaders' view filter on it.
ALTER TABLE applications ADD COLUMN sla_flag TEXT NOT NULL DEFAULT '';
CREATE INDEX applications_sla ON applications (district, sla_flag, state);

-- 代办: an applicant asks for an agent; a front desk names one; the
-- applicant authorises the agent by signing a letter; the agent then files
-- and follows applications for that item on the applicant's behalf.
CREATE TABLE approval_agents (
    id            INTEGER PRIMARY KEY,
    district      TEXT NOT NULL,
    applicant_id  INTEGER NOT NULL,
    item_code     TEXT NOT NULL,                -- what the authorisation covers
    note          TEXT NOT NULL DEFAULT '',     -- the applicant's request
    agent_id      INTEGER,                        -- the named staff agent
    evidence_id   TEXT NOT NULL DEFAULT '',     -- the signed authorisation letter
    requested_at  TIMESTAMP NOT NULL,
    assigned_at   TIMESTAMP,
    granted_at    TIMESTAMP,
    revoked_at    TIMESTAMP
);
CREATE INDEX approval_agents_agent ON approval_agents (district, agent_id, revoked_at);
CREATE INDEX approval_agents_applicant ON approval_agents (district, applicant_id);

-- The author's display name as it was when the message was written.
ALTER TABLE application_messages ADD COLUMN author_name TEXT NOT NULL DEFAULT '';
