package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"studiopartner/data"
	"studiopartner/data/disk"
)

// A studio server's backup is written by PostgreSQL's own pg_dump, in its
// custom format, where pg_dump and pg_restore are installed and the login
// may create a database; else it is the program's own export, the studio
// moved into a new SQLite file. Either is checked before it is kept: the
// dump is restored into a scratch database made for the purpose, and
// every table there is compared, by its rows and a checksum the move's
// code computes, with the snapshot it was dumped from.

// scratchInfix names the scratch databases a dump is restored into; one
// left by a killed check is dropped by the next.
const scratchInfix = "_check_"

// pgTools finds pg_dump and pg_restore; both "" unless both are there.
func pgTools() (dump, restore string) {
	dump, errD := exec.LookPath("pg_dump")
	restore, errR := exec.LookPath("pg_restore")
	if errD != nil || errR != nil {
		return "", ""
	}
	return dump, restore
}

// dumps reports whether the server's backups are written by pg_dump.
func (s *Store) dumps(ctx context.Context) bool {
	if dump, _ := pgTools(); dump == "" || !s.OnServer() {
		return false
	}
	var may bool
	err := s.read.QueryRowContext(ctx, `SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&may)
	return err == nil && may
}

// toolLogin is what PostgreSQL's programs need to reach the database a
// server URL names (another database of the same server if db is set):
// the address without its password, and the password for PGPASSWORD.
func toolLogin(raw, db string) (address, password string, err error) {
	cfg, err := pgx.ParseConfig(strings.TrimSpace(raw))
	if err != nil {
		return "", "", err
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", "", err
	}
	u.User = url.User(cfg.User)
	if db != "" {
		u.Path = "/" + db
	}
	return u.String(), cfg.Password, nil
}

// runTool runs one of PostgreSQL's programs with the password in its
// environment; what it says on failure becomes the error.
func runTool(ctx context.Context, password, tool string, args ...string) error {
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Env = append(os.Environ(), "PGPASSWORD="+password, "PGCONNECT_TIMEOUT=10")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v: %s", tool, err, strings.TrimSpace(out.String()))
	}
	return nil
}

// dumpTo writes the studio with pg_dump into the staged file, from one
// snapshot whose tables it checks the dump against, and publishes it only
// when the dump, restored into a scratch database, holds every row.
func (s *Store) dumpTo(ctx context.Context, sf *disk.StagedFile) error {
	fail := func(err error) error {
		sf.Discard()
		return &data.Error{Code: data.CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": sf.Path()}, Err: err}
	}
	dump, restore := pgTools()
	address, password, err := toolLogin(s.conn, "")
	if err != nil {
		return fail(err)
	}
	conn, err := s.pool.Conn(ctx)
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	var snapshot, schema string
	if err := tx.QueryRowContext(ctx, `SELECT pg_export_snapshot(), current_schema()`).Scan(&snapshot, &schema); err != nil {
		return fail(err)
	}
	want, err := tableChecks(ctx, &dbx{raw: tx, ctx: ctx, d: s.d})
	if err != nil {
		return fail(err)
	}
	if err := runTool(ctx, password, dump, "--format=custom", "--snapshot="+snapshot, "--file="+sf.TempPath(),
		"--dbname="+address); err != nil {
		return fail(err)
	}
	tx.Rollback()
	if s.afterCopy != nil {
		s.afterCopy(sf.TempPath())
	}
	err = s.inScratch(ctx, func(db *sql.DB, name string) error {
		scratch, _, err := toolLogin(s.conn, name)
		if err != nil {
			return err
		}
		if err := runTool(ctx, password, restore, "--exit-on-error", "--clean", "--if-exists", "--no-owner", "--no-privileges",
			"--single-transaction", "--dbname="+scratch, sf.TempPath()); err != nil {
			return err
		}
		return compareChecks(ctx, db, schema, want)
	})
	if err != nil {
		sf.Discard()
		return &data.Error{Code: data.CodeInvalid, Key: "backup.unsound", Args: map[string]any{"Path": sf.Path()}, Err: err}
	}
	return sf.Publish()
}

// inScratch makes a scratch database on the store's server, hands it to
// fn (open, and by name) and drops it again, with any a killed check
// left behind.
func (s *Store) inScratch(ctx context.Context, fn func(db *sql.DB, name string) error) error {
	cfg, err := pgx.ParseConfig(strings.TrimSpace(s.conn))
	if err != nil {
		return err
	}
	base := cfg.Database
	if len(base) > 30 {
		base = base[:30]
	}
	s.dropScratch(ctx, base)
	name := fmt.Sprintf("%s%s%d", base, scratchInfix, time.Now().UnixNano())
	quoted := pgx.Identifier{name}.Sanitize()
	if _, err := s.db.ExecContext(ctx, `CREATE DATABASE `+quoted); err != nil {
		return err
	}
	defer s.db.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+quoted+` WITH (FORCE)`)
	other := cfg.Copy()
	other.Database = name
	other.RuntimeParams = map[string]string{}
	db := stdlib.OpenDB(*other)
	defer db.Close()
	return fn(db, name)
}

// dropScratch drops the scratch databases of checks begun over an hour
// ago: killed before they could drop their own.
func (s *Store) dropScratch(ctx context.Context, base string) {
	var names []string
	eachRow(ctx, plainSQL{s.db}, `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, func(r rowsOf) error {
		var n string
		err := r.Scan(&n)
		names = append(names, n)
		return err
	}, base+scratchInfix)
	for _, n := range names {
		var started int64
		if _, err := fmt.Sscanf(strings.TrimPrefix(n, base+scratchInfix), "%d", &started); err != nil ||
			time.Since(time.Unix(0, started)) < time.Hour {
			continue
		}
		s.db.ExecContext(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{n}.Sanitize()+` WITH (FORCE)`)
	}
}

// compareChecks compares every table a restore put into schema of db
// with the checks of the studio it came from.
func compareChecks(ctx context.Context, db *sql.DB, schema string, want []MoveCheck) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT set_config('search_path', $1, false)`, schema); err != nil {
		return err
	}
	got, err := tableChecks(ctx, &dbx{raw: conn, ctx: ctx, d: postgresDialect})
	if err != nil {
		return err
	}
	for i := range want {
		if got[i] != want[i] {
			return fmt.Errorf("table %s: %d rows restored of %d, or other values", want[i].Table, got[i].Rows, want[i].Rows)
		}
	}
	return nil
}

// tableChecks counts and sums every table a move copies, as it reads now.
func tableChecks(ctx context.Context, q *dbx) ([]MoveCheck, error) {
	out := make([]MoveCheck, len(movedTables))
	for i, t := range movedTables {
		cols, keys, err := tableLayout(ctx, q, t)
		if err != nil {
			return nil, err
		}
		out[i].Table = t
		if err := eachTableRow(ctx, q, t, cols, keys, &out[i], func([]any) error { return nil }); err != nil {
			return nil, err
		}
	}
	return out, nil
}
