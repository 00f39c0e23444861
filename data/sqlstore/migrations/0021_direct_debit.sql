-- SEPA direct debit: the mandates clients (or whoever holds the account)
-- sign, and contracts paid by direct debit.
CREATE TABLE mandates (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients (id),
    reference        TEXT NOT NULL,
    signed_on        TEXT NOT NULL,
    once             INTEGER NOT NULL DEFAULT 0 CHECK (once IN (0, 1)),
    holder           TEXT NOT NULL DEFAULT '',  -- '' = the client
    holder_town      TEXT NOT NULL DEFAULT '',
    holder_country   TEXT NOT NULL DEFAULT '',
    iban             TEXT NOT NULL,
    bic              TEXT NOT NULL DEFAULT '',
    revoked_on       TEXT NOT NULL DEFAULT '',
    revoked_why      TEXT NOT NULL DEFAULT '',
    last_collected   TEXT NOT NULL DEFAULT '',
    amended_from     TEXT NOT NULL DEFAULT '',  -- the account before a change, until a collection tells the bank
    amend_other_bank INTEGER NOT NULL DEFAULT 0 CHECK (amend_other_bank IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

-- a reference is unique regardless of case (references are ASCII)
CREATE UNIQUE INDEX mandates_reference ON mandates (upper(reference));
CREATE INDEX mandates_client ON mandates (client_id, id);

ALTER TABLE contracts ADD COLUMN direct_debit INTEGER NOT NULL DEFAULT 0 CHECK (direct_debit IN (0, 1));
