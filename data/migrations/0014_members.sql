-- Kept for the flags, so that every client's flags read indexes rather
-- than every contract and visit.
--
-- member_since: the first day of the earliest membership the client has
-- running on the day named by the setting 'flag:members_as_of' ('' if
-- none). The store moves that day forward once a day and recomputes every
-- client; these triggers keep a client right whenever their contracts, or
-- the kind of a service they have, change in between.
ALTER TABLE clients ADD COLUMN member_since TEXT NOT NULL DEFAULT '';
CREATE INDEX clients_members ON clients (member_since, last_visit_on) WHERE member_since <> '';

CREATE TRIGGER members_contract_insert AFTER INSERT ON contracts BEGIN
    UPDATE clients SET member_since = coalesce((SELECT min(k.start_on) FROM contracts k JOIN services sv ON sv.id = k.service_id,
            (SELECT value AS day FROM settings WHERE key = 'flag:members_as_of') d
        WHERE k.client_id = NEW.client_id AND sv.kind = 'membership' AND k.start_on <= d.day AND (k.ends_on = '' OR k.ends_on >= d.day)), '')
    WHERE id = NEW.client_id;
END;
CREATE TRIGGER members_contract_update AFTER UPDATE OF client_id, service_id, start_on, ends_on ON contracts BEGIN
    UPDATE clients SET member_since = coalesce((SELECT min(k.start_on) FROM contracts k JOIN services sv ON sv.id = k.service_id,
            (SELECT value AS day FROM settings WHERE key = 'flag:members_as_of') d
        WHERE k.client_id = clients.id AND sv.kind = 'membership' AND k.start_on <= d.day AND (k.ends_on = '' OR k.ends_on >= d.day)), '')
    WHERE id IN (OLD.client_id, NEW.client_id);
END;
CREATE TRIGGER members_contract_delete AFTER DELETE ON contracts BEGIN
    UPDATE clients SET member_since = coalesce((SELECT min(k.start_on) FROM contracts k JOIN services sv ON sv.id = k.service_id,
            (SELECT value AS day FROM settings WHERE key = 'flag:members_as_of') d
        WHERE k.client_id = OLD.client_id AND sv.kind = 'membership' AND k.start_on <= d.day AND (k.ends_on = '' OR k.ends_on >= d.day)), '')
    WHERE id = OLD.client_id;
END;
CREATE TRIGGER members_service_kind AFTER UPDATE OF kind ON services WHEN OLD.kind <> NEW.kind BEGIN
    UPDATE clients SET member_since = coalesce((SELECT min(k.start_on) FROM contracts k JOIN services sv ON sv.id = k.service_id,
            (SELECT value AS day FROM settings WHERE key = 'flag:members_as_of') d
        WHERE k.client_id = clients.id AND sv.kind = 'membership' AND k.start_on <= d.day AND (k.ends_on = '' OR k.ends_on >= d.day)), '')
    WHERE id IN (SELECT client_id FROM contracts WHERE service_id = NEW.id);
END;

-- a card's last used session is read from the index alone
DROP INDEX visits_contract;
CREATE INDEX visits_contract ON visits (contract_id, uses_session, undone_on, at) WHERE contract_id IS NOT NULL;
