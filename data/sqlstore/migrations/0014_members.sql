-- Kept for the flags and the monthly review, so that they read indexes
-- rather than every contract and visit.
--
-- member_since: the first day of the earliest membership the client has
-- running on the day named by the setting 'flag:members_as_of' ('' if
-- none). The store moves that day forward once a day and recomputes every
-- client; these triggers keep a client right whenever their contracts, or
-- the kind of a service they have, change in between.
ALTER TABLE clients ADD COLUMN member_since TEXT NOT NULL DEFAULT '';
CREATE INDEX clients_members ON clients (member_since, last_visit_on) WHERE member_since <> '';

-- the memberships running on that day: the one definition the triggers and
-- the daily refresh share
CREATE VIEW memberships_running AS
    SELECT k.client_id, k.start_on
    FROM contracts k JOIN services sv ON sv.id = k.service_id JOIN settings d ON d.key = 'flag:members_as_of'
    WHERE sv.kind = 'membership' AND k.start_on <= d.value AND (k.ends_on = '' OR k.ends_on >= d.value);

CREATE TRIGGER members_contract_insert AFTER INSERT ON contracts BEGIN
    UPDATE clients SET member_since = coalesce((SELECT min(start_on) FROM memberships_running WHERE client_id = clients.id), '') WHERE id = NEW.client_id;
END;
CREATE TRIGGER members_contract_update AFTER UPDATE OF client_id, service_id, start_on, ends_on ON contracts BEGIN
    UPDATE clients SET member_since = coalesce((SELECT min(start_on) FROM memberships_running WHERE client_id = clients.id), '') WHERE id IN (OLD.client_id, NEW.client_id);
END;
CREATE TRIGGER members_contract_delete AFTER DELETE ON contracts BEGIN
    UPDATE clients SET member_since = coalesce((SELECT min(start_on) FROM memberships_running WHERE client_id = clients.id), '') WHERE id = OLD.client_id;
END;
CREATE TRIGGER members_service_kind AFTER UPDATE OF kind ON services WHEN OLD.kind <> NEW.kind BEGIN
    UPDATE clients SET member_since = coalesce((SELECT min(start_on) FROM memberships_running WHERE client_id = clients.id), '')
        WHERE id IN (SELECT client_id FROM contracts WHERE service_id = NEW.id);
END;

-- a card's last used session is read from the index alone
DROP INDEX visits_contract;
CREATE INDEX visits_contract ON visits (contract_id, uses_session, undone_on, at) WHERE contract_id IS NOT NULL;

-- The visits of each month by how they ended and what lay beyond the
-- contract, kept by triggers in the same transaction as every visit, its
-- undo or its removal; the monthly review reads these counts.
DROP INDEX visits_month;
CREATE TABLE visit_months (
    month   TEXT NOT NULL,   -- 2026-12
    outcome TEXT NOT NULL,
    beyond  TEXT NOT NULL,
    visits  INTEGER NOT NULL,
    PRIMARY KEY (month, outcome, beyond)
) WITHOUT ROWID;
INSERT INTO visit_months (month, outcome, beyond, visits)
    SELECT substr(at, 1, 7), outcome, beyond, count(*) FROM visits WHERE undone_on = '' GROUP BY 1, 2, 3;
CREATE TRIGGER visit_months_insert AFTER INSERT ON visits WHEN NEW.undone_on = '' BEGIN
    INSERT INTO visit_months (month, outcome, beyond, visits) VALUES (substr(NEW.at, 1, 7), NEW.outcome, NEW.beyond, 1)
        ON CONFLICT (month, outcome, beyond) DO UPDATE SET visits = visits + 1;
END;
CREATE TRIGGER visit_months_update_old AFTER UPDATE OF at, outcome, beyond, undone_on ON visits WHEN OLD.undone_on = '' BEGIN
    UPDATE visit_months SET visits = visits - 1
        WHERE month = substr(OLD.at, 1, 7) AND outcome = OLD.outcome AND beyond = OLD.beyond;
END;
CREATE TRIGGER visit_months_update_new AFTER UPDATE OF at, outcome, beyond, undone_on ON visits WHEN NEW.undone_on = '' BEGIN
    INSERT INTO visit_months (month, outcome, beyond, visits) VALUES (substr(NEW.at, 1, 7), NEW.outcome, NEW.beyond, 1)
        ON CONFLICT (month, outcome, beyond) DO UPDATE SET visits = visits + 1;
END;
CREATE TRIGGER visit_months_delete AFTER DELETE ON visits WHEN OLD.undone_on = '' BEGIN
    UPDATE visit_months SET visits = visits - 1
        WHERE month = substr(OLD.at, 1, 7) AND outcome = OLD.outcome AND beyond = OLD.beyond;
END;

-- the few visits beyond a contract, found by kind and time
CREATE INDEX visits_beyond ON visits (beyond, at) WHERE beyond <> '';
