-- Search terms for clients: every word of the name in two foldings
-- ("müller" as "muller" and "mueller"), the e-mail and the phone digits,
-- each lower case without accents. The program fills them; see search.go.
ALTER TABLE clients ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

CREATE TABLE client_terms (
    term      TEXT NOT NULL,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    PRIMARY KEY (term, client_id)
) WITHOUT ROWID;
CREATE INDEX client_terms_client ON client_terms (client_id);

CREATE VIRTUAL TABLE client_fts USING fts5(search_text, tokenize='trigram');
