-- Money: what clients owe (charges), what they paid (payments), price
-- changes and pauses of contracts. Payments are applied to the oldest open
-- charges first; charges.paid_cents holds that allocation and
-- clients.credit_cents what is left over. Both are recomputed from the
-- payments whenever money moves, never typed in.
CREATE TABLE contract_prices (
    contract_id    INTEGER NOT NULL REFERENCES contracts (id),
    effective_from TEXT NOT NULL,
    price_cents    INTEGER NOT NULL CHECK (price_cents >= 0),
    PRIMARY KEY (contract_id, effective_from)
) WITHOUT ROWID;
INSERT INTO contract_prices (contract_id, effective_from, price_cents)
    SELECT id, start_on, price_cents FROM contracts;

CREATE TABLE contract_pauses (
    id           INTEGER PRIMARY KEY,
    contract_id  INTEGER NOT NULL REFERENCES contracts (id),
    from_on      TEXT NOT NULL,
    to_on        TEXT NOT NULL CHECK (to_on >= from_on),
    reason       TEXT NOT NULL CHECK (reason <> ''),
    extend_months INTEGER NOT NULL DEFAULT 0, -- how far the minimum term moves; 0 = it stays
    created_at   TEXT NOT NULL
);
CREATE INDEX contract_pauses_contract ON contract_pauses (contract_id);

CREATE TABLE charges (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    contract_id  INTEGER REFERENCES contracts (id),
    period_start TEXT NOT NULL DEFAULT '',
    period_end   TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    paid_cents   INTEGER NOT NULL DEFAULT 0 CHECK (paid_cents BETWEEN 0 AND amount_cents),
    due_on       TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX charges_period ON charges (contract_id, period_start) WHERE period_start <> '';
CREATE INDEX charges_client ON charges (client_id, due_on, id);
CREATE INDEX charges_open ON charges (client_id, due_on, amount_cents, paid_cents) WHERE paid_cents < amount_cents;

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
    method       TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'direct_debit')),
    received_on  TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    reverses     INTEGER UNIQUE REFERENCES payments (id),
    staff_id     INTEGER REFERENCES staff (id),
    created_at   TEXT NOT NULL
);
CREATE INDEX payments_client ON payments (client_id, received_on);
CREATE INDEX payments_received ON payments (received_on, amount_cents);

-- Each client's balance as of the cutoff named by the setting
-- money:balances_as_of, kept up to date whenever money moves, so the
-- open-balances list is a plain index scan.
ALTER TABLE clients ADD COLUMN credit_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN open_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN overdue_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN oldest_due TEXT NOT NULL DEFAULT '';
CREATE INDEX clients_balance ON clients (overdue_cents DESC, open_cents DESC, sort_name) WHERE open_cents > 0;
