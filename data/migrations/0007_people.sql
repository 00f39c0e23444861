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
CREATE INDEX audit_log_client ON audit_log (client_id, id) WHERE client_id IS NOT NULL;
CREATE INDEX audit_log_staff ON audit_log (staff_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

ALTER TABLE clients ADD COLUMN consent_data_on TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN consent_data_how TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN consent_media TEXT NOT NULL DEFAULT '' CHECK (consent_media IN ('', 'yes', 'no'));
ALTER TABLE clients ADD COLUMN consent_media_on TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN consent_media_how TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN erased_on TEXT NOT NULL DEFAULT '';
