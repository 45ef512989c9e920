-- Duty rosters (值班表): who is on duty at which service point, for which
-- kind of duty, on which days and at which hours (see internal/org,
-- roster*.go). Extended-hours counters and night-duty pre-review are just
-- these rows.
--
-- days says which days a row covers: 'date' one civil date (on_date,
-- 'YYYY-MM-DD' in China Standard Time); 'working' the working days of the
-- holiday calendar; 'weekly' the weekdays in the weekdays bit mask (bit n
-- = time.Weekday n) except public holidays, plus make-up working days;
-- 'daily' every day, holidays included. A shift starts on a covered day
-- at start_minute and ends at end_minute, on the next day when end_minute
-- is not after start_minute (a night shift, 20:00–08:00).
-- account_id has no foreign key: accounts belong to identity, which
-- builds on the organisation (as staff_posts.account_id).
CREATE TABLE duty_rosters (
    id            INTEGER PRIMARY KEY,
    district_code TEXT NOT NULL REFERENCES districts (code),
    point_code    TEXT NOT NULL REFERENCES service_points (code),
    account_id    INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('counter', 'night_review', 'extended')),
    days          TEXT NOT NULL CHECK (days IN ('date', 'working', 'weekly', 'daily')),
    on_date       TEXT NOT NULL DEFAULT '',
    weekdays      INTEGER NOT NULL DEFAULT 0 CHECK (weekdays BETWEEN 0 AND 127),
    start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute    INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1439),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    CHECK (start_minute <> end_minute)
);
CREATE INDEX duty_rosters_point ON duty_rosters (point_code, id);
CREATE INDEX duty_rosters_account ON duty_rosters (account_id);
CREATE INDEX duty_rosters_district ON duty_rosters (district_code, point_code);
