package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"studiopartner/data"
)

// SaveStaff creates (ID 0) or updates a staff member. Names are unique,
// ignoring case.
func (s *Store) SaveStaff(ctx context.Context, m data.Staff) (data.Staff, error) {
	if err := s.Allow(data.OpStaff); err != nil {
		return data.Staff{}, err
	}
	if err := m.Validate(); err != nil {
		return data.Staff{}, err
	}
	hash := ""
	if m.PIN != "" {
		var err error
		if hash, err = hashPIN(m.PIN); err != nil {
			return data.Staff{}, internal(err)
		}
		m.PIN = ""
	}
	err := s.write(ctx, func(tx *dbx) error {
		var taken int64
		if tx.QueryRow(`SELECT id FROM staff WHERE lower(name) = lower(?) AND id <> ?`, m.Name, m.ID).Scan(&taken) == nil {
			return &data.Error{Code: data.CodeConflict, Key: "staff.invalid", Fields: []data.FieldError{{Field: "name", Key: "staff.name.taken"}}}
		}
		if m.ID == 0 {
			return s.insertStaff(tx, &m, hash)
		}
		return s.updateStaff(tx, &m, hash)
	})
	if err != nil {
		return data.Staff{}, internal(err)
	}
	return m, nil
}

// insertStaff stores a new staff member with the PIN's hash, if any.
func (s *Store) insertStaff(tx *dbx, m *data.Staff, hash string) error {
	m.CreatedAt = stamp(s.now())
	newID, err := tx.insertID(`INSERT INTO staff (name, role, active, created_at) VALUES (?, ?, ?, ?)`,
		m.Name, m.Role, m.Active, m.CreatedAt)
	if err != nil {
		return err
	}
	m.ID = newID
	if err := setStaffPIN(tx, m.ID, hash); err != nil {
		return err
	}
	return s.audit(tx, "staff", m.ID, data.ActionCreate, nil, *m)
}

// updateStaff changes a staff member; the last active owner stays one.
func (s *Store) updateStaff(tx *dbx, m *data.Staff, hash string) error {
	var before data.Staff
	err := tx.QueryRow(`SELECT id, name, role, active, created_at FROM staff WHERE id = ?`, m.ID).
		Scan(&before.ID, &before.Name, &before.Role, &before.Active, &before.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Errorf(data.CodeNotFound, "staff.not_found", nil)
	} else if err != nil {
		return err
	}
	m.CreatedAt = before.CreatedAt
	if before.Role == data.RoleOwner && before.Active && (m.Role != data.RoleOwner || !m.Active) {
		// the active owners' rows are taken first (on a server), so two
		// counters demoting the last two owners at once cannot both succeed
		others := 0
		err := eachRow(tx.ctx, tx, `SELECT id FROM staff WHERE role = 'owner' AND active = 1 {{forupdate}}`, func(r rowsOf) error {
			var id int64
			err := r.Scan(&id)
			if id != m.ID {
				others++
			}
			return err
		})
		if err != nil {
			return err
		}
		if others == 0 {
			return &data.Error{Code: data.CodeConflict, Key: "staff.invalid", Fields: []data.FieldError{{Field: "role", Key: "staff.last_owner"}}}
		}
	}
	if _, err := tx.Exec(`UPDATE staff SET name = ?, role = ?, active = ? WHERE id = ?`, m.Name, m.Role, m.Active, m.ID); err != nil {
		return err
	}
	if err := setStaffPIN(tx, m.ID, hash); err != nil {
		return err
	}
	return s.audit(tx, "staff", m.ID, data.ActionUpdate, before, *m)
}

// setStaffPIN stores a new PIN's hash and lifts a lock; no hash, no change.
func setStaffPIN(tx *dbx, id int64, hash string) error {
	if hash == "" {
		return nil
	}
	_, err := tx.Exec(`UPDATE staff SET pin_hash = ?, pin_failures = 0, locked_until = '' WHERE id = ?`, hash, id)
	return err
}

// StaffList lists staff by name; former staff only when asked.
func (s *Store) StaffList(ctx context.Context, withInactive bool) ([]data.Staff, error) {
	q := `SELECT id, name, role, active, created_at, pin_hash <> '' FROM staff`
	if !withInactive {
		q += ` WHERE active = 1`
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY active DESC, lower(name)`)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	var out []data.Staff
	for rows.Next() {
		var m data.Staff
		if err := rows.Scan(&m.ID, &m.Name, &m.Role, &m.Active, &m.CreatedAt, &m.HasPIN); err != nil {
			return nil, internal(err)
		}
		out = append(out, m)
	}
	return out, internal(rows.Err())
}
