-- Sign-in and the client's data rights: staff PINs with their lockout,
-- the client each audit entry concerns, consent, and erasure.
ALTER TABLE staff ADD COLUMN pin_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE staff ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN locked_until TEXT NOT NULL DEFAULT '';

ALTER TABLE audit_log ADD COLUMN client_id INTEGER;
UPDATE audit_log SET client_id = CASE
    WHEN table_name = 'clients' AND row_id > 0 THEN row_id
    ELSE coalesce(CASE WHEN json_valid(after) THEN json_extract(after, '$.client_id') END,
                  CASE WHEN json_valid(before) THEN json_extract(before, '$.client_id') END) END;
UPDATE audit_log SET client_id = (SELECT client_id FROM contracts WHERE id = row_id) WHERE client_id IS NULL AND table_name = 'contracts';
UPDATE audit_log SET client_id = (SELECT client_id FROM charges WHERE id = row_id) WHERE client_id IS NULL AND table_name = 'charges';
UPDATE audit_log SET client_id = (SELECT client_id FROM payments WHERE id = row_id) WHERE client_id IS NULL AND table_name = 'payments';
UPDATE audit_log SET client_id = (SELECT client_id FROM goodwill WHERE id = row_id) WHERE client_id IS NULL AND table_name = 'goodwill';
UPDATE audit_log SET client_id = (SELECT client_id FROM demands WHERE id = row_id) WHERE client_id IS NULL AND table_name = 'demands';
UPDATE audit_log SET client_id = (SELECT client_id FROM agreements WHERE id = row_id) WHERE client_id IS NULL AND table_name = 'agreements';
CREATE INDEX audit_log_client ON audit_log (client_id, id) WHERE client_id IS NOT NULL;
CREATE INDEX audit_log_staff ON audit_log (staff_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

ALTER TABLE clients ADD COLUMN consent_data_on TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN consent_data_how TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN consent_media TEXT NOT NULL DEFAULT '' CHECK (consent_media IN ('', 'yes', 'no'));
ALTER TABLE clients ADD COLUMN consent_media_on TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN consent_media_how TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN erased_on TEXT NOT NULL DEFAULT '';
CREATE INDEX clients_erased ON clients (id) WHERE erased_on <> '';
