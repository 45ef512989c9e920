-- Delivery of approval results (送达: 同城取件 or 快递), see internal/delivery.
--
-- One row per approved application, made in the decision's transaction:
-- awaiting (待选择) → pickup (待取件, a point and a code) or express (待寄出,
-- an address) — the applicant may switch between these — → for express,
-- shipping (寄件中, claimed by the shipping job: no more changes) →
-- shipped (已寄出, a waybill) → delivered (已签收); for pickup,
-- handed_over (已取件) at the front desk.
--
-- revision counts the changes: a choice names the revision it was made
-- on, so of two concurrent choices one wins and the other is a conflict.
-- code_hash is the keyed blind index (HMAC-SM3) of the six-digit pickup
-- code, never the code itself. failed_attempts and locked_until count the
-- wrong codes and ID numbers tried at the desk (five lock it 15 minutes).
-- recipient_name, recipient_phone and address_detail are SM4 ciphertexts;
-- province and postcode are kept in clear for statistics. applicant_id
-- and handed_by, like other account ids, have no foreign key.
CREATE TABLE deliveries (
    id               INTEGER PRIMARY KEY,
    district_code    TEXT NOT NULL,
    application_id   INTEGER NOT NULL UNIQUE,
    application_no   TEXT NOT NULL DEFAULT '',
    item_name        TEXT NOT NULL DEFAULT '',
    decision_no      TEXT NOT NULL DEFAULT '',
    applicant_id     INTEGER NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('awaiting', 'pickup', 'express', 'shipping', 'shipped',
                         'delivered', 'handed_over')),
    revision         INTEGER NOT NULL DEFAULT 1,
    point            TEXT NOT NULL DEFAULT '',     -- chosen pickup point
    code_hash        TEXT NOT NULL DEFAULT '',
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until     TIMESTAMP,
    recipient_name   TEXT NOT NULL DEFAULT '',
    recipient_phone  TEXT NOT NULL DEFAULT '',
    province         TEXT NOT NULL DEFAULT '',
    address_detail   TEXT NOT NULL DEFAULT '',
    postcode         TEXT NOT NULL DEFAULT '',
    courier          TEXT NOT NULL DEFAULT '',     -- the courier adapter's name
    waybill          TEXT NOT NULL DEFAULT '',
    tracking         TEXT NOT NULL DEFAULT '',     -- the latest tracking status
    handed_by        INTEGER,
    handed_point     TEXT NOT NULL DEFAULT '',
    handed_at        TIMESTAMP,
    shipped_at       TIMESTAMP,
    delivered_at     TIMESTAMP,
    chosen_at        TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX deliveries_applicant ON deliveries (applicant_id, created_at);
CREATE INDEX deliveries_point ON deliveries (district_code, state, point);
CREATE UNIQUE INDEX deliveries_waybill ON deliveries (courier, waybill) WHERE waybill <> '';

-- The timeline of a delivery: its own steps (ref '') and the courier's
-- tracking events (ref = waybill#sequence, stored once however often the
-- tracking is polled).
CREATE TABLE delivery_events (
    id           INTEGER PRIMARY KEY,
    delivery_id  INTEGER NOT NULL REFERENCES deliveries (id),
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    ref          TEXT NOT NULL DEFAULT '',
    at           TIMESTAMP NOT NULL,
    recorded_at  TIMESTAMP NOT NULL
);
CREATE INDEX delivery_events_delivery ON delivery_events (delivery_id, at);
CREATE UNIQUE INDEX delivery_events_ref ON delivery_events (delivery_id, ref) WHERE ref <> '';
