package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"studiopartner/data"
)

// ChangeMark names the state of the records: it moves with every change
// (each is in the audit log) and with the day (flags and balances follow
// the date). A figure kept beside the mark is still right while the mark
// reads the same.
func (s *Store) ChangeMark(ctx context.Context) (string, error) {
	var last int64
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM audit_log`).Scan(&last); err != nil {
		return "", internal(err)
	}
	return fmt.Sprintf("%d@%s", last, s.Today()), nil
}

// audit writes one audit_log row in the caller's transaction; before and
// after are stored as JSON (nil stays empty).
func (s *Store) audit(tx *dbx, table string, rowID int64, action string, before, after any) error {
	row, err := s.auditRow(tx, table, rowID, action, before, after)
	if err != nil {
		return err
	}
	return tx.later(`INSERT INTO audit_log (at, staff_id, table_name, row_id, action, before, after, client_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, row...)
}

// newAuditBatch collects audit rows (see auditRow) to insert many at a
// time, for the bulk writes.
func newAuditBatch(tx *dbx) *rowBatch {
	return newRowBatch(tx, `INSERT INTO audit_log (at, staff_id, table_name, row_id, action, before, after, client_id) VALUES`, "", 8)
}

// auditRow returns the values of one audit_log row, in the order of its
// columns at, staff_id, table_name, row_id, action, before, after and
// client_id.
func (s *Store) auditRow(tx *dbx, table string, rowID int64, action string, before, after any) ([]any, error) {
	enc := func(v any) (string, error) {
		if v == nil {
			return "", nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	b, err := enc(before)
	if err != nil {
		return nil, err
	}
	a, err := enc(after)
	if err != nil {
		return nil, err
	}
	var staff any
	if id := s.Actor(); id != 0 {
		staff = id
	}
	client := clientOf(table, rowID, a, b)
	if client == nil && rowID > 0 && clientTables[table] && tx != nil {
		var id int64
		if tx.QueryRow(`SELECT client_id FROM `+table+` WHERE id = ?`, rowID).Scan(&id) == nil {
			client = id
		}
	}
	return []any{stamp(s.now()), staff, table, rowID, action, b, a, client}, nil
}

// clientTables are the tables whose rows belong to one client.
var clientTables = map[string]bool{"contracts": true, "charges": true, "payments": true, "goodwill": true, "demands": true,
	"agreements": true, "visits": true}

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
func (s *Store) AuditFor(ctx context.Context, table string, rowID int64) ([]data.AuditEntry, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, at, coalesce(staff_id, 0), table_name, row_id, action, before, after
		FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id`, table, rowID)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	var out []data.AuditEntry
	for rows.Next() {
		var e data.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.StaffID, &e.Table, &e.RowID, &e.Action, &e.Before, &e.After); err != nil {
			return nil, internal(err)
		}
		out = append(out, e)
	}
	return out, internal(rows.Err())
}

// AuditLog lists audit entries, newest first. Only the owner may read it.
func (s *Store) AuditLog(ctx context.Context, f data.AuditFilter) ([]data.AuditRow, error) {
	if err := s.Allow(data.OpAudit); err != nil {
		return nil, err
	}
	q := `SELECT a.id, a.at, coalesce(a.staff_id, 0), a.table_name, a.row_id, a.action, a.before, a.after,
		coalesce(a.client_id, 0), coalesce(c.name, ''), coalesce(m.name, '')
		FROM audit_log a LEFT JOIN staff m ON m.id = a.staff_id LEFT JOIN clients c ON c.id = a.client_id WHERE 1 = 1`
	var args []any
	if f.ClientID != 0 {
		q += ` AND a.client_id = ?`
		args = append(args, f.ClientID)
	}
	if f.StaffID != 0 {
		q += ` AND a.staff_id = ?`
		args = append(args, f.StaffID)
	}
	if !f.From.IsZero() {
		q += ` AND a.at >= ?`
		args = append(args, f.From.String())
	}
	if !f.To.IsZero() {
		q += ` AND a.at < ?`
		args = append(args, f.To.AddDays(1).String())
	}
	if f.Limit <= 0 {
		f.Limit = 500
	}
	q += ` ORDER BY a.id DESC LIMIT ?`
	args = append(args, f.Limit)
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	var out []data.AuditRow
	for rows.Next() {
		var r data.AuditRow
		if err := rows.Scan(&r.ID, &r.At, &r.StaffID, &r.Table, &r.RowID, &r.Action, &r.Before, &r.After,
			&r.ClientID, &r.ClientName, &r.StaffName); err != nil {
			return nil, internal(err)
		}
		out = append(out, r)
	}
	return out, internal(rows.Err())
}
