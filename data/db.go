package data

import (
	"context"
	"database/sql"
	"strings"
	"sync"
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
	ctx context.Context
	d   *dialect
}

// Exec runs a statement under the transaction's context.
func (x *dbx) Exec(query string, args ...any) (sql.Result, error) {
	return x.ExecContext(x.ctx, query, args...)
}

// Query runs a query under the transaction's context.
func (x *dbx) Query(query string, args ...any) (*sql.Rows, error) {
	return x.QueryContext(x.ctx, query, args...)
}

// QueryRow runs a query for one row under the transaction's context.
func (x *dbx) QueryRow(query string, args ...any) *sql.Row {
	return x.QueryRowContext(x.ctx, query, args...)
}

// Prepare prepares a statement for repeated use in the transaction.
func (x *dbx) Prepare(query string) (*sql.Stmt, error) {
	return x.raw.PrepareContext(x.ctx, x.d.sql(query))
}

// ExecContext runs a statement.
func (x *dbx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return x.raw.ExecContext(ctx, x.d.sql(query), args...)
}

// QueryContext runs a query.
func (x *dbx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return x.raw.QueryContext(ctx, x.d.sql(query), args...)
}

// QueryRowContext runs a query for one row.
func (x *dbx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return x.raw.QueryRowContext(ctx, x.d.sql(query), args...)
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
//	{{nocase}}       a comparison that ignores case (COLLATE NOCASE; lower() on PostgreSQL is written by the query)
//
// Each query is translated once and remembered.
type dialect struct {
	engine engine
	cache  sync.Map // query as written → query as sent
}

var (
	sqliteDialect   = &dialect{engine: engineSQLite}
	postgresDialect = &dialect{engine: enginePostgres}
)

// sql returns query in the engine's form.
func (d *dialect) sql(query string) string {
	if d.engine == engineSQLite && !strings.Contains(query, "{{") {
		return query
	}
	if q, ok := d.cache.Load(query); ok {
		return q.(string)
	}
	q := d.translate(query)
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
			b.WriteString(itoa(n))
		case c == '{' && strings.HasPrefix(query[i:], "{{"):
			end := strings.Index(query[i:], "}}")
			if end < 0 {
				panic("data: unclosed marker in " + query) // a constant written wrong
			}
			b.WriteString(d.marker(query[i+2 : i+end]))
			i += end + 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// marker returns one marker's text for the engine.
func (d *dialect) marker(m string) string {
	name, arg, _ := strings.Cut(m, ":")
	pg := d.engine == enginePostgres
	switch name {
	case "indexed":
		if pg {
			return ""
		}
		return "INDEXED BY " + arg
	case "nocase":
		if pg {
			return ""
		}
		return "COLLATE NOCASE"
	}
	panic("data: unknown marker {{" + m + "}}") // a constant written wrong
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
