package sqlstore

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
	"studiopartner/data"
	"studiopartner/data/disk"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// Store is the studio's database. Each exported method runs in one
// transaction. It is safe for concurrent use.
type Store struct {
	db     *sql.DB  // the one writer connection
	pool   *sql.DB  // a pool for reads
	hot    *sql.DB  // a server's connections for the queries of every keystroke (queryHot); nil: the pool
	read   *dbx     // where reads go: the pool, or one read transaction (snapshot)
	snap   bool     // reads see one snapshot: derived values are not refreshed
	d      *dialect // the engine's forms
	path   string   // the database file; empty on a server
	server string   // the server's URL without its password; empty for a file
	conn   string   // the server's URL as given, to open it again; never shown

	unchecked bool // a server not on this computer, its certificate not checked

	// Now is the clock; tests replace it.
	Now func() time.Time

	// beforeCommit, if set, runs as the last step of every write; tests
	// make a commit fail with it.
	beforeCommit func() error

	mu    sync.Mutex
	actor int64     // the staff member recorded in the audit log; 0 = nobody signed in
	role  data.Role // what the store may do for them; see Role
	// branch is the branch of the counter the store works at, recorded
	// with every visit, payment, goodwill entry and document; '' = none
	branch string

	stmts sync.Map // prepared read statements by their SQL, for hot queries

	trips *atomic.Int64 // statements sent, with BEGIN and COMMIT (Trips)
	wire  *wireCounter  // a server's round trips, counted on its connections (RoundTrips)

	settings      map[string]string // a snapshot view's settings, read once (snapSetting)
	cacheSettings bool              // a view that reads its settings once though it is no snapshot
	settingsSeen  *atomic.Int64     // a view's last settings change seen: its writes refuse newer ones (SettingsAsSeen)

	lock *disk.FileLock // the shared lock that says the database is open

	reapplied []int64      // erasures applied again at opening, after a restore
	afterCopy func(string) // tests damage a backup's copy here
}

// ApplicationID marks a SQLite file as a Studio Partner database
// (PRAGMA application_id; "SPrt").
const ApplicationID = 0x53507274

// dsn builds the connection string: every pragma is set on every pooled
// connection (a PRAGMA sent with Exec reaches one connection only).
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	// temp_store keeps statement journals in memory: with upserts, every
	// insert in a transaction would otherwise write one to a temp file; a
	// 16 MiB page cache per connection spares re-reading pages in bulk work.
	for _, p := range []string{fmt.Sprintf("busy_timeout(%d)", disk.BusyTimeout.Milliseconds()), "journal_mode(WAL)",
		"foreign_keys(1)", "synchronous(FULL)", "temp_store(2)", "cache_size(-16384)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	if readOnly {
		q.Set("_txlock", "deferred")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// Exists reports whether a database file is at path.
func Exists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// Open opens the database at path, creating it (mode 0600) when missing or
// empty, and brings its schema up to date. A file that is not a Studio
// Partner database, or that a newer program wrote, is refused and left
// byte for byte as it was. A database already at the current schema is
// opened without taking a write lock.
func Open(path string) (*Store, error) {
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	// what killed backups, restores and demos left beside the database and its copies
	disk.SweepStaging(filepath.Dir(path))
	disk.SweepStaging(BackupDirOf(path))
	lock, err := disk.HoldShared(path)
	if err != nil {
		return nil, err
	}
	version, err := inspect(path)
	if err != nil {
		lock.Close()
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		lock.Close()
		return nil, &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBOpen, Args: map[string]any{"Path": path}, Err: err}
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		lock.Close()
		return nil, &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBOpen, Args: map[string]any{"Path": path}, Err: err}
	}
	r.SetMaxOpenConns(4)
	s := storeOver(w, r, sqliteDialect)
	s.path, s.lock = path, lock
	if version < len(migrations) {
		// a newer program's first start: keep the database as the old one left it
		keep := func() error {
			_, err := KeepCopy(path, BackupDirOf(path), disk.UpdatePrefix(path))
			return err
		}
		if err := s.migrate(context.Background(), len(migrations), keep); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.reapplyErasures(context.Background()); err != nil {
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
		return &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBFolderMissing, Args: map[string]any{"Path": path, "Folder": dir}}
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBNotWritable, Args: args}
	} else if errors.Is(err, os.ErrNotExist) && !disk.DirWritable(dir) {
		return &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBReadOnly, Args: map[string]any{"Path": path, "Folder": dir}}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		if !disk.DirWritable(dir) {
			return &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBReadOnly, Args: map[string]any{"Path": path, "Folder": dir}, Err: err}
		}
		return &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBNotWritable, Args: args, Err: err}
	}
	defer f.Close()
	if empty, err := checkHeader(f, path); err != nil || empty {
		return err
	}
	if !disk.DirWritable(dir) {
		return &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBReadOnly, Args: map[string]any{"Path": path, "Folder": dir}}
	}
	return nil
}

