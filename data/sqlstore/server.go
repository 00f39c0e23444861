package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"studiopartner/data"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Message keys for opening a database on a server.
const (
	keyServerMalformed   = "db.server.malformed"
	keyServerUnreachable = "db.server.unreachable"
	keyServerAuth        = "db.server.auth"
	keyServerNoDatabase  = "db.server.no_database"
	keyServerNotOurs     = "db.server.not_ours"
	keyServerTooNew      = "db.server.too_new"
	keyServerFailed      = "db.server.failed"
	keyServerNeedsOwner  = "db.server.needs_owner"
	keyServerInsecure    = "db.server.insecure"
	keyServerCertificate = "db.server.certificate"
	keyServerGone        = "db.server.gone"
)

// serverConnectTimeout is how long opening waits for a server that does
// not answer, unless the URL sets connect_timeout.
const serverConnectTimeout = 10 * time.Second

// IsServerURL reports whether --db names a database server
// (postgres://… or postgresql://…) rather than a SQLite file.
func IsServerURL(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// ShownURL is a server's URL as it may be shown: without its password.
// A file's path is returned as it is.
func ShownURL(raw string) string {
	if !IsServerURL(raw) {
		return raw
	}
	if u, err := url.Parse(strings.TrimSpace(raw)); err == nil {
		return u.Redacted()
	}
	return "postgres://…"
}

// OpenServer opens the studio's database on a PostgreSQL server and brings
// its schema up to date (one program at a time). The password comes from
// the URL, PGPASSWORD or ~/.pgpass. A malformed URL, a server that cannot
// be reached, a refused login, a missing database, a database holding
// another program's tables and one a newer program wrote each get their
// own message, and nothing is written.
func OpenServer(ctx context.Context, raw string) (*Store, error) {
	return openServerIn(ctx, raw, "", ServerOptions{})
}

// ServerOptions are what a window or a command adds to a server's address.
type ServerOptions struct {
	// Password gives the password when neither the address, PGPASSWORD
	// nor ~/.pgpass has one: from the computer's credential store, or as
	// typed. It may return "".
	Password func() string
	// AllowInsecure lets a server not on this computer be reached without
	// a checked certificate: the owner allowed it for this network.
	AllowInsecure bool
}

// OpenServerWith opens the studio's database on a server as OpenServer
// does, with what o adds.
func OpenServerWith(ctx context.Context, raw string, o ServerOptions) (*Store, error) {
	return openServerIn(ctx, raw, "", o)
}

// openServerIn opens the database with its tables in the named schema
// (a build's staging schema), or in the user's usual one if "".
func openServerIn(ctx context.Context, raw, schema string, o ServerOptions) (*Store, error) {
	shown := ShownURL(raw)
	args := map[string]any{"URL": shown}
	cfg, err := pgx.ParseConfig(strings.TrimSpace(raw))
	if err != nil {
		return nil, &data.Error{Code: data.CodeInvalid, Key: keyServerMalformed, Args: args, Err: errors.New("malformed URL")}
	}
	raw = o.login(raw, cfg)
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = serverConnectTimeout
	}
	if schema != "" { // new tables go there; extensions are found in public
		cfg.RuntimeParams["search_path"] = schema + ", public"
	}
	cfg.RuntimeParams["application_name"] = programName
	args["Database"], args["User"], args["Host"] = cfg.Database, cfg.User, cfg.Host
	if err := checkedConnection(raw, cfg, args, o.AllowInsecure); err != nil {
		return nil, err
	}
	wire := new(wireCounter)
	cfg.DialFunc = wire.dial
	w := stdlib.OpenDB(*cfg)
	w.SetMaxOpenConns(1) // one writer per program, as on the file
	r := stdlib.OpenDB(*cfg)
	r.SetMaxOpenConns(4)
	// The search runs on every keystroke with new words but the same
	// statements: planned once for any words (a generic plan), it answers
	// in half the time of one planned again for each.
	hotCfg := cfg.Copy()
	hotCfg.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
	hot := stdlib.OpenDB(*hotCfg)
	hot.SetMaxOpenConns(2)
	fail := func(err error) (*Store, error) {
		w.Close()
		r.Close()
		hot.Close()
		return nil, err
	}
	if err := w.PingContext(ctx); err != nil {
		return fail(serverProblem(args, err))
	}
	version, err := inspectServer(ctx, r, args)
	if err != nil {
		return fail(err)
	}
	if version < len(pgMigrations) {
		if _, err := migratePG(ctx, w); err != nil {
			return fail(serverProblem(args, err))
		}
	}
	s := storeOver(w, r, postgresDialect)
	s.server, s.conn, s.wire, s.hot = shown, raw, wire, hot
	s.unchecked = !data.LocalHost(cfg.Host) && (cfg.TLSConfig == nil || cfg.TLSConfig.InsecureSkipVerify)
	if err := s.followServerClock(ctx); err != nil {
		s.Close()
		return nil, serverProblem(args, err)
	}
	return s, nil
}

