package data

import (
	"database/sql"
	"encoding/json"
)

// Audit actions.
const (
	ActionCreate   = "create"
	ActionUpdate   = "update"
	ActionCancel   = "cancel"
	ActionDelete   = "delete"
	ActionPause    = "pause"
	ActionGenerate = "generate"
	ActionReverse  = "reverse"
	ActionImport   = "import"
)

// AuditEntry is one recorded change.
type AuditEntry struct {
	ID      int64
	At      string
	StaffID int64
	Table   string
	RowID   int64
	Action  string
	Before  string
	After   string
}

// audit writes one audit_log row in the caller's transaction; before and
// after are stored as JSON (nil stays empty).
func (s *Store) audit(tx *sql.Tx, table string, rowID int64, action string, before, after any) error {
	enc := func(v any) (string, error) {
		if v == nil {
			return "", nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	b, err := enc(before)
	if err != nil {
		return err
	}
	a, err := enc(after)
	if err != nil {
		return err
	}
	var staff any
	if id := s.Actor(); id != 0 {
		staff = id
	}
	_, err = tx.Exec(`INSERT INTO audit_log (at, staff_id, table_name, row_id, action, before, after, client_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, stamp(s.now()), staff, table, rowID, action, b, a, clientOf(table, rowID, a, b))
	return err
}

// clientOf finds the client an audit entry concerns: the row itself for
// clients, else the client_id of the record after or before the change.
func clientOf(table string, rowID int64, docs ...string) any {
	if table == "clients" && rowID > 0 {
		return rowID
	}
	for _, d := range docs {
		var v struct {
			ClientID int64 `json:"client_id"`
		}
		if d != "" && json.Unmarshal([]byte(d), &v) == nil && v.ClientID > 0 {
			return v.ClientID
		}
	}
	return nil
}

// AuditFor lists the audit entries of one row, oldest first.
func (s *Store) AuditFor(table string, rowID int64) ([]AuditEntry, error) {
	rows, err := s.read.Query(`SELECT id, at, coalesce(staff_id, 0), table_name, row_id, action, before, after
		FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id`, table, rowID)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.StaffID, &e.Table, &e.RowID, &e.Action, &e.Before, &e.After); err != nil {
			return nil, internal(err)
		}
		out = append(out, e)
	}
	return out, internal(rows.Err())
}