// checkHeader reads the first 100 bytes of the file: an empty file becomes
// a private database (empty is true), a file without SQLite's header is
// refused, and one shorter than a header is damaged.
func checkHeader(f *os.File, path string) (empty bool, err error) {
	args := map[string]any{"Path": path}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	switch {
	case n == 0 && (errors.Is(err, io.EOF) || err == nil):
		return true, internal(f.Chmod(0o600))
	case n >= len(disk.SqliteHeader) && bytes.Equal(head[:len(disk.SqliteHeader)], disk.SqliteHeader):
		if n < len(head) {
			return false, &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBDamaged, Args: args}
		}
		return false, nil
	default:
		return false, &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBNotSQLite, Args: args}
	}
}

// inspect reads, without changing a byte, which schema version the file
// holds: 0 for a new file. A file that is another program's (another
// application id, or tables without our migrations), damaged, locked by
// another program or newer than this program is refused.
func inspect(path string) (int, error) {
	args := map[string]any{"Path": path}
	ro, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&_pragma="+url.QueryEscape(
		fmt.Sprintf("busy_timeout(%d)", disk.BusyTimeout.Milliseconds())))
	if err != nil {
		return 0, &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBOpen, Args: args, Err: err}
	}
	defer ro.Close()
	var appID, tables int
	if err := ro.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		return 0, openProblem(path, err)
	}
	if err := ro.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).Scan(&tables); err != nil {
		return 0, openProblem(path, err)
	}
	if appID != 0 && appID != ApplicationID {
		return 0, &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBNotOurs, Args: args}
	}
	if tables == 0 {
		return 0, nil // a new database
	}
	var ours int
	if err := ro.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&ours); err != nil {
		return 0, openProblem(path, err)
	}
	if ours == 0 {
		return 0, &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBNotOurs, Args: args}
	}
	var first string
	if err := ro.QueryRow(`SELECT name FROM schema_migrations WHERE version = 1`).Scan(&first); err != nil || first != migrations[0].name {
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, openProblem(path, err)
		}
		return 0, &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBNotOurs, Args: args}
	}
	var v int
	if err := ro.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, openProblem(path, err)
	}
	if v > len(migrations) {
		return v, &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBTooNew, Args: map[string]any{"Path": path, "Version": v, "Known": len(migrations)}}
	}
	return v, nil
}

// openProblem names what stopped SQLite from reading a database file.
func openProblem(path string, err error) error {
	args := map[string]any{"Path": path}
	switch classify(err) {
	case errRetryable:
		return &data.Error{Code: data.CodeConflict, Key: disk.KeyDBLocked, Args: args, Err: err}
	case errCorrupt:
		return &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBDamaged, Args: args, Err: err}
	case errReadOnly:
		return &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBReadOnly, Args: map[string]any{"Path": path, "Folder": filepath.Dir(path)}, Err: err}
	}
	return &data.Error{Code: data.CodeInvalid, Key: disk.KeyDBOpen, Args: args, Err: err}
}

