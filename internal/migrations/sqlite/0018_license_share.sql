-- Time-limited share links of electronic licences (see internal/license,
-- share.go). A holder hands a link /licences/shared/{token} to a bank or a
-- landlord instead of a photo of the licence. Only the SM3 hash of the
-- random token is stored (token_hash), so the table cannot give the links
-- away. A share shows one licence version until expires_at (1 hour, 1 day
-- or 7 days after creation, as lifetime says) or until the holder revokes
-- it (revoked_at); views counts how often it was opened while it worked.
-- holder_account, like other account ids, has no foreign key: accounts
-- belong to identity.
CREATE TABLE licence_shares (
    id             INTEGER PRIMARY KEY,
    licence_id     INTEGER NOT NULL REFERENCES licences (id),
    holder_account INTEGER NOT NULL,
    token_hash     TEXT NOT NULL UNIQUE,
    lifetime       TEXT NOT NULL CHECK (lifetime IN ('1h', '1d', '7d')),
    created_at     TIMESTAMP NOT NULL,
    expires_at     TIMESTAMP NOT NULL,
    revoked_at     TIMESTAMP,
    views          INTEGER NOT NULL DEFAULT 0,
    last_viewed_at TIMESTAMP
);
CREATE INDEX licence_shares_holder ON licence_shares (holder_account, id);
CREATE INDEX licence_shares_licence ON licence_shares (licence_id);
