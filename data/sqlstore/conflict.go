package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"
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

// settingsLock is the advisory lock a server's settings saves take, one
// at a time ("SPsettng" in ASCII); SQLite's writer is one anyway.
const settingsLock = 0x5350736574746e67

// SettingsMark is the newest change to the settings the audit log has
// (0: none): what a screen of settings was read at.
func (s *Store) SettingsMark(ctx context.Context) (int64, error) {
	var last int64
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM audit_log WHERE table_name = 'settings'`).Scan(&last)
	return last, internal(err)
}

// SettingsAsSeen is a view of the store for a screen of settings read at
// *seen (SettingsMark): its writes are refused, saying who changed the
// settings and when, once another counter changed any since, and move
// *seen past the view's own.
func (s *Store) SettingsAsSeen(seen *atomic.Int64) *Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &Store{db: s.db, pool: s.pool, hot: s.hot, read: s.read, d: s.d, path: s.path, server: s.server, conn: s.conn,
		Now: s.Now, actor: s.actor, role: s.role, branch: s.branch, trips: s.trips, wire: s.wire, beforeCommit: s.beforeCommit,
		settingsSeen: seen}
}

// writeSeen is write for a SettingsAsSeen view.
func (s *Store) writeSeen(ctx context.Context, fn func(tx *dbx) error) error {
	err := s.writeTries(ctx, func(tx *dbx) error {
		if tx.d.engine == enginePostgres {
			if _, err := tx.Exec(`SELECT pg_advisory_xact_lock(?)`, int64(settingsLock)); err != nil {
				return err
			}
		}
		var last int64
		if err := tx.QueryRow(`SELECT coalesce(max(id), 0) FROM audit_log WHERE table_name = 'settings'`).Scan(&last); err != nil {
			return err
		}
		if last > s.settingsSeen.Load() {
			return s.changedRecord(tx, "settings", 0)
		}
		return fn(tx)
	}, writeAttempts)
	if err != nil {
		return err
	}
	if mark, err := s.SettingsMark(ctx); err == nil {
		s.settingsSeen.Store(mark)
	}
	return nil
}
