-- Monthly sums of goodwill and of payments, kept by triggers in the same
-- transaction as every change, so the monthly review reads a year of
-- months as twelve rows instead of scanning every entry.
CREATE TABLE goodwill_months (
    month       TEXT PRIMARY KEY, -- YYYY-MM
    entries     INTEGER NOT NULL DEFAULT 0,
    value_cents INTEGER NOT NULL DEFAULT 0,
    minutes     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO goodwill_months (month, entries, value_cents, minutes)
    SELECT substr(given_on, 1, 7), count(*), sum(value_cents), sum(minutes) FROM goodwill
    WHERE deleted_on = '' GROUP BY substr(given_on, 1, 7);

CREATE TRIGGER goodwill_months_insert AFTER INSERT ON goodwill WHEN NEW.deleted_on = '' BEGIN
    INSERT INTO goodwill_months (month, entries, value_cents, minutes)
        VALUES (substr(NEW.given_on, 1, 7), 1, NEW.value_cents, NEW.minutes)
        ON CONFLICT (month) DO UPDATE SET entries = entries + 1, value_cents = value_cents + excluded.value_cents,
            minutes = minutes + excluded.minutes;
END;
CREATE TRIGGER goodwill_months_update_old AFTER UPDATE ON goodwill WHEN OLD.deleted_on = '' BEGIN
    UPDATE goodwill_months SET entries = entries - 1, value_cents = value_cents - OLD.value_cents, minutes = minutes - OLD.minutes
        WHERE month = substr(OLD.given_on, 1, 7);
END;
CREATE TRIGGER goodwill_months_update_new AFTER UPDATE ON goodwill WHEN NEW.deleted_on = '' BEGIN
    INSERT INTO goodwill_months (month, entries, value_cents, minutes)
        VALUES (substr(NEW.given_on, 1, 7), 1, NEW.value_cents, NEW.minutes)
        ON CONFLICT (month) DO UPDATE SET entries = entries + 1, value_cents = value_cents + excluded.value_cents,
            minutes = minutes + excluded.minutes;
END;
CREATE TRIGGER goodwill_months_delete AFTER DELETE ON goodwill WHEN OLD.deleted_on = '' BEGIN
    UPDATE goodwill_months SET entries = entries - 1, value_cents = value_cents - OLD.value_cents, minutes = minutes - OLD.minutes
        WHERE month = substr(OLD.given_on, 1, 7);
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
