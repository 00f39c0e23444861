-- The consumer's right of withdrawal and the terms the law allows.
--
-- withdrawal_notice_on: the day the withdrawal notice reached the client
-- (the first agreement that carried it, withdrawal_notice_doc); the period
-- of withdrawal runs from then (§ 356 Abs. 3 BGB).
-- withdrawal_until: the period's last day as things stand, kept by the
-- program for the counter's flag (12 months and 14 days after conclusion
-- while no notice was given).
-- early_start: the client expressly asked that the service start within
-- the period (§ 356 Abs. 4, § 357a Abs. 2 BGB).
-- withdrawn_on, withdrawal_refund_cents: a withdrawal received, and what
-- the studio owes back after the value of services already given.
-- void_terms: the agreed terms break § 309 Nr. 9 BGB as in force when the
-- contract was concluded; such a contract is listed until corrected.
ALTER TABLE contracts ADD COLUMN withdrawal_notice_on TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN withdrawal_notice_doc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN withdrawal_until TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN early_start INTEGER NOT NULL DEFAULT 0 CHECK (early_start IN (0, 1));
ALTER TABLE contracts ADD COLUMN withdrawn_on TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN withdrawal_refund_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN void_terms INTEGER NOT NULL DEFAULT 0 CHECK (void_terms IN (0, 1));

CREATE INDEX contracts_void ON contracts (client_id) WHERE void_terms = 1;
CREATE INDEX contracts_early ON contracts (withdrawal_until)
    WHERE concluded <> 'studio' AND early_start = 0 AND withdrawn_on = '';

-- a confirmation of a withdrawal is a letter of its own kind
CREATE TABLE documents_new (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('reminder', 'receipt', 'cancellation', 'withdrawal')),
    seq        INTEGER NOT NULL CHECK (seq > 0),
    number     TEXT NOT NULL UNIQUE,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    ref_id     INTEGER NOT NULL DEFAULT 0,
    language   TEXT NOT NULL CHECK (language IN ('de', 'en')),
    issued_at  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    pdf        BLOB NOT NULL,
    UNIQUE (kind, seq)
);
INSERT INTO documents_new SELECT id, kind, seq, number, client_id, ref_id, language, issued_at, sha256, pdf FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
CREATE INDEX documents_client ON documents (client_id, id);
