-- Decisions on revocation proposals (see internal/supervision,
-- proposals.go): an approver of the approving department revokes what a
-- false 告知承诺 obtained (status 'revoked') or declines to ('rejected'),
-- with a reason.
--
-- decided_by is the deciding approver's account (no foreign key: accounts
-- belong to identity), 0 while undecided; decided_at and decision_reason
-- go with it. licences_revoked counts the electronic licences the decision
-- revoked (0 when the item issues none).
--
-- claimed_until is a short lease taken before a revocation calls the
-- licence module, which commits in its own transaction: while it is held
-- no other decision is taken. A revocation that fails releases it; one
-- interrupted after the licences were revoked leaves it in place, so the
-- proposal stays pending, may be revoked again once the lease has lapsed
-- (nothing is current any more: 0 more licences) but never rejected.
ALTER TABLE revocation_proposals ADD COLUMN decided_by BIGINT NOT NULL DEFAULT 0;
ALTER TABLE revocation_proposals ADD COLUMN decided_at TIMESTAMPTZ;
ALTER TABLE revocation_proposals ADD COLUMN decision_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE revocation_proposals ADD COLUMN licences_revoked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revocation_proposals ADD COLUMN claimed_until TIMESTAMPTZ;

-- The approvers' list: a district's proposals, pending first.
CREATE INDEX revocation_proposals_district ON revocation_proposals (district_code, status, id);