// isBusy reports whether err says another connection holds the lock.
func isBusy(err error) bool { return classify(err) == errRetryable }

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	err := errors.Join(s.pool.Close(), s.db.Close())
	if s.hot != nil {
		err = errors.Join(err, s.hot.Close())
	}
	s.lock.Close()
	s.lock = nil
	return err
}

// snapshot runs fn with a view of the store whose reads all happen in one
// read transaction: each sees the state of the view's first read, so a
// method that reads several tables never mixes two states of the
// database. The view must not write.
func (s *Store) snapshot(ctx context.Context, fn func(v *Store) error) error {
	if s.snap {
		return fn(s) // already inside one
	}
	if s.d.engine == enginePostgres {
		return s.piped(ctx, s.pool, pipeBeginSnapshot, func(x *dbx) error { return fn(s.snapshotView(x)) })
	}
	tx, err := s.readTx(ctx)
	if err != nil {
		return internal(err)
	}
	defer tx.raw.(*sql.Tx).Rollback()
	// the view's first read fixes the snapshot
	return fn(s.snapshotView(tx))
}

// snapshotView is a view of the store that reads through the snapshot tx.
func (s *Store) snapshotView(tx *dbx) *Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := &Store{db: s.db, pool: s.pool, read: tx, snap: true, d: s.d, path: s.path, server: s.server, Now: s.Now,
		actor: s.actor, role: s.role, branch: s.branch, trips: s.trips, wire: s.wire}
	if s.cacheSettings {
		// the settings a view just read (they change at the owner's hand,
		// not from one read to the next) are not read again
		v.settings = s.settings
	}
	return v
}

// AsOf is a view of the store whose clock stands still at at; it reads
// and writes as the store. The demo studio records its past collection
// runs through it, each on its day.
func (s *Store) AsOf(at time.Time) *Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &Store{db: s.db, pool: s.pool, hot: s.hot, read: s.read, d: s.d, path: s.path, server: s.server,
		Now: func() time.Time { return at }, actor: s.actor, role: s.role, branch: s.branch, trips: s.trips, wire: s.wire,
		beforeCommit: s.beforeCommit}
}

// settingsView is a view of the store that reads all settings once, at
// its first Setting, and serves them from there; it writes as the store.
func (s *Store) settingsView() *Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &Store{db: s.db, pool: s.pool, read: s.read, d: s.d, path: s.path, server: s.server, Now: s.Now,
		actor: s.actor, role: s.role, branch: s.branch, trips: s.trips, wire: s.wire, beforeCommit: s.beforeCommit, cacheSettings: true}
}