// EnvAllowInsecure names the servers (host names, separated by commas) a
// studio allows to be reached without a checked TLS connection, on a
// network it trusts.
const EnvAllowInsecure = "STUDIO_ALLOW_INSECURE"

// checkedConnection refuses a server that is not on this computer unless
// the connection is encrypted and the server's certificate checked
// (sslmode=verify-full), or the studio allowed that server without.
func checkedConnection(raw string, cfg *pgx.ConnConfig, args map[string]any, allowed bool) error {
	if data.LocalHost(cfg.Host) || allowed || InsecureAllowed(cfg.Host) {
		return nil
	}
	mode := os.Getenv("PGSSLMODE")
	if u, err := url.Parse(strings.TrimSpace(raw)); err == nil && u.Query().Get("sslmode") != "" {
		mode = u.Query().Get("sslmode")
	}
	if mode == "verify-full" {
		return nil
	}
	return &data.Error{Code: data.CodeInvalid, Key: keyServerInsecure, Args: args}
}

// InsecureAllowed reports whether the studio allowed host to be reached
// without a checked TLS connection (EnvAllowInsecure).
func InsecureAllowed(host string) bool {
	for _, h := range strings.Split(os.Getenv(EnvAllowInsecure), ",") {
		if h = strings.TrimSpace(h); h != "" && strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

// serverProblem names what stopped the server from opening the database.
func serverProblem(args map[string]any, err error) error {
	key := keyServerFailed
	switch classify(err) {
	case errUnreachable:
		key = keyServerUnreachable
	case errAuth:
		key = keyServerAuth
	case errNoDatabase:
		key = keyServerNoDatabase
	case errDenied:
		key = keyServerNeedsOwner
	case errCertificate:
		key = keyServerCertificate
	}
	a := map[string]any{"Detail": err.Error()}
	for k, v := range args {
		a[k] = v
	}
	return &data.Error{Code: data.CodeInvalid, Key: key, Args: a, Err: err}
}

// inspectServer reads, without changing anything, which schema version
// the database holds: 0 for an empty one. One holding tables without our
// migrations, or newer than this program, is refused.
func inspectServer(ctx context.Context, db *sql.DB, args map[string]any) (int, error) {
	var tables, ours int
	if err := db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE table_name = 'schema_migrations')
		FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&tables, &ours); err != nil {
		return 0, serverProblem(args, err)
	}
	if tables == 0 {
		return 0, nil
	}
	notOurs := &data.Error{Code: data.CodeInvalid, Key: keyServerNotOurs, Args: args}
	if ours == 0 {
		return 0, notOurs
	}
	var first string
	if err := db.QueryRowContext(ctx, `SELECT name FROM schema_migrations WHERE version = 1`).Scan(&first); err != nil || first != pgMigrations[0].name {
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, serverProblem(args, err)
		}
		return 0, notOurs
	}
	var v int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, serverProblem(args, err)
	}
	if v > len(pgMigrations) {
		a := map[string]any{"Version": v, "Known": len(pgMigrations)}
		for k, x := range args {
			a[k] = x
		}
		return v, &data.Error{Code: data.CodeInvalid, Key: keyServerTooNew, Args: a}
	}
	return v, nil
}

// login gives cfg the password o knows when the address, PGPASSWORD and
// ~/.pgpass had none, and returns the address with it: the feed's and the
// move's own connections log in alike.
func (o ServerOptions) login(raw string, cfg *pgx.ConnConfig) string {
	if cfg.Password != "" || o.Password == nil {
		return raw
	}
	pw := o.Password()
	if pw == "" {
		return raw
	}
	cfg.Password = pw
	return withPassword(raw, cfg.User, pw)
}

// withPassword puts the password into a postgres://… address.
func withPassword(raw, user, password string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	u.User = url.UserPassword(user, password)
	return u.String()
}

// Unchecked reports whether the store's server is not on this computer
// and its certificate was not checked: allowed for a trusted network.
func (s *Store) Unchecked() bool { return s.unchecked }

// OnServer reports whether the store is on a database server.
func (s *Store) OnServer() bool { return s.server != "" }

// Server returns the server's URL without its password, or "" for a file.
func (s *Store) Server() string { return s.server }

// buildSchemaPrefix names the schemas a build fills before they take the
// studio's place.
const buildSchemaPrefix = "studiopartner_build_"

// BuildServerDatabase makes a whole studio on a server in one go, as
// BuildDatabase does for a file: fill runs on a new schema of its own, whose
// tables take the place of the database's in one transaction only when
// fill succeeded; a failed build drops its schema, and one killed leaves a
// schema the next build clears. The database must hold no studio yet, or
// one without clients.
func BuildServerDatabase(ctx context.Context, raw string, fill func(s *Store) error) error {
	return buildServer(ctx, raw, false, fill)
}

