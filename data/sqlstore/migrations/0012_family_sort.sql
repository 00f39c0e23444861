-- Clients are listed by family name: the Go step of this migration
-- (resortClients) computes every client's sort key anew. The index on the
-- key stays as it is.
SELECT 1;