// queryHot runs a read query through a statement prepared once, for the
// queries that run on every keystroke.
func (s *Store) queryHot(ctx context.Context, query string, args ...any) (rowsOf, error) {
	if s.snap {
		return s.read.QueryContext(ctx, query, args...)
	}
	st, ok := s.stmts.Load(query)
	if !ok {
		pool := s.pool
		if s.hot != nil {
			pool = s.hot
		}
		prepared, err := pool.PrepareContext(ctx, s.d.sql(query))
		if err != nil {
			return nil, err
		}
		var loaded bool
		if st, loaded = s.stmts.LoadOrStore(query, prepared); loaded {
			prepared.Close()
		}
	}
	s.trips.Add(1)
	return st.(*sql.Stmt).QueryContext(ctx, s.d.args(args)...)
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
func (s *Store) Today() data.Date { return data.DateOf(s.Now()) }

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// storeOver is a store over a writer and a reading pool of one engine.
func storeOver(w, r *sql.DB, d *dialect) *Store {
	trips := new(atomic.Int64)
	return &Store{db: w, pool: r, read: &dbx{raw: r, ctx: context.Background(), d: d, trips: trips}, d: d,
		Now: time.Now, role: data.RoleOwner, trips: trips}
}

// Trips is how many statements the store has sent to the database so
// far, BEGIN and COMMIT included: each is a round trip to a server. The
// benchmarks count what one action at the counter costs.
func (s *Store) Trips() int64 { return s.trips.Load() }

// RoundTrips is how often the store has waited for a server's answer so
// far, counted on the connections themselves; on a file, where nothing
// travels, it is the statements sent (Trips).
func (s *Store) RoundTrips() int64 {
	if s.wire == nil {
		return s.Trips()
	}
	return s.wire.trips.Load()
}

// readTx begins a read-only transaction on the pool: one snapshot of the
// database until it ends (the caller rolls it back).
func (s *Store) readTx(ctx context.Context) (*dbx, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.d.engine == enginePostgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := s.pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	s.trips.Add(1) // BEGIN; the rollback that ends it goes with the next statement
	return &dbx{raw: tx, ctx: ctx, d: s.d, trips: s.trips}, nil
}

// writeAttempts is how often a write is tried on a server when the server
// rolled it back to be tried again (a deadlock between two counters, a
// serialisation failure); SQLite's writers wait for the lock instead.
const writeAttempts = 4

// write runs fn in one immediate transaction on the writer connection. On
// a server, a transaction the server rolled back to be tried again runs
// again from the start, a few times at most: fn must not leave anything
// behind outside the transaction (writeOnce is for those that do).
func (s *Store) write(ctx context.Context, fn func(tx *dbx) error) error {
	if s.settingsSeen != nil {
		return s.writeSeen(ctx, fn)
	}
	return s.writeTries(ctx, fn, writeAttempts)
}

// writeOnce is write without a second try, for a fn that writes outside
// the transaction (a document's file).
func (s *Store) writeOnce(ctx context.Context, fn func(tx *dbx) error) error {
	return s.writeTries(ctx, fn, 1)
}

func (s *Store) writeTries(ctx context.Context, fn func(tx *dbx) error, attempts int) error {
	for try := 1; ; try++ {
		err := s.writeTx(ctx, fn)
		if err == nil || try >= attempts || s.d.engine != enginePostgres || classify(err) != errRetryable {
			return err
		}
		// the other transaction is finishing: wait a moment, longer each time
		wait := time.Duration(try*try) * 15 * time.Millisecond
		select {
		case <-ctx.Done():
			return internal(ctx.Err())
		case <-time.After(wait):
		}
	}
}

// writeTx runs fn in one transaction, once. On a server it goes through a
// pipe: what fn writes without asking travels with its next question.
func (s *Store) writeTx(ctx context.Context, fn func(tx *dbx) error) error {
	if s.d.engine == enginePostgres {
		return s.piped(ctx, s.db, pipeBeginWrite, fn)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return internal(err)
	}
	defer tx.Rollback()
	s.trips.Add(2) // BEGIN and COMMIT
	if err := fn(&dbx{raw: tx, ctx: ctx, d: s.d, trips: s.trips}); err != nil {
		return err
	}
	if s.beforeCommit != nil {
		if err := s.beforeCommit(); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return internal(err)
	}
	return nil
}

// tryWrite runs fn like write, but only if the write lock is free right
// now: a read that keeps a derived value fresh never waits for another
// program's write. On a server it reads one snapshot, so it never writes
// back a value another counter changed meanwhile: it gives way, and the
// next look runs it again. It reports whether fn ran.
func (s *Store) tryWrite(ctx context.Context, fn func(tx *dbx) error) (bool, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, internal(err)
	}
	defer conn.Close()
	if s.d.engine == engineSQLite {
		if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
			return false, internal(err)
		}
		defer conn.ExecContext(context.Background(), fmt.Sprintf(`PRAGMA busy_timeout = %d`, disk.BusyTimeout.Milliseconds()))
	}
	var opts *sql.TxOptions
	if s.d.engine == enginePostgres {
		// a snapshot: a row another counter changed after it began is not
		// written over from it; the server refuses and the refresh gives way
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead}
	}
	tx, err := conn.BeginTx(ctx, opts)
	if isBusy(err) {
		return false, nil
	}
	if err != nil {
		return false, internal(err)
	}
	defer tx.Rollback()
	x := &dbx{raw: tx, ctx: ctx, d: s.d, trips: s.trips}
	if s.d.engine == enginePostgres { // a row another program holds is not waited for
		if _, err := x.Exec(`SET LOCAL lock_timeout = '50ms'`); err != nil {
			return false, internal(err)
		}
	}
	if err := fn(x); err != nil {
		if isBusy(err) {
			return false, nil
		}
		return false, err
	}
	if err := tx.Commit(); err != nil {
		if isBusy(err) {
			return false, nil
		}
		return false, internal(err)
	}
	return true, nil
}

