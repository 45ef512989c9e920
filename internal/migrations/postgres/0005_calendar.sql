-- Holiday years imported at run time (shanzhi import holidays FILE.json).
-- Years compiled into the binary need no row; a row here overrides one.
CREATE TABLE holiday_years (
    year        INTEGER PRIMARY KEY,
    data        TEXT NOT NULL,      -- the file as imported, holiday-cn JSON
    imported_at TIMESTAMPTZ NOT NULL
);
