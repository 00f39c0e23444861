-- Every letter the studio issues (reminders, receipts, cancellation
-- confirmations) is kept like an agreement: its number, kind, language,
-- time, fingerprint and the copy itself.
CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('reminder', 'receipt', 'cancellation')),
    seq        INTEGER NOT NULL CHECK (seq > 0),
    number     TEXT NOT NULL UNIQUE,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    ref_id     INTEGER NOT NULL DEFAULT 0, -- the payment or contract the letter is about
    language   TEXT NOT NULL CHECK (language IN ('de', 'en')),
    issued_at  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    pdf        BLOB NOT NULL,
    UNIQUE (kind, seq)
);
CREATE INDEX documents_client ON documents (client_id, id);