func internal(err error) error {
	if err == nil {
		return nil
	}
	var e *data.Error
	if errors.As(err, &e) {
		return err
	}
	if isBusy(err) {
		return &data.Error{Code: data.CodeConflict, Key: disk.KeyDBBusy, Err: err}
	}
	switch classify(err) {
	case errCorrupt:
		return &data.Error{Code: data.CodeInvalid, Key: "db.corrupt", Err: err}
	case errDenied:
		return &data.Error{Code: data.CodeForbidden, Key: keyDenied, Err: err}
	case errUnreachable:
		return &data.Error{Code: data.CodeConflict, Key: keyServerGone, Err: err}
	}
	return &data.Error{Code: data.CodeInternal, Key: "error.internal", Err: err}
}

// CheckResult is the outcome of an integrity check.
type CheckResult struct {
	OK       bool
	Problems []string       // the database's own: integrity, references
	Findings []data.Finding // records that break a rule, to correct
	Version  int
}

// Check runs SQLite's integrity and foreign-key checks and lists the
// records that break a rule (see Finding).
//
// On a server, pages and references are the server's to keep (it never
// leaves a foreign key unchecked), so the check lists the records only.
func (s *Store) Check(ctx context.Context) (CheckResult, error) {
	var res CheckResult
	if s.OnServer() {
		return s.checkRecords(ctx, res)
	}
	err := eachRow(ctx, s.read, `PRAGMA integrity_check`, func(r rowsOf) error {
		var line string
		err := r.Scan(&line)
		if line != "ok" {
			res.Problems = append(res.Problems, line)
		}
		return err
	})
	if err != nil { // so damaged that the check itself stops: that is its finding
		res.Problems = append(res.Problems, err.Error())
		return res, nil
	}
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
	return s.checkRecords(ctx, res)
}

// checkRecords adds the schema version and the records that break a rule.
func (s *Store) checkRecords(ctx context.Context, res CheckResult) (CheckResult, error) {
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&res.Version); err != nil {
		return res, internal(err)
	}
	var err error
	if res.Findings, err = findings(ctx, s.read, s.Today()); err != nil {
		return res, internal(err)
	}
	res.OK = len(res.Problems) == 0 && len(res.Findings) == 0
	return res, nil
}

// CheckFile runs SQLite's integrity check on a database file that cannot
// be opened as a store (a damaged one), reading it without changing it,
// and returns the problems found.
func CheckFile(path string) ([]string, error) {
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return nil, internal(err)
	}
	defer db.Close()
	var problems []string
	err = eachRow(context.Background(), plainSQL{db}, `PRAGMA integrity_check`, func(r rowsOf) error {
		var line string
		err := r.Scan(&line)
		if line != "ok" {
			problems = append(problems, line)
		}
		return err
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	return problems, nil
}

// QuickCheck runs SQLite's quick check, the start-up test of a database;
// it returns the problems found (none when sound).
func (s *Store) QuickCheck(ctx context.Context) ([]string, error) {
	if s.OnServer() {
		return nil, nil // the server's pages are its own to keep
	}
	var problems []string
	err := eachRow(ctx, s.read, `PRAGMA quick_check`, func(r rowsOf) error {
		var line string
		err := r.Scan(&line)
		if line != "ok" {
			problems = append(problems, line)
		}
		return err
	})
	return problems, internal(err)
}
