package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strings"
	"time"
)

// PostgreSQL's migrations carry SQLite's numbers and names: a database of
// either engine at version N has the same tables, columns, keys and
// rules (a test compares them).
//
//go:embed migrations_pg/*.sql
var pgMigrationFS embed.FS

var pgMigrations = loadMigrations(pgMigrationFS, "migrations_pg", nil)

// pgMigrateLock is the advisory lock that lets one program at a time
// migrate a PostgreSQL database ("SPmigrat" in ASCII).
const pgMigrateLock = 0x53506d6967726174

// migratePG brings a PostgreSQL database to the newest schema in one
// transaction, holding an advisory lock so that programs starting at once
// migrate one after the other (the later finds nothing left to do). It
// returns the version the database was at.
func migratePG(ctx context.Context, db *sql.DB) (int, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(pgMigrateLock)); err != nil {
		return 0, err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, int64(pgMigrateLock))
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version BIGINT PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, applied_at TEXT COLLATE "C" NOT NULL)`); err != nil {
		return 0, err
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return 0, err
	}
	now := stamp(time.Now())
	for i := have; i < len(pgMigrations); i++ {
		m := pgMigrations[i]
		if hasStatements(m.sql) {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return have, fmt.Errorf("%s: %w", m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
			i+1, m.name, now); err != nil {
			return have, err
		}
	}
	return have, tx.Commit()
}

// hasStatements reports whether a migration holds more than comments.
func hasStatements(sqlText string) bool {
	for _, line := range strings.Split(sqlText, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "--") {
			return true
		}
	}
	return false
}