// buildServer is BuildServerDatabase; replacing lets the new studio take
// the place of one with clients (a restore).
func buildServer(ctx context.Context, raw string, replacing bool, fill func(s *Store) error) error {
	target, err := OpenServer(ctx, raw)
	if err != nil {
		return err
	}
	defer target.Close()
	if n, err := target.CountClients(ctx); err != nil {
		return err
	} else if n > 0 && !replacing {
		return data.Errorf(data.CodeConflict, "demo.not_empty", map[string]any{"Count": n})
	}
	var home string
	if err := target.db.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&home); err != nil {
		return internal(err)
	}
	if err := dropBuilds(ctx, target.db); err != nil {
		return internal(err)
	}
	staging := fmt.Sprintf("%s%d", buildSchemaPrefix, time.Now().UnixNano())
	if _, err := target.db.ExecContext(ctx, `CREATE SCHEMA `+staging); err != nil {
		return internal(err)
	}
	drop := func() { target.db.ExecContext(context.Background(), `DROP SCHEMA IF EXISTS `+staging+` CASCADE`) }
	s, err := openServerIn(ctx, raw, staging, ServerOptions{})
	if err != nil {
		drop()
		return err
	}
	err = fill(s)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = swapSchema(ctx, target.db, staging, home)
	}
	if err == nil { // the planner's figures for tables filled at once
		_, err = target.db.ExecContext(ctx, `ANALYZE`)
	}
	if err != nil {
		drop()
		return internal(err)
	}
	return nil
}

// dropBuilds clears the schemas of builds that were killed (a build of
// the demo takes seconds to minutes: one begun over an hour ago is gone).
func dropBuilds(ctx context.Context, db *sql.DB) error {
	var names []string
	err := eachRow(ctx, plainSQL{db}, `SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, func(r rowsOf) error {
		var n string
		err := r.Scan(&n)
		names = append(names, n)
		return err
	}, buildSchemaPrefix+"%")
	if err != nil {
		return err
	}
	for _, n := range names {
		started, perr := strconv.ParseInt(strings.TrimPrefix(n, buildSchemaPrefix), 10, 64)
		if perr != nil || time.Since(time.Unix(0, started)) < time.Hour {
			continue
		}
		if _, err := db.ExecContext(ctx, `DROP SCHEMA `+n+` CASCADE`); err != nil {
			return err
		}
	}
	return nil
}

// swapSchema puts the tables and views of staging in home's place, in one
// transaction: other programs see the old studio or the new, never half.
func swapSchema(ctx context.Context, db *sql.DB, staging, home string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	list := func(schema string) (views, tables []string, err error) {
		err = eachRow(ctx, plainSQL{tx}, `SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
			func(r rowsOf) error {
				var name, kind string
				err := r.Scan(&name, &kind)
				if kind == "VIEW" {
					views = append(views, name)
				} else {
					tables = append(tables, name)
				}
				return err
			}, schema)
		return views, tables, err
	}
	oldViews, oldTables, err := list(home)
	if err != nil {
		return err
	}
	for _, v := range oldViews {
		if _, err := tx.ExecContext(ctx, `DROP VIEW IF EXISTS `+pgx.Identifier{home, v}.Sanitize()+` CASCADE`); err != nil {
			return err
		}
	}
	for _, t := range oldTables {
		if _, err := tx.ExecContext(ctx, `DROP TABLE IF EXISTS `+pgx.Identifier{home, t}.Sanitize()+` CASCADE`); err != nil {
			return err
		}
	}
	newViews, newTables, err := list(staging)
	if err != nil {
		return err
	}
	for _, t := range newTables {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+pgx.Identifier{staging, t}.Sanitize()+` SET SCHEMA `+pgx.Identifier{home}.Sanitize()); err != nil {
			return err
		}
	}
	for _, v := range newViews {
		if _, err := tx.ExecContext(ctx, `ALTER VIEW `+pgx.Identifier{staging, v}.Sanitize()+` SET SCHEMA `+pgx.Identifier{home}.Sanitize()); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DROP SCHEMA `+pgx.Identifier{staging}.Sanitize()+` CASCADE`); err != nil {
		return err
	}
	return tx.Commit()
}

// followServerClock sets the store's clock to the server's: every counter
// on one server then agrees on today, and on the order of what they
// write, whatever their own clocks say. Read once at opening; the
// difference is kept, not asked again.
func (s *Store) followServerClock(ctx context.Context) error {
	asked := time.Now()
	var server time.Time
	if err := s.pool.QueryRowContext(ctx, s.d.clockQuery()).Scan(&server); err != nil {
		return err
	}
	answered := time.Now()
	// the server read its clock about halfway through the round trip
	offset := server.Sub(asked.Add(answered.Sub(asked) / 2))
	s.Now = func() time.Time { return time.Now().Add(offset) }
	return nil
}
