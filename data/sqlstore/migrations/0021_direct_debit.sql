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
CREATE UNIQUE INDEX mandates_reference ON mandates (reference COLLATE NOCASE);
CREATE INDEX mandates_client ON mandates (client_id, id);

ALTER TABLE contracts ADD COLUMN direct_debit INTEGER NOT NULL DEFAULT 0 CHECK (direct_debit IN (0, 1));

-- collection runs: each written once for the bank as pain.008, kept with
-- the file; their debits hold the mandate as it stood then
CREATE TABLE debit_runs (
    id           INTEGER PRIMARY KEY,
    message_id   TEXT NOT NULL UNIQUE,
    until_on     TEXT NOT NULL,
    collect_on   TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared', 'cancelled', 'booked')),
    count        INTEGER NOT NULL DEFAULT 0,
    total_cents  INTEGER NOT NULL DEFAULT 0,
    cancelled_on TEXT NOT NULL DEFAULT '',
    booked_on    TEXT NOT NULL DEFAULT '',
    xml          BLOB NOT NULL,
    staff_id     INTEGER REFERENCES staff (id),
    created_at   TEXT NOT NULL
);

CREATE TABLE debits (
    id               INTEGER PRIMARY KEY,
    run_id           INTEGER NOT NULL REFERENCES debit_runs (id),
    charge_id        INTEGER NOT NULL REFERENCES charges (id),
    client_id        INTEGER NOT NULL REFERENCES clients (id),
    mandate_id       INTEGER NOT NULL REFERENCES mandates (id),
    amount_cents     INTEGER NOT NULL CHECK (amount_cents > 0),
    sequence         TEXT NOT NULL CHECK (sequence IN ('RCUR', 'OOFF')),
    end_to_end       TEXT NOT NULL UNIQUE,
    text             TEXT NOT NULL DEFAULT '',
    amended_from     TEXT NOT NULL DEFAULT '',
    amend_other_bank INTEGER NOT NULL DEFAULT 0 CHECK (amend_other_bank IN (0, 1)),
    live             INTEGER NOT NULL DEFAULT 1 CHECK (live IN (0, 1)), -- 0 once its run is cancelled
    payment_id       INTEGER REFERENCES payments (id),
    -- a debit the bank returned: when, the bank's reason code, its fee, and
    -- the reversal of its payment
    returned_on      TEXT NOT NULL DEFAULT '',
    return_reason    TEXT NOT NULL DEFAULT '',
    return_fee_cents INTEGER NOT NULL DEFAULT 0 CHECK (return_fee_cents >= 0),
    reversal_id      INTEGER REFERENCES payments (id)
);

-- a charge is in at most one run that is not cancelled
CREATE UNIQUE INDEX debits_live_charge ON debits (charge_id) WHERE live = 1;
CREATE INDEX debits_run ON debits (run_id, id);
