package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema step: its SQL, and optionally Go code
// that runs after the SQL in the same transaction (for data only the
// program can compute, such as search terms).
type migration struct {
	name  string
	sql   string
	after func(tx *sql.Tx) error
}

// afterMigration holds the Go steps, by migration number.
var afterMigration = map[int]func(tx *sql.Tx) error{
	2:  rebuildClientSearch,
	12: resortClients,
	15: noticeFromAgreements,
}

var migrations = loadMigrations()

func loadMigrations() []migration {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err) // the pattern is a constant
	}
	sort.Strings(names)
	out := make([]migration, len(names))
	for i, n := range names {
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			panic(err) // embedded at build time
		}
		out[i] = migration{name: n, sql: string(b), after: afterMigration[i+1]}
	}
	return out
}

// SchemaVersion is the newest schema this program knows.
func SchemaVersion() int { return len(migrations) }

// migrate applies the migrations up to number upTo that the database has
// not seen yet, each in its own transaction.
func (s *Store) migrate(ctx context.Context, upTo int) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return internal(err)
	}
	for i := 0; i < upTo && i < len(migrations); i++ {
		version := i + 1
		m := migrations[i]
		err := s.write(ctx, func(tx *sql.Tx) error {
			var done int
			if err := tx.QueryRow(`SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&done); err != nil {
				return err
			}
			if done > 0 {
				return nil
			}
			if _, err := tx.Exec(m.sql); err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			if m.after != nil {
				if err := m.after(tx); err != nil {
					return fmt.Errorf("%s: %w", m.name, err)
				}
			}
			_, err := tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				version, m.name, stamp(s.now()))
			return err
		})
		if err != nil {
			return internal(err)
		}
	}
	return nil
}
