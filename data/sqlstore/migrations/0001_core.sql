-- Core tables: clients, the service catalogue, contracts, staff, settings
-- and the audit log.
CREATE TABLE clients (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CHECK (name <> ''),
    sort_name      TEXT NOT NULL,
    contact_person TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    birth_date     TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
    notes          TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'active'
                   CHECK (status IN ('prospect', 'active', 'former', 'declined')),
    decline_ground TEXT NOT NULL DEFAULT '' CHECK (decline_ground IN ('', 'legal', 'ethical')),
    decline_reason TEXT NOT NULL DEFAULT '',
    referred_by    INTEGER REFERENCES clients (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX clients_sort_name ON clients (sort_name, id);
CREATE INDEX clients_referred_by ON clients (referred_by) WHERE referred_by IS NOT NULL;

CREATE TABLE services (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (name <> ''),
    kind            TEXT NOT NULL CHECK (kind IN ('course', 'membership', 'single', 'card', 'treatment')),
    description     TEXT NOT NULL DEFAULT '',
    price_cents     INTEGER NOT NULL CHECK (price_cents >= 0),
    billing         TEXT NOT NULL CHECK (billing IN ('once', 'monthly', 'quarterly', 'yearly', 'per_session')),
    min_term_months INTEGER NOT NULL CHECK (min_term_months BETWEEN 1 AND 60),
    notice_n        INTEGER NOT NULL CHECK (notice_n >= 0),
    notice_unit     TEXT NOT NULL CHECK (notice_unit IN ('days', 'weeks', 'months')),
    renewal         TEXT NOT NULL CHECK (renewal IN ('monthly', 'fixed', 'none')),
    renewal_months  INTEGER NOT NULL DEFAULT 0,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL
);

CREATE TABLE contracts (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER NOT NULL REFERENCES clients (id),
    service_id      INTEGER NOT NULL REFERENCES services (id),
    price_cents     INTEGER NOT NULL CHECK (price_cents >= 0),
    billing         TEXT NOT NULL CHECK (billing IN ('once', 'monthly', 'quarterly', 'yearly', 'per_session')),
    start_on        TEXT NOT NULL,
    min_term_months INTEGER NOT NULL CHECK (min_term_months BETWEEN 1 AND 60),
    notice_n        INTEGER NOT NULL CHECK (notice_n >= 0),
    notice_unit     TEXT NOT NULL CHECK (notice_unit IN ('days', 'weeks', 'months')),
    renewal         TEXT NOT NULL CHECK (renewal IN ('monthly', 'fixed', 'none')),
    renewal_months  INTEGER NOT NULL DEFAULT 0,
    notice_received TEXT NOT NULL DEFAULT '',
    ends_on         TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX contracts_client ON contracts (client_id);
CREATE INDEX contracts_service ON contracts (service_id);

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
    role       TEXT NOT NULL CHECK (role IN ('front_desk', 'owner')),
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    staff_id   INTEGER REFERENCES staff (id),
    table_name TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    action     TEXT NOT NULL,
    before     TEXT NOT NULL DEFAULT '',
    after      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);
