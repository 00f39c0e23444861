-- A studio with several branches: each visit, payment, goodwill entry and
-- document records the branch of the counter that made it ('' where the
-- studio names none). A client belongs to every branch.
ALTER TABLE visits ADD COLUMN branch TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN branch TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE goodwill ADD COLUMN branch TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN branch TEXT COLLATE "C" NOT NULL DEFAULT '';

-- only the records of named branches are indexed: a one-branch studio's
-- indexes stay empty
CREATE INDEX visits_branch ON visits (branch, at) WHERE branch <> '';
CREATE INDEX payments_branch ON payments (branch, received_on) WHERE branch <> '';
CREATE INDEX goodwill_branch ON goodwill (branch, given_on) WHERE branch <> '';
CREATE INDEX documents_branch ON documents (branch, id) WHERE branch <> '';

-- the parts goodwill counts in, with the branch, for a review of one branch
DROP VIEW goodwill_parts;
CREATE VIEW goodwill_parts AS
    SELECT id, given_on, value_cents, minutes, deleted_on, branch, 'month' COLLATE "C" AS kind, '' COLLATE "C" AS part FROM goodwill
    UNION ALL SELECT id, given_on, value_cents, minutes, deleted_on, branch, 'category', category FROM goodwill
    UNION ALL SELECT id, given_on, value_cents, minutes, deleted_on, branch, 'staff', CAST(coalesce(given_by, 0) AS TEXT) COLLATE "C" FROM goodwill
    UNION ALL SELECT id, given_on, value_cents, minutes, deleted_on, branch, 'client', CAST(client_id AS TEXT) COLLATE "C" FROM goodwill;
