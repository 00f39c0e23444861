package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// Each kind of refusal is named from SQLite's own codes, with the
// message text out of play.
func TestErrorKindsFromTheEngine(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	exec := func(q string, args ...any) error {
		_, err := s.db.ExecContext(ctx, q, args...)
		return err
	}
	for _, x := range []struct {
		name string
		err  error
		want dbErrKind
	}{
		{"unique", exec(`INSERT INTO id_counters (name, last) VALUES ('charges', 1)`), errUnique},
		{"primary key", exec(`INSERT INTO settings (key, value) VALUES ('x', '1'), ('x', '2')`), errUnique},
		{"foreign key", exec(`INSERT INTO goodwill (client_id, given_on, category, description, value_cents, minutes, created_at, updated_at)
			VALUES (999999, '2026-11-01', 'makeup', 'x', 100, 0, '', '')`), errForeignKey},
		{"check", exec(`INSERT INTO id_counters (name, last) VALUES ('test', -1)`), errCheck},
		{"not null", exec(`INSERT INTO settings (key, value) VALUES ('y', NULL)`), errNotNull},
		{"nothing wrong", exec(`SELECT 1`), errOther},
	} {
		if got := classify(x.err); got != x.want {
			t.Errorf("%s: %v is kind %d, want %d", x.name, x.err, got, x.want)
		}
	}

	// a second program holds the write lock, and this one will not wait
	other, err := sql.Open("sqlite", dsn(s.Path(), false))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	hold, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	if _, err := hold.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`)
	_, busy := conn.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('z', '1')`)
	conn.ExecContext(ctx, `PRAGMA busy_timeout = 5000`)
	conn.Close()
	hold.ExecContext(ctx, `ROLLBACK`)
	if classify(busy) != errRetryable {
		t.Errorf("a held lock: %v is kind %d, want retryable", busy, classify(busy))
	}

	gone, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.read.QueryContext(gone, `SELECT 1`); classify(err) != errCanceled {
		t.Errorf("an ended context: %v is kind %d", err, classify(err))
	}

	junk := filepath.Join(tempDir(t), "junk.db")
	os.WriteFile(junk, []byte("this is not a database, only a long line of words to fill a page "+string(make([]byte, 8192))), 0o600)
	db, _ := sql.Open("sqlite", "file:"+junk)
	defer db.Close()
	if _, err := db.Exec(`SELECT count(*) FROM sqlite_master`); classify(err) != errCorrupt {
		t.Errorf("a file that is no database: %v is kind %d", err, classify(err))
	}
}

// PostgreSQL's SQLSTATE codes name the same kinds.
func TestErrorKindsFromPostgreSQLStates(t *testing.T) {
	for state, want := range map[string]dbErrKind{"23505": errUnique, "23503": errForeignKey, "23514": errCheck,
		"23502": errNotNull, "40001": errRetryable, "40P01": errRetryable, "55P03": errRetryable, "08006": errUnreachable,
		"57P01": errUnreachable, "25006": errReadOnly, "42P01": errOther} {
		if got := classify(pgState(state)); got != want {
			t.Errorf("SQLSTATE %s is kind %d, want %d", state, got, want)
		}
	}
}

// pgState is an error carrying a SQLSTATE, as the PostgreSQL driver's do.
type pgState string

func (e pgState) Error() string    { return "ERROR (SQLSTATE " + string(e) + ")" }
func (e pgState) SQLState() string { return string(e) }
