-- Organisation: the district's administrative divisions (districts, streets,
-- communities and villages, grid cells), its departments, its service
-- points and who holds which post where (see internal/org).
--
-- Division codes are the official statistical codes (GB/T 2260 and the
-- National Bureau of Statistics' village codes), kept as text: they are
-- identifiers with significant leading structure, never numbers.

-- One row per tenant district, e.g. 320113 栖霞区.
CREATE TABLE districts (
    code       TEXT PRIMARY KEY,              -- 6 digits
    name       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Streets (街道) and towns (镇). Statistical units (codes ending 400–999)
-- are not imported.
CREATE TABLE streets (
    code          TEXT PRIMARY KEY,           -- 9 digits
    district_code TEXT NOT NULL REFERENCES districts (code),
    name          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX streets_district ON streets (district_code, code);

-- Communities (社区) and villages (村). A community keeps its official code
-- even when it is attached to a street other than the one its code names:
-- reattached_from then holds the statistical unit the official list files
-- it under (e.g. 320113401 栖霞经济开发区), and is '' otherwise.
CREATE TABLE communities (
    code            TEXT PRIMARY KEY,         -- 12 digits
    street_code     TEXT NOT NULL REFERENCES streets (code),
    district_code   TEXT NOT NULL REFERENCES districts (code),
    name            TEXT NOT NULL,            -- official name, e.g. 尧化社区居委会
    short_name      TEXT NOT NULL,            -- e.g. 尧化社区
    kind            TEXT NOT NULL CHECK (kind IN ('community', 'village')),
    reattached_from TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX communities_street ON communities (street_code, code);
CREATE INDEX communities_district ON communities (district_code, code);

-- Grid cells (网格): community code + a 3-digit cell number.
-- leader_account_id names the grid leader's account. It has no foreign key:
-- the accounts table arrives in migration 0003 (identity), after this one,
-- and the organisation must be loadable before any account exists.
CREATE TABLE grids (
    code              TEXT PRIMARY KEY,       -- 15 digits
    community_code    TEXT NOT NULL REFERENCES communities (code),
    name              TEXT NOT NULL,
    leader_account_id INTEGER,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX grids_community ON grids (community_code, code);

-- Departments of the district government: code = district + 'D' + 2 digits.
CREATE TABLE departments (
    code          TEXT PRIMARY KEY,
    district_code TEXT NOT NULL REFERENCES districts (code),
    name          TEXT NOT NULL,
    short_name    TEXT NOT NULL,
    credit_code   TEXT NOT NULL DEFAULT '',   -- unified social credit code, may be unknown
    phone         TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    UNIQUE (district_code, name)
);

-- Service points (政务服务中心, 分中心, 便民服务站): code = the division
-- code it belongs to + 'P' + 2 digits. division_code may name a district,
-- a street or a community, so it is checked by the service, not by a key.
CREATE TABLE service_points (
    code            TEXT PRIMARY KEY,
    district_code   TEXT NOT NULL REFERENCES districts (code),
    name            TEXT NOT NULL,
    level           TEXT NOT NULL CHECK (level IN
                        ('district_centre', 'street_centre', 'department_subcentre', 'community_station')),
    division_code   TEXT NOT NULL,
    department_code TEXT REFERENCES departments (code),  -- sub-centres only
    address         TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    opening_hours   TEXT NOT NULL DEFAULT '',
    accepts_applications INTEGER NOT NULL DEFAULT 1,     -- counter accepts any delegated item (区街同权)
    pickup          INTEGER NOT NULL DEFAULT 0,          -- licences may be collected here (同城取件)
    self_service    INTEGER NOT NULL DEFAULT 0,          -- 24-hour self-service area
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CHECK ((level = 'department_subcentre') = (department_code IS NOT NULL))
);
CREATE INDEX service_points_district ON service_points (district_code, level, code);
CREATE INDEX service_points_division ON service_points (division_code);

-- Staff posts: who holds which post in which unit, from when to when.
-- account_id has no foreign key for the same reason as grids.leader_account_id:
-- accounts are created by migration 0003, which runs after this one.
CREATE TABLE staff_posts (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL,
    district_code TEXT NOT NULL REFERENCES districts (code),
    unit_kind     TEXT NOT NULL CHECK (unit_kind IN
                      ('district', 'street', 'community', 'grid', 'department', 'service_point')),
    unit_code     TEXT NOT NULL,
    title         TEXT NOT NULL,
    starts_at     TIMESTAMP NOT NULL,
    ends_at       TIMESTAMP,                  -- NULL while the post is held
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX staff_posts_unit ON staff_posts (unit_code, ends_at);
CREATE INDEX staff_posts_account ON staff_posts (account_id);
-- A person holds a given post in a given unit at most once at a time.
CREATE UNIQUE INDEX staff_posts_one_active ON staff_posts (account_id, unit_code, title) WHERE ends_at IS NULL;
