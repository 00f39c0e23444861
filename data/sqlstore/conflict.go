package sqlstore

import (
	"database/sql"
	"errors"
	"time"

	"studiopartner/data"
)

// keyChanged is the message of a save refused because another counter
// changed the record since the form read it.
const keyChanged = "record.changed"

// unchangedSince refuses to save a record read when it was last changed
// at seen (its updated_at then) if it has been changed since (now last):
// another counter saved it meanwhile, and saving would overwrite that
// without anyone seeing it. The message says who changed it and when,
// from the audit log. A record given without seen (a command, an import)
// is not checked.
func (s *Store) unchangedSince(tx *dbx, table string, id int64, seen, last string) error {
	if seen == "" || seen == last {
		return nil
	}
	return s.changedRecord(tx, table, id)
}

// changedRecord is the refusal of a save over a record changed meanwhile,
// naming the last change the audit log has of it.
func (s *Store) changedRecord(tx *dbx, table string, id int64) error {
	var at, who string
	err := tx.QueryRow(`SELECT a.at, coalesce(m.name, '') FROM audit_log a LEFT JOIN staff m ON m.id = a.staff_id
		WHERE a.table_name = ? AND a.row_id = ? ORDER BY a.id DESC LIMIT 1`, table, id).Scan(&at, &who)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return changedBy(who, at, s.Today())
}

// changedBy is the refusal naming who changed the record at (RFC 3339):
// the time alone when that was today, else the day too.
func changedBy(who, at string, today data.Date) error {
	when := at
	if t, err := time.Parse(time.RFC3339, at); err == nil {
		local := t.In(time.Local)
		when = local.Format("15:04")
		if data.DateOf(local) != today {
			when = local.Format("02.01.2006 15:04")
		}
	}
	key := keyChanged
	if who == "" {
		key = keyChanged + "_anonymous"
	}
	return data.Errorf(data.CodeConflict, key, map[string]any{"Name": who, "Time": when})
}

// clausesChanged is the refusal of a wording edited from a version that
// is no longer the newest: another counter saved one meanwhile.
func (s *Store) clausesChanged(tx *dbx, language string) error {
	var at, who string
	err := tx.QueryRow(`SELECT cs.created_at, coalesce(m.name, '') FROM clause_sets cs LEFT JOIN staff m ON m.id = cs.created_by
		WHERE cs.language = ? ORDER BY cs.version DESC LIMIT 1`, language).Scan(&at, &who)
	if err != nil {
		return err
	}
	return changedBy(who, at, s.Today())
}
