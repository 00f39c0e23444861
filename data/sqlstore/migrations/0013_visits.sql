-- Visits: a client checked in at the counter, or a session cancelled or
-- missed, counted against a contract (a card's sessions) or against none.
-- Cards get a number of sessions and a validity; services a price for one
-- session beyond the contract (a single charge, or goodwill's value).
ALTER TABLE services ADD COLUMN sessions INTEGER NOT NULL DEFAULT 0 CHECK (sessions BETWEEN 0 AND 200);
ALTER TABLE services ADD COLUMN valid_months INTEGER NOT NULL DEFAULT 0 CHECK (valid_months BETWEEN 0 AND 60);
ALTER TABLE services ADD COLUMN session_price_cents INTEGER NOT NULL DEFAULT 0 CHECK (session_price_cents >= 0);

-- a card contract keeps the sessions and validity it was sold with;
-- sessions_used is derived from its visits, kept in the same transaction
ALTER TABLE contracts ADD COLUMN sessions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN valid_until TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN sessions_used INTEGER NOT NULL DEFAULT 0;
CREATE INDEX contracts_cards ON contracts (valid_until, sessions_used, sessions, client_id) WHERE sessions > 0;

-- derived from the visits: the last day the client attended
ALTER TABLE clients ADD COLUMN last_visit_on TEXT NOT NULL DEFAULT '';

CREATE TABLE visits (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    contract_id   INTEGER REFERENCES contracts (id),
    at            TEXT NOT NULL,          -- the session's local time, 2026-12-04T18:30
    outcome       TEXT NOT NULL DEFAULT 'attended'
                  CHECK (outcome IN ('attended', 'cancelled_in_time', 'cancelled_late', 'no_show')),
    uses_session  INTEGER NOT NULL DEFAULT 0 CHECK (uses_session IN (0, 1)),
    beyond        TEXT NOT NULL DEFAULT '' CHECK (beyond IN ('', 'charge', 'new_card', 'goodwill')),
    charge_id     INTEGER REFERENCES charges (id),
    goodwill_id   INTEGER REFERENCES goodwill (id),
    staff_id      INTEGER REFERENCES staff (id),
    undone_on     TEXT NOT NULL DEFAULT '',
    undone_reason TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
CREATE INDEX visits_client ON visits (client_id, at);
CREATE INDEX visits_contract ON visits (contract_id) WHERE contract_id IS NOT NULL;
CREATE INDEX visits_month ON visits (at, outcome, beyond) WHERE undone_on = '';
