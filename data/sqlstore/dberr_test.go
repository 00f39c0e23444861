package sqlstore

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// Each kind of refusal is named from SQLite's own codes, with the
// message text out of play.
func TestErrorKindsFromTheEngine(t *testing.T) {
	sqliteOnly(t, "SQLite's result codes (TestErrorKindsFromPostgreSQL reads the server's)")
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

// A real PostgreSQL server's refusals are named alike, from SQLSTATE.
func TestErrorKindsFromPostgreSQL(t *testing.T) {
	bothEngines(t)
	pgURL := pg.Need(t).Database(t)
	db, err := sql.Open("pgx", pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	exec := func(q string) error {
		_, err := db.ExecContext(ctx, q)
		return err
	}
	if err := exec(`CREATE TABLE parent (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, n BIGINT NOT NULL CHECK (n >= 0));
		CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL REFERENCES parent (id));
		INSERT INTO parent VALUES (1, 'a', 0)`); err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		name string
		err  error
		want dbErrKind
	}{
		{"unique", exec(`INSERT INTO parent VALUES (2, 'a', 0)`), errUnique},
		{"primary key", exec(`INSERT INTO parent VALUES (1, 'b', 0)`), errUnique},
		{"foreign key", exec(`INSERT INTO child VALUES (1, 99)`), errForeignKey},
		{"check", exec(`INSERT INTO parent VALUES (3, 'c', -1)`), errCheck},
		{"not null", exec(`INSERT INTO parent VALUES (4, NULL, 0)`), errNotNull},
		{"nothing wrong", exec(`SELECT 1`), errOther},
	} {
		if got := classify(x.err); got != x.want {
			t.Errorf("%s: %v is kind %d, want %d", x.name, x.err, got, x.want)
		}
	}

	// a row another connection holds, asked for without waiting
	holder, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	holder.ExecContext(ctx, `BEGIN`)
	holder.ExecContext(ctx, `SELECT * FROM parent WHERE id = 1 FOR UPDATE`)
	_, locked := db.ExecContext(ctx, `SELECT * FROM parent WHERE id = 1 FOR UPDATE NOWAIT`)
	holder.ExecContext(ctx, `ROLLBACK`)
	if classify(locked) != errRetryable {
		t.Errorf("a held row: %v is kind %d, want retryable", locked, classify(locked))
	}

	// a user the server does not know, a database it does not have
	for _, x := range []struct {
		change func(*url.URL)
		want   dbErrKind
	}{
		{func(u *url.URL) { u.User = url.User("nobody") }, errAuth},
		{func(u *url.URL) { u.Path = "/no_such_studio" }, errNoDatabase},
	} {
		u, _ := url.Parse(pgURL)
		x.change(u)
		other, err := sql.Open("pgx", u.String())
		if err != nil {
			t.Fatal(err)
		}
		err = other.PingContext(ctx)
		other.Close()
		if classify(err) != x.want {
			t.Errorf("%s: %v is kind %d, want %d", u.Redacted(), err, classify(err), x.want)
		}
	}

	// a server that is not there
	gone, err := sql.Open("pgx", "postgres://studio@127.0.0.1:1/nothing?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer gone.Close()
	if err := gone.PingContext(ctx); classify(err) != errUnreachable {
		t.Errorf("no server: %v is kind %d, want unreachable", err, classify(err))
	}
}
