-- Goodwill (Kulanz) given beyond the contract, and demands (Kulanz-
-- forderungen) made as if it were owed, with every step of a demand's life.
CREATE TABLE demands (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    contract_id   INTEGER REFERENCES contracts (id),
    raised_on     TEXT NOT NULL,
    asked         TEXT NOT NULL CHECK (asked <> ''),
    claimed_cents INTEGER NOT NULL DEFAULT 0 CHECK (claimed_cents >= 0),
    client_words  TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'granted', 'declined', 'billed', 'disputed', 'settled')),
    settlement    TEXT NOT NULL DEFAULT '' CHECK (settlement IN ('', 'paid', 'written_off', 'withdrawn')),
    charge_id     INTEGER REFERENCES charges (id),
    status_on     TEXT NOT NULL, -- the day the demand reached its status
    created_by    INTEGER REFERENCES staff (id),
    created_at    TEXT NOT NULL
);
CREATE INDEX demands_client ON demands (client_id, raised_on);
CREATE INDEX demands_status ON demands (status, raised_on);

CREATE TABLE demand_steps (
    id          INTEGER PRIMARY KEY,
    demand_id   INTEGER NOT NULL REFERENCES demands (id),
    on_day      TEXT NOT NULL,
    at          TEXT NOT NULL,
    staff_id    INTEGER REFERENCES staff (id),
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX demand_steps_demand ON demand_steps (demand_id);

CREATE TABLE goodwill (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients (id),
    given_on       TEXT NOT NULL,
    category       TEXT NOT NULL CHECK (category IN ('extra_session', 'makeup', 'extended_time', 'free_product',
                       'price_concession', 'rule_bent', 'personal_time', 'other')),
    description    TEXT NOT NULL CHECK (description <> ''),
    value_cents    INTEGER NOT NULL DEFAULT 0 CHECK (value_cents >= 0),
    minutes        INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    given_by       INTEGER REFERENCES staff (id),
    demand_id      INTEGER REFERENCES demands (id),
    service_id     INTEGER REFERENCES services (id),
    deleted_on     TEXT NOT NULL DEFAULT '', -- deleted entries stay, with their reason, out of every total
    deleted_reason TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX goodwill_client ON goodwill (client_id, given_on) WHERE deleted_on = '';
CREATE INDEX goodwill_month ON goodwill (given_on, category, value_cents, minutes, given_by, client_id) WHERE deleted_on = '';

-- A billed demand that is written off waives its charge: it stays on
-- record but is owed no more.
ALTER TABLE charges ADD COLUMN waived_on TEXT NOT NULL DEFAULT '';

CREATE INDEX clients_declined ON clients (id) WHERE status = 'declined';
