package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"studiopartner/data"
	"sync"
	"sync/atomic"
)

// dbx is the one way the store talks to a database: a connection pool, a
// read transaction or a write transaction of either engine. Every query
// runs under a context (the one the transaction was begun with, when the
// call names none) and is written once, with "?" placeholders, in the SQL
// both engines understand; the dialect turns it into the engine's form.
type dbx struct {
	raw interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
		QueryRowContext(context.Context, string, ...any) *sql.Row
		PrepareContext(context.Context, string) (*sql.Stmt, error)
	}
	ctx   context.Context
	d     *dialect
	trips *atomic.Int64 // statements sent, with BEGIN and COMMIT; see Store.Trips

	// pipe, if set, is a server transaction whose statements go through
	// pgx itself: statements that need no answer wait and travel with the
	// next one that does (see pgPipe), instead of each making a round trip.
	pipe *pgPipe
}

// rowsOf is what a query gives: the rows of a database/sql query, or a
// server's rows read whole from a pipeline.
type rowsOf interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

// oneRow is one row of a query; its Scan says sql.ErrNoRows when there
// was none.
type oneRow interface{ Scan(dest ...any) error }

// sent counts one statement sent to the database.
func (x *dbx) sent(query string) {
	if x.trips != nil {
		x.trips.Add(1)
	}
	if sentHook != nil {
		sentHook(query)
	}
}

// sentHook, if set, sees every statement a transaction or the pool sends
// (tests list what an action sent).
var sentHook func(query string)

// Exec runs a statement under the transaction's context.
func (x *dbx) Exec(query string, args ...any) (sql.Result, error) {
	return x.ExecContext(x.ctx, query, args...)
}

// Query runs a query under the transaction's context.
func (x *dbx) Query(query string, args ...any) (rowsOf, error) {
	return x.QueryContext(x.ctx, query, args...)
}

// QueryRow runs a query for one row under the transaction's context.
func (x *dbx) QueryRow(query string, args ...any) oneRow {
	return x.QueryRowContext(x.ctx, query, args...)
}

// Prepare prepares a statement for repeated use in the transaction. In a
// pipeline pgx prepares and keeps each statement itself, so the query is
// only remembered.
func (x *dbx) Prepare(query string) (*dbStmt, error) {
	if x.pipe != nil {
		return &dbStmt{ctx: x.ctx, d: x.d, x: x, query: query}, nil
	}
	x.sent(query)
	st, err := x.raw.PrepareContext(x.ctx, x.d.sql(query))
	if err != nil {
		return nil, err
	}
	return &dbStmt{st: st, ctx: x.ctx, d: x.d, x: x, query: query}, nil
}

// ExecContext runs a statement.
func (x *dbx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	x.sent(query)
	if x.pipe != nil {
		return x.pipe.exec(ctx, x.d.sql(query), x.d.args(args))
	}
	return x.raw.ExecContext(ctx, x.d.sql(query), x.d.args(args)...)
}

// QueryContext runs a query.
func (x *dbx) QueryContext(ctx context.Context, query string, args ...any) (rowsOf, error) {
	x.sent(query)
	if x.pipe != nil {
		return x.pipe.query(ctx, x.d.sql(query), x.d.args(args))
	}
	return x.raw.QueryContext(ctx, x.d.sql(query), x.d.args(args)...)
}

// QueryRowContext runs a query for one row.
func (x *dbx) QueryRowContext(ctx context.Context, query string, args ...any) oneRow {
	x.sent(query)
	if x.pipe != nil {
		rows, err := x.pipe.query(ctx, x.d.sql(query), x.d.args(args))
		return firstRow{rows: rows, err: err}
	}
	return x.raw.QueryRowContext(ctx, x.d.sql(query), x.d.args(args)...)
}

// dbStmt is a prepared statement of a transaction.
type dbStmt struct {
	st  *sql.Stmt
	ctx context.Context
	d   *dialect
	x   *dbx // the transaction, which counts what is sent

	query string
}

// Exec runs the statement with args.
func (s *dbStmt) Exec(args ...any) (sql.Result, error) {
	if s.st == nil {
		return s.x.Exec(s.query, args...)
	}
	s.x.sent(s.query)
	return s.st.ExecContext(s.ctx, s.d.args(args)...)
}

// QueryRow runs the statement for one row.
func (s *dbStmt) QueryRow(args ...any) oneRow {
	if s.st == nil {
		return s.x.QueryRow(s.query, args...)
	}
	s.x.sent(s.query)
	return s.st.QueryRowContext(s.ctx, s.d.args(args)...)
}

// QueryContext runs the statement as a query.
func (s *dbStmt) QueryContext(ctx context.Context, args ...any) (rowsOf, error) {
	if s.st == nil {
		return s.x.QueryContext(ctx, s.query, args...)
	}
	s.x.sent(s.query)
	return s.st.QueryContext(ctx, s.d.args(args)...)
}

