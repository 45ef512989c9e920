-- A fresh SMS code inside a remote identity verification (see internal/verify).
--
-- The sign-in code proves the phone only at sign-in time; level L2 also asks
-- for a one-time code sent, during the verification, to the phone the carrier
-- check verified. Only a keyed SM3 hash of the code is stored (blind index
-- context "verifications.sms_code", over the verification id and the code).
-- sms_sends counts the codes sent for the verification (resend limit);
-- sms_attempts counts wrong entries of the current code and restarts at 0
-- with each new code.
ALTER TABLE verifications ADD COLUMN sms_code_hash TEXT;
ALTER TABLE verifications ADD COLUMN sms_sent_at TIMESTAMPTZ;
ALTER TABLE verifications ADD COLUMN sms_expires_at TIMESTAMPTZ;
ALTER TABLE verifications ADD COLUMN sms_sends INTEGER NOT NULL DEFAULT 0;
ALTER TABLE verifications ADD COLUMN sms_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE verifications ADD COLUMN sms_passed_at TIMESTAMPTZ;
