-- In-app notices: every notice a module sends an account (identity's
-- NotifyAccountTx) is kept here as well as sent by SMS, so people read
-- them in "我的消息" even when a text is lost or the phone has changed.
-- Texts are the same short texts as the SMS, which by rule carry no ID
-- number or full phone number.
CREATE TABLE notices (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    text        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    read_at     TIMESTAMP
);
CREATE INDEX notices_account ON notices (account_id, id);
CREATE INDEX notices_unread ON notices (account_id) WHERE read_at IS NULL;
