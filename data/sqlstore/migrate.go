package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema step: its SQL, and optionally Go code
// that runs after the SQL in the same transaction (for data only the
// program can compute, such as search terms).
type migration struct {
	name  string
	sql   string
	after func(tx *dbx) error
}

// afterMigration holds the Go steps, by migration number.
var afterMigration = map[int]func(tx *dbx) error{
	2:  rebuildClientSearch,
	12: resortClients,
	15: noticeFromAgreements,
}

var migrations = loadMigrations(migrationFS, "migrations", afterMigration)

// loadMigrations reads the numbered SQL files of dir in order, with the Go
// steps of after by number. Each is named "migrations/NAME" whatever the
// engine's folder, so both engines record the same names.
func loadMigrations(files fs.FS, dir string, after map[int]func(tx *dbx) error) []migration {
	names, err := fs.Glob(files, dir+"/*.sql")
	if err != nil {
		panic(err) // the pattern is a constant
	}
	sort.Strings(names)
	out := make([]migration, len(names))
	for i, n := range names {
		b, err := fs.ReadFile(files, n)
		if err != nil {
			panic(err) // embedded at build time
		}
		out[i] = migration{name: "migrations/" + strings.TrimPrefix(n, dir+"/"), sql: string(b), after: after[i+1]}
	}
	return out
}

// SchemaVersion is the newest schema this program knows.
func SchemaVersion() int { return len(migrations) }

// migrate applies the migrations up to number upTo that the database has
// not seen yet, all in one immediate transaction: a second program opening
// the same database at the same moment waits, and then finds it up to
// date (ten programs started at once on a new file make one database).
// Before the first migration of a database that had a schema, keep (if
// given) saves a copy of it as it was; a new database needs none.
func (s *Store) migrate(ctx context.Context, upTo int, keep func() error) error {
	return internal(s.write(ctx, func(tx *dbx) error {
		// in the transaction, so no other program sees a table without its migrations
		if _, err := tx.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
			return err
		}
		var have int
		if err := tx.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
			return err
		}
		if have >= upTo {
			return nil // another program was quicker
		}
		if have > 0 && keep != nil {
			if err := keep(); err != nil { // reads the last committed state, as the old program left it
				return err
			}
		}
		for i := have; i < upTo && i < len(migrations); i++ {
			if err := applyMigration(tx, i+1, migrations[i], stamp(s.now())); err != nil {
				return err
			}
		}
		if upTo < len(migrations) {
			return nil
		}
		// the kept values the law decides (void terms, the withdrawal
		// period) are computed with the newest schema's code, once every
		// migration has run
		return refreshContractLaw(tx)
	}))
}

// applyMigration runs one migration's SQL and Go step and records it.
func applyMigration(tx *dbx, version int, m migration, now string) error {
	if _, err := tx.Exec(m.sql); err != nil {
		return fmt.Errorf("%s: %w", m.name, err)
	}
	if m.after != nil {
		if err := m.after(tx); err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
	}
	_, err := tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, version, m.name, now)
	return err
}
