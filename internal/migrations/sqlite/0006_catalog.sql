-- Service catalogue (事项清单): one row per item, identified by its
-- implementation code, and one row per version of its guide (see
-- internal/catalog).
--
-- The guide itself (every GB/T 39046-2020 element, the steps and the
-- application form) is kept as one JSON body per version: it is read and
-- written whole, and the catalogue's shape evolves faster than a schema of
-- a dozen child tables would. The columns that lists filter and count on are
-- copied out of the body onto the version row.
--
-- Which version is current is not stored: it is the published version with
-- the latest effective_from not after now, so a version published for a
-- future date takes over at that date without a timer.

CREATE TABLE catalog_items (
    id          INTEGER PRIMARY KEY,
    district    TEXT NOT NULL,                  -- 6-digit division code of the tenant
    impl_code   TEXT NOT NULL UNIQUE,           -- 实施编码
    basic_code  TEXT NOT NULL,                  -- 基本编码
    parent_code TEXT NOT NULL DEFAULT '',       -- basic code of the 主项/子项 above, '' for a 主项
    level_kind  TEXT NOT NULL CHECK (level_kind IN ('main', 'sub', 'handling')),
    status      TEXT NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX catalog_items_district ON catalog_items (district, status, impl_code);
CREATE INDEX catalog_items_parent ON catalog_items (district, parent_code);
-- Parents and bundles are checked by basic code at publication.
CREATE INDEX catalog_items_basic_code ON catalog_items (district, basic_code);

CREATE TABLE catalog_item_versions (
    id             INTEGER PRIMARY KEY,
    item_id        INTEGER NOT NULL REFERENCES catalog_items (id),
    version        INTEGER NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('draft', 'published', 'withdrawn')),
    effective_from TIMESTAMP,                   -- set when published
    body           TEXT NOT NULL,               -- the Item as JSON
    name           TEXT NOT NULL,
    item_type      TEXT NOT NULL,
    department     TEXT NOT NULL,
    levels         TEXT NOT NULL,               -- ',district,street,' for LIKE '%,street,%'
    instant        INTEGER NOT NULL,
    visits         INTEGER NOT NULL,
    online         INTEGER NOT NULL,
    agent          INTEGER NOT NULL,
    door_to_door   INTEGER NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    created_by     INTEGER NOT NULL,            -- account id, 0 for the system
    updated_at     TIMESTAMP NOT NULL,
    published_at   TIMESTAMP,
    published_by   INTEGER,
    UNIQUE (item_id, version)
);
CREATE INDEX catalog_versions_current ON catalog_item_versions (item_id, state, effective_from);
