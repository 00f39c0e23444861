-- Numbers that are never given twice. Charges, payments, agreements and
-- letters are deleted when their retention ends; SQLite gives a new row
-- the highest id plus one, so the next record took the number of the one
-- deleted last, and an agreement or a letter printed the number of one
-- already sent. Each counter remembers the last number given, starting
-- from the highest ever recorded (in the table or in the audit log).
CREATE TABLE id_counters (
    name TEXT PRIMARY KEY,
    last INTEGER NOT NULL CHECK (last >= 0)
) WITHOUT ROWID;

INSERT INTO id_counters (name, last)
    SELECT t.name, max(coalesce(t.high, 0), coalesce((SELECT max(row_id) FROM audit_log WHERE table_name = t.name), 0))
    FROM (SELECT 'charges' AS name, (SELECT max(id) FROM charges) AS high
          UNION ALL SELECT 'payments', (SELECT max(id) FROM payments)
          UNION ALL SELECT 'agreements', (SELECT max(id) FROM agreements)
          UNION ALL SELECT 'documents', (SELECT max(id) FROM documents)) AS t;

-- a letter's number counts per kind ("KB-000007")
INSERT INTO id_counters (name, last)
    SELECT 'documents:' || k.kind, max(
        coalesce((SELECT max(seq) FROM documents WHERE kind = k.kind), 0),
        coalesce((SELECT max(CAST(substr(json_extract(after, '$.number'), instr(json_extract(after, '$.number'), '-') + 1) AS INTEGER))
            FROM audit_log WHERE table_name = 'documents' AND json_extract(after, '$.kind') = k.kind), 0))
    FROM (SELECT 'reminder' AS kind UNION ALL SELECT 'receipt' UNION ALL SELECT 'cancellation' UNION ALL SELECT 'withdrawal') AS k;