// Close releases the statement.
func (s *dbStmt) Close() error {
	if s.st == nil {
		return nil
	}
	return s.st.Close()
}

// insertID runs an INSERT of one row and returns the id the database gave
// it (RETURNING works on both engines; LastInsertId on SQLite only).
func (x *dbx) insertID(query string, args ...any) (int64, error) {
	var id int64
	err := x.QueryRow(query+` RETURNING id`, args...).Scan(&id)
	return id, err
}

// engine names a database engine.
type engine int

const (
	engineSQLite engine = iota
	enginePostgres
)

// dialect is what differs between the engines, kept in one place: the
// placeholders, and the few forms written as {{name}} or {{name:arg}}
// markers in a query:
//
//	{{indexed:IDX}}  SQLite's index hint; nothing on PostgreSQL
//	{{greatest}}     the larger of two values (two-argument max; greatest on PostgreSQL)
//	{{least}}        the smaller of two values (two-argument min; least on PostgreSQL)
//	{{hex:COL}}      a column of bytes as upper-case hex digits
//	{{unhex}}        hex digits (the next placeholder) back to bytes
//	{{newid:TABLE}}  an id placeholder: the given id, or the table's next if NULL
//	{{forupdate}}    lock the rows read until the transaction ends (PostgreSQL)
//	{{instr}}        the position of a text in another (instr; strpos on PostgreSQL)
//
// On PostgreSQL every sum(…) is also cast to BIGINT: its sum of BIGINT is
// NUMERIC, while the program's money and counts are 64-bit integers on
// both engines (SQLite's sum of integers is one, or fails on overflow).
// The server's clock is read with clockQuery when a server opens, so
// every counter's "today" is the server's.
//
// Each query is translated once and remembered.
type dialect struct {
	engine engine
	// searchTable: the contains-search has a table of its own (SQLite's
	// FTS5 trigram table client_fts); PostgreSQL indexes the clients'
	// search_text column with pg_trgm instead.
	searchTable bool
	cache       sync.Map // query as written → query as sent
}

var (
	sqliteDialect   = &dialect{engine: engineSQLite, searchTable: true}
	postgresDialect = &dialect{engine: enginePostgres}
)

// deferForeignKeys is the statement that lets a transaction break its
// references until it commits (an import's rows come in any order).
func (d *dialect) deferForeignKeys() string {
	if d.engine == enginePostgres {
		return `SET CONSTRAINTS ALL DEFERRED`
	}
	return `PRAGMA defer_foreign_keys = ON`
}

// args returns the arguments in the forms the engine takes: a yes/no is
// stored as 1 or 0 on both engines (SQLite has no boolean type), and
// PostgreSQL's driver does not write a bool into an integer column.
func (d *dialect) args(args []any) []any {
	if d.engine != enginePostgres {
		return args
	}
	copied := false
	for i, a := range args {
		if b, ok := a.(bool); ok {
			if !copied { // the caller's slice stays as it was
				args, copied = append([]any(nil), args...), true
			}
			args[i] = boolInt(b)
		}
	}
	return args
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// sql returns query in the engine's form.
func (d *dialect) sql(query string) string {
	if d.engine == engineSQLite && !strings.Contains(query, "{{") {
		return query
	}
	if q, ok := d.cache.Load(query); ok {
		return q.(string)
	}
	q := d.translate(query)
	if d.engine == enginePostgres {
		q = castSums(q)
	}
	d.cache.Store(query, q)
	return q
}

// translate expands the markers and, on PostgreSQL, numbers the
// placeholders ($1, $2, …), leaving quoted text and identifiers alone.
func (d *dialect) translate(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(query[i+1:], c)
			if end < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+end+2])
			i += end + 1
		case c == '?' && d.engine == enginePostgres:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		case c == '{' && strings.HasPrefix(query[i:], "{{"):
			end := strings.Index(query[i:], "}}")
			if end < 0 {
				panic("data: unclosed marker in " + query) // a constant written wrong
			}
			for _, r := range d.marker(query[i+2 : i+end]) { // a marker may hold placeholders too
				if r == '?' && d.engine == enginePostgres {
					n++
					b.WriteString("$" + strconv.Itoa(n))
				} else {
					b.WriteRune(r)
				}
			}
			i += end + 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// clockQuery reads the database's clock.
func (d *dialect) clockQuery() string {
	if d.engine == enginePostgres {
		return `SELECT now()`
	}
	return `SELECT CURRENT_TIMESTAMP`
}

