-- Two letters of direct debit: the mandate form a client signs, and the
-- pre-notification of a collection whose amount the agreement does not
-- announce (a first month in part, a one-off amount).
CREATE TABLE documents_new (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('reminder', 'receipt', 'cancellation', 'withdrawal', 'mandate', 'prenotice')),
    seq        INTEGER NOT NULL CHECK (seq > 0),
    number     TEXT NOT NULL UNIQUE,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    ref_id     INTEGER NOT NULL DEFAULT 0,
    language   TEXT NOT NULL CHECK (language IN ('de', 'en')),
    issued_at  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    pdf        BLOB NOT NULL,
    branch     TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, seq)
);
INSERT INTO documents_new SELECT id, kind, seq, number, client_id, ref_id, language, issued_at, sha256, pdf, branch FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
CREATE INDEX documents_client ON documents (client_id, id);
CREATE INDEX documents_branch ON documents (branch, id) WHERE branch <> '';

-- what a pre-notification announced: each charge with the amount and the
-- day it is collected on at the earliest; a run collects a charge whose
-- amount needs a letter only on or after the day announced for that amount
CREATE TABLE prenotices (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    charge_id    INTEGER NOT NULL, -- the charge may go when its contract ends early; the letter said what it said
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    collect_on   TEXT NOT NULL
);
CREATE INDEX prenotices_charge ON prenotices (charge_id, amount_cents, collect_on);
CREATE INDEX prenotices_document ON prenotices (document_id);
