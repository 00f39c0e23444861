-- What the contract or the law owes a client (a make-up for a class the
-- studio cancelled, a refund the law gives) is kept apart from goodwill:
-- it is never counted in the goodwill review or the goodwill flag.
CREATE TABLE owed (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    given_on    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('makeup', 'refund')),
    description TEXT NOT NULL CHECK (description <> ''),
    value_cents INTEGER NOT NULL DEFAULT 0 CHECK (value_cents >= 0),
    contract_id INTEGER REFERENCES contracts (id),
    demand_id   INTEGER REFERENCES demands (id),
    staff_id    INTEGER REFERENCES staff (id),
    created_at  TEXT NOT NULL
);
CREATE INDEX owed_client ON owed (client_id, given_on);

-- a demand can be decided as owed: its status list grows. The rows wait
-- in a temporary copy while the table is made again, so every goodwill
-- entry and step finds its demand once they are back (deferred checks).
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE demands_copy AS SELECT id, client_id, contract_id, raised_on, asked, claimed_cents, client_words, status,
    settlement, charge_id, status_on, created_by, created_at FROM demands;
DROP TABLE demands;
CREATE TABLE demands (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    contract_id   INTEGER REFERENCES contracts (id),
    raised_on     TEXT NOT NULL,
    asked         TEXT NOT NULL CHECK (asked <> ''),
    claimed_cents INTEGER NOT NULL DEFAULT 0 CHECK (claimed_cents >= 0),
    client_words  TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'granted', 'declined', 'billed', 'disputed', 'settled', 'owed')),
    settlement    TEXT NOT NULL DEFAULT '' CHECK (settlement IN ('', 'paid', 'written_off', 'withdrawn')),
    charge_id     INTEGER REFERENCES charges (id),
    status_on     TEXT NOT NULL,
    created_by    INTEGER REFERENCES staff (id),
    created_at    TEXT NOT NULL
);
INSERT INTO demands (id, client_id, contract_id, raised_on, asked, claimed_cents, client_words, status, settlement,
    charge_id, status_on, created_by, created_at)
    SELECT id, client_id, contract_id, raised_on, asked, claimed_cents, client_words, status, settlement,
    charge_id, status_on, created_by, created_at FROM demands_copy;
DROP TABLE demands_copy;
CREATE INDEX demands_client ON demands (client_id, raised_on);
CREATE INDEX demands_status ON demands (status, raised_on);
CREATE INDEX demands_raised ON demands (raised_on, claimed_cents);