// castSums wraps every sum(…) of query, with its window (OVER w or
// OVER (…)) if it has one, in CAST(… AS BIGINT). Quoted text is left
// alone.
func castSums(query string) string {
	var b strings.Builder
	for i := 0; i < len(query); i++ {
		c := query[i]
		if c == '\'' || c == '"' {
			end := strings.IndexByte(query[i+1:], c)
			if end < 0 {
				b.WriteString(query[i:])
				break
			}
			b.WriteString(query[i : i+end+2])
			i += end + 1
			continue
		}
		if isSumAt(query, i) {
			end := closingParen(query, i+3)
			end = windowEnd(query, end)
			b.WriteString("CAST(" + query[i:i+3] + castSums(query[i+3:end]) + " AS BIGINT)")
			i = end - 1
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// isSumAt reports whether query calls sum( at i.
func isSumAt(q string, i int) bool {
	if len(q) < i+4 || !strings.EqualFold(q[i:i+3], "sum") || q[i+3] != '(' {
		return false
	}
	return i == 0 || !isWordByte(q[i-1])
}

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// closingParen is the index just past the parenthesis that closes the one
// at open, quoted text skipped.
func closingParen(q string, open int) int {
	depth := 0
	for i := open; i < len(q); i++ {
		switch q[i] {
		case '\'', '"':
			if end := strings.IndexByte(q[i+1:], q[i]); end >= 0 {
				i += end + 1
			}
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(q)
}

// windowEnd extends an aggregate ending at end by its OVER clause.
func windowEnd(q string, end int) int {
	rest := strings.TrimLeft(q[end:], " \t\n")
	if len(rest) < 5 || !strings.EqualFold(rest[:4], "over") || isWordByte(rest[4]) {
		return end
	}
	at := len(q) - len(rest) + 4
	after := strings.TrimLeft(q[at:], " \t\n")
	at = len(q) - len(after)
	if strings.HasPrefix(after, "(") {
		return closingParen(q, at)
	}
	for at < len(q) && isWordByte(q[at]) {
		at++
	}
	return at
}

// markers are each marker's text per engine (SQLite, PostgreSQL); ARG
// stands for the marker's argument.
var markers = map[string][2]string{
	"indexed":  {"INDEXED BY ARG", ""},
	"greatest": {"max", "greatest"},
	"least":    {"min", "least"},
	"hex":      {"hex(ARG)", "upper(encode(ARG, 'hex'))"},
	"unhex":    {"unhex(?)", "decode(?, 'hex')"},
	// an INTEGER PRIMARY KEY given NULL draws the next id on SQLite
	"newid": {"?", "coalesce(?, nextval(pg_get_serial_sequence('ARG', 'id')))"},
	"instr": {"instr", "strpos"},
	// a row lock; SQLite's write transaction holds the whole database
	"forupdate": {"", "FOR UPDATE"},
}

// marker returns one marker's text for the engine.
func (d *dialect) marker(m string) string {
	name, arg, _ := strings.Cut(m, ":")
	forms, ok := markers[name]
	if !ok {
		panic("data: unknown marker {{" + m + "}}") // a constant written wrong
	}
	form := forms[0]
	if d.engine == enginePostgres {
		form = forms[1]
	}
	return strings.ReplaceAll(form, "ARG", arg)
}

// lockedClient reads the client and, on a server, takes their row for the
// rest of the transaction in the same statement (see lockClient).
func lockedClient(tx *dbx, id int64) (data.Client, error) {
	var c data.Client
	err := tx.readAll(lockedClientPart(id, &c))
	return c, err
}

// lockedClientPart is lockedClient as a part of several reads, into c;
// the parts after it read once the row is held.
func lockedClientPart(id int64, c *data.Client) readPart {
	return readPart{query: `SELECT ` + clientColumns + ` FROM clients WHERE id = ? {{forupdate}}`, args: []any{id},
		row: func(r scanner) (err error) {
			*c, err = scanClient(r)
			return err
		},
		none: func() error { return data.Errorf(data.CodeNotFound, "client.not_found", map[string]any{"ID": id}) }}
}

// lockClient takes the client's row for the rest of the transaction: money
// and visit writes of one client at two counters go one after the other,
// the second seeing what the first wrote. On SQLite the write transaction
// already holds the whole database.
func lockClient(tx *dbx, clientID int64) error {
	if tx.d.engine != enginePostgres {
		return nil
	}
	_, err := tx.Exec(`SELECT id FROM clients WHERE id = ? {{forupdate}}`, clientID)
	return err
}

// plainSQL runs queries as written on a database/sql handle, for the few
// reads made before a store exists (written in the engine's own form).
type plainSQL struct {
	q interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	}
}

// QueryContext runs a query.
func (p plainSQL) QueryContext(ctx context.Context, query string, args ...any) (rowsOf, error) {
	rows, err := p.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return rows, nil
}
