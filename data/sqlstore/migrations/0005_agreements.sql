-- Partnership agreements: the owner's versioned wording, and every copy
-- printed, kept byte for byte so it reprints exactly as handed over.
CREATE TABLE clause_sets (
    version    INTEGER NOT NULL,
    language   TEXT NOT NULL CHECK (language IN ('de', 'en')),
    sections   TEXT NOT NULL, -- JSON: [{"key": "...", "title": "...", "body": "..."}]
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES staff (id),
    PRIMARY KEY (version, language)
);

CREATE TABLE agreements (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients (id),
    clause_version INTEGER NOT NULL,
    language       TEXT NOT NULL,
    printed_at     TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    pdf            BLOB NOT NULL,
    signed_on      TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (clause_version, language) REFERENCES clause_sets (version, language)
);
CREATE INDEX agreements_client ON agreements (client_id);
