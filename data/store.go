// Package data holds the studio's domain types, their validation and the
// SQLite store. It knows nothing of windows, PDFs or translations.
package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// Store is the studio's database. Each exported method runs in one
// transaction. It is safe for concurrent use.
type Store struct {
	db   *sql.DB // the one writer connection
	read *sql.DB // a pool for reads
	path string

	// Now is the clock; tests replace it.
	Now func() time.Time

	mu    sync.Mutex
	actor int64 // the staff member recorded in the audit log; 0 = nobody signed in
	role  Role  // what the store may do for them; see Role

	stmts sync.Map // prepared read statements by their SQL, for hot queries

	lock *os.File // holds the shared lock that says the database is open
}

// Message keys for opening a database.
const (
	keyDBFolderMissing = "db.folder_missing"
	keyDBNotWritable   = "db.not_writable"
	keyDBNotSQLite     = "db.not_sqlite"
	keyDBTooNew        = "db.too_new"
	keyDBOpen          = "db.open_failed"
)

var sqliteHeader = []byte("SQLite format 3\x00")

// dsn builds the connection string: every pragma is set on every pooled
// connection (a PRAGMA sent with Exec reaches one connection only).
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	// temp_store keeps statement journals in memory: with triggers, every
	// insert in a transaction would otherwise write one to a temp file; a
	// 16 MiB page cache per connection spares re-reading pages in bulk work.
	for _, p := range []string{"busy_timeout(5000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(FULL)",
		"temp_store(2)", "cache_size(-16384)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	if readOnly {
		q.Set("mode", "ro")
		q.Set("_txlock", "deferred")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// Exists reports whether a database file is at path.
func Exists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// Open opens the database at path, creating it (mode 0600) when missing, and
// brings its schema up to date. A file that is not a SQLite database, or
// that a newer program wrote, is refused and left untouched.
func Open(path string) (*Store, error) {
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	if err := checkVersion(path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, &Error{Code: CodeInvalid, Key: keyDBOpen, Args: map[string]any{"Path": path}, Err: err}
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		w.Close()
		return nil, &Error{Code: CodeInvalid, Key: keyDBOpen, Args: map[string]any{"Path": path}, Err: err}
	}
	r.SetMaxOpenConns(4)
	s := &Store{db: w, read: r, path: path, Now: time.Now, lock: holdShared(path), role: RoleOwner}
	if err := s.migrate(context.Background(), len(migrations)); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// prepareFile checks the folder and the file before SQLite sees them, so
// each problem gets its own message.
func prepareFile(path string) error {
	args := map[string]any{"Path": path}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return &Error{Code: CodeInvalid, Key: keyDBFolderMissing, Args: map[string]any{"Path": path, "Folder": dir}}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return &Error{Code: CodeInvalid, Key: keyDBNotWritable, Args: args, Err: err}
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // a new, empty file becomes a database
	}
	if err != nil || !bytes.Equal(head, sqliteHeader) {
		return &Error{Code: CodeInvalid, Key: keyDBNotSQLite, Args: args}
	}
	return nil
}

// checkVersion refuses a database whose schema is newer than this program,
// reading it without changing a byte.
func checkVersion(path string) error {
	ro, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return &Error{Code: CodeInvalid, Key: keyDBOpen, Args: map[string]any{"Path": path}, Err: err}
	}
	defer ro.Close()
	var v int
	err = ro.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		var n int
		if ro.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&n) != nil {
			return &Error{Code: CodeInvalid, Key: keyDBNotSQLite, Args: map[string]any{"Path": path}}
		}
		return nil // no migrations table yet: a new or foreign-but-empty file
	}
	if v > len(migrations) {
		return &Error{Code: CodeInvalid, Key: keyDBTooNew, Args: map[string]any{"Path": path, "Version": v, "Known": len(migrations)}}
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	err := errors.Join(s.read.Close(), s.db.Close())
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
	return err
}

// queryHot runs a read query through a statement prepared once, for the
// queries that run on every keystroke.
func (s *Store) queryHot(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, ok := s.stmts.Load(query)
	if !ok {
		prepared, err := s.read.PrepareContext(ctx, query)
		if err != nil {
			return nil, err
		}
		var loaded bool
		if st, loaded = s.stmts.LoadOrStore(query, prepared); loaded {
			prepared.Close()
		}
	}
	return st.(*sql.Stmt).QueryContext(ctx, args...)
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// SetActor records who is at the counter; the audit log names them.
func (s *Store) SetActor(staffID int64) {
	s.mu.Lock()
	s.actor = staffID
	s.mu.Unlock()
}

// Actor returns the staff member the audit log currently names (0 = none).
func (s *Store) Actor() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.actor
}

// now returns the clock's time in UTC, truncated to seconds.
func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Second) }

// Today returns the local calendar day of the store's clock.
func (s *Store) Today() Date { return DateOf(s.Now()) }

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// write runs fn in one immediate transaction on the writer connection.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return internal(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return internal(err)
	}
	return nil
}

func internal(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Code: CodeInternal, Key: "error.internal", Err: err}
}

// CheckResult is the outcome of an integrity check.
type CheckResult struct {
	OK       bool
	Problems []string
	Version  int
}

// Check runs SQLite's integrity and foreign-key checks.
func (s *Store) Check(ctx context.Context) (CheckResult, error) {
	var res CheckResult
	rows, err := s.read.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return res, internal(err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return res, internal(err)
		}
		if line != "ok" {
			res.Problems = append(res.Problems, line)
		}
	}
	rows.Close()
	fk, err := s.read.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return res, internal(err)
	}
	for fk.Next() {
		var table, parent string
		var rowid, idx sql.NullInt64
		if err := fk.Scan(&table, &rowid, &parent, &idx); err != nil {
			fk.Close()
			return res, internal(err)
		}
		res.Problems = append(res.Problems, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid.Int64, parent))
	}
	fk.Close()
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&res.Version); err != nil {
		return res, internal(err)
	}
	res.OK = len(res.Problems) == 0
	return res, nil
}

// QuickCheck runs SQLite's quick check, the start-up test of a database;
// it returns the problems found (none when sound).
func (s *Store) QuickCheck(ctx context.Context) ([]string, error) {
	var problems []string
	err := eachRow(s.read, `PRAGMA quick_check`, func(r *sql.Rows) error {
		var line string
		err := r.Scan(&line)
		if line != "ok" {
			problems = append(problems, line)
		}
		return err
	})
	return problems, internal(err)
}
