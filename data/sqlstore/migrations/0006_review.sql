-- Monthly sums of goodwill and of payments, kept by triggers in the same
-- transaction as every change, so the monthly review reads sums instead
-- of scanning every entry.
-- goodwill_sums holds one row per month and part: the month as a whole
-- (kind 'month', part ''), each category ('category', its name), each
-- staff member ('staff', their id) and each client ('client', their id).
CREATE TABLE goodwill_sums (
    month       TEXT NOT NULL, -- YYYY-MM
    kind        TEXT NOT NULL,
    part        TEXT NOT NULL,
    entries     INTEGER NOT NULL DEFAULT 0,
    value_cents INTEGER NOT NULL DEFAULT 0,
    minutes     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, kind, part)
) WITHOUT ROWID;
CREATE INDEX goodwill_sums_top ON goodwill_sums (month, kind, value_cents DESC);

CREATE VIEW goodwill_parts AS
    SELECT id, given_on, value_cents, minutes, deleted_on, 'month' AS kind, '' AS part FROM goodwill
    UNION ALL SELECT id, given_on, value_cents, minutes, deleted_on, 'category', category FROM goodwill
    UNION ALL SELECT id, given_on, value_cents, minutes, deleted_on, 'staff', coalesce(given_by, 0) FROM goodwill
    UNION ALL SELECT id, given_on, value_cents, minutes, deleted_on, 'client', client_id FROM goodwill;

INSERT INTO goodwill_sums (month, kind, part, entries, value_cents, minutes)
    SELECT substr(given_on, 1, 7), kind, part, count(*), sum(value_cents), sum(minutes) FROM goodwill_parts
    WHERE deleted_on = '' GROUP BY substr(given_on, 1, 7), kind, part;

CREATE TRIGGER goodwill_sums_insert AFTER INSERT ON goodwill WHEN NEW.deleted_on = '' BEGIN
    INSERT INTO goodwill_sums (month, kind, part, entries, value_cents, minutes)
        SELECT substr(NEW.given_on, 1, 7), k, p, 1, NEW.value_cents, NEW.minutes FROM (
            SELECT 'month' AS k, '' AS p UNION ALL SELECT 'category', NEW.category
            UNION ALL SELECT 'staff', coalesce(NEW.given_by, 0) UNION ALL SELECT 'client', NEW.client_id) WHERE true
        ON CONFLICT (month, kind, part) DO UPDATE SET entries = entries + 1,
            value_cents = value_cents + excluded.value_cents, minutes = minutes + excluded.minutes;
END;
CREATE TRIGGER goodwill_sums_update_old AFTER UPDATE ON goodwill WHEN OLD.deleted_on = '' BEGIN
    UPDATE goodwill_sums SET entries = entries - 1, value_cents = value_cents - OLD.value_cents, minutes = minutes - OLD.minutes
        WHERE month = substr(OLD.given_on, 1, 7) AND (kind, part) IN (VALUES ('month', ''), ('category', OLD.category),
            ('staff', CAST(coalesce(OLD.given_by, 0) AS TEXT)), ('client', CAST(OLD.client_id AS TEXT)));
END;
CREATE TRIGGER goodwill_sums_update_new AFTER UPDATE ON goodwill WHEN NEW.deleted_on = '' BEGIN
    INSERT INTO goodwill_sums (month, kind, part, entries, value_cents, minutes)
        SELECT substr(NEW.given_on, 1, 7), k, p, 1, NEW.value_cents, NEW.minutes FROM (
            SELECT 'month' AS k, '' AS p UNION ALL SELECT 'category', NEW.category
            UNION ALL SELECT 'staff', coalesce(NEW.given_by, 0) UNION ALL SELECT 'client', NEW.client_id) WHERE true
        ON CONFLICT (month, kind, part) DO UPDATE SET entries = entries + 1,
            value_cents = value_cents + excluded.value_cents, minutes = minutes + excluded.minutes;
END;
CREATE TRIGGER goodwill_sums_delete AFTER DELETE ON goodwill WHEN OLD.deleted_on = '' BEGIN
    UPDATE goodwill_sums SET entries = entries - 1, value_cents = value_cents - OLD.value_cents, minutes = minutes - OLD.minutes
        WHERE month = substr(OLD.given_on, 1, 7) AND (kind, part) IN (VALUES ('month', ''), ('category', OLD.category),
            ('staff', CAST(coalesce(OLD.given_by, 0) AS TEXT)), ('client', CAST(OLD.client_id AS TEXT)));
END;

CREATE TABLE payment_months (
    month        TEXT PRIMARY KEY, -- YYYY-MM
    amount_cents INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO payment_months (month, amount_cents)
    SELECT substr(received_on, 1, 7), sum(amount_cents) FROM payments GROUP BY substr(received_on, 1, 7);
CREATE TRIGGER payment_months_insert AFTER INSERT ON payments BEGIN
    INSERT INTO payment_months (month, amount_cents) VALUES (substr(NEW.received_on, 1, 7), NEW.amount_cents)
        ON CONFLICT (month) DO UPDATE SET amount_cents = amount_cents + excluded.amount_cents;
END;

CREATE INDEX demands_raised ON demands (raised_on, claimed_cents);
CREATE INDEX demand_steps_day ON demand_steps (on_day, to_status, demand_id);

-- Each client's goodwill in the last 90 days, as of the window start
-- named by the setting flag:goodwill_as_of: refreshed for a client when
-- their goodwill changes, and for everyone once a day, so the heavy-goodwill
-- flag is an index lookup.
ALTER TABLE clients ADD COLUMN goodwill_90d_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN goodwill_90d_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN goodwill_90d_since TEXT NOT NULL DEFAULT '';
CREATE INDEX clients_goodwill_90d ON clients (goodwill_90d_cents) WHERE goodwill_90d_cents > 0;
