package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgPipe is one transaction on a server spoken through pgx itself rather
// than database/sql, so that statements share round trips: a statement
// whose answer nothing waits for (BEGIN, a derived value, an audit row)
// stays in the queue and travels in one batch with the next statement
// that is answered, and COMMIT travels with the last of them. A counter
// on a network pays its delay once per answer, not once per statement.
type pgPipe struct {
	conn  *pgx.Conn
	queue []queued
	begun bool // the BEGIN has gone to the server: the transaction must end there
}

type queued struct {
	sql  string
	args []any
}

// piped runs fn in one transaction of a connection of db, begun with
// begin, through a pipe; it commits when fn succeeds and rolls back
// otherwise. A transaction that sent nothing sends nothing.
func (s *Store) piped(ctx context.Context, db *sql.DB, begin string, fn func(x *dbx) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		p := &pgPipe{conn: dc.(*stdlib.Conn).Conn()}
		p.later(begin)
		err := fn(&dbx{ctx: ctx, d: s.d, trips: s.trips, pipe: p})
		if err == nil && s.beforeCommit != nil && !p.readOnly(begin) {
			err = s.beforeCommit()
		}
		if err == nil {
			err = internal(p.commit(ctx, s, !p.readOnly(begin)))
		}
		if err != nil {
			return p.abandon(err)
		}
		return nil
	})
}

func (p *pgPipe) readOnly(begin string) bool { return begin == pipeBeginSnapshot }

// The beginnings of a pipe's transaction.
const (
	pipeBeginWrite    = `BEGIN`
	pipeBeginSnapshot = `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`
)

// later queues a statement whose answer nothing waits for; it reaches the
// server with the next statement that is answered, or with COMMIT. An
// error it meets comes back from there and fails the transaction.
func (p *pgPipe) later(query string, args ...any) {
	p.queue = append(p.queue, queued{sql: query, args: args})
}

// commit sends what is queued and COMMIT in one round trip; a write also
// notifies the counters that follow the changes (ChangeFeed), at its
// commit. A transaction that queued nothing after its BEGIN has nothing
// to send.
func (p *pgPipe) commit(ctx context.Context, s *Store, notify bool) error {
	if !p.begun && len(p.queue) <= 1 {
		p.queue = nil
		return nil
	}
	if notify {
		p.later(`SELECT pg_notify('` + changesChannel + `', '')`)
	}
	p.later(`COMMIT`)
	s.trips.Add(2) // BEGIN and COMMIT
	_, _, err := p.send(ctx, nil)
	if err == nil {
		p.begun = false
	}
	return err
}

// abandon ends a transaction that failed: what is queued is dropped and
// the server rolls back. A connection that cannot even do that is given
// up, so the pool never hands out a connection inside a transaction.
func (p *pgPipe) abandon(err error) error {
	p.queue = nil
	if !p.begun || p.conn.IsClosed() {
		if p.conn.IsClosed() {
			return errors.Join(err, driver.ErrBadConn)
		}
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, rerr := p.conn.Exec(ctx, `ROLLBACK`); rerr != nil {
		return errors.Join(err, driver.ErrBadConn)
	}
	return err
}

// exec sends the queue and one statement, and returns what it changed.
func (p *pgPipe) exec(ctx context.Context, query string, args []any) (sql.Result, error) {
	_, tag, err := p.send(ctx, []queued{{sql: query, args: args}})
	if err != nil {
		return nil, err
	}
	return pipeResult(tag.RowsAffected()), nil
}

// query sends the queue and one query, and returns its rows, read whole.
func (p *pgPipe) query(ctx context.Context, query string, args []any) (rowsOf, error) {
	rows, _, err := p.send(ctx, []queued{{sql: query, args: args}})
	if err != nil {
		return nil, err
	}
	return rows[0], nil
}

// send sends the queued statements and then the asked ones as one batch
// (one round trip once pgx knows the statements) and reads the answers
// to the asked ones, and the command tag of the last.
func (p *pgPipe) send(ctx context.Context, asked []queued) ([]*bufRows, pgconn.CommandTag, error) {
	var tag pgconn.CommandTag
	b := &pgx.Batch{}
	for _, q := range p.queue {
		b.Queue(q.sql, q.args...)
	}
	unanswered := len(p.queue)
	p.queue = p.queue[:0]
	for _, q := range asked {
		b.Queue(q.sql, q.args...)
	}
	if b.Len() == 0 {
		return nil, tag, nil
	}
	p.begun = true
	br := p.conn.SendBatch(ctx, b)
	fail := func(err error) ([]*bufRows, pgconn.CommandTag, error) {
		br.Close()
		return nil, tag, err
	}
	for range unanswered {
		if _, err := br.Exec(); err != nil {
			return fail(err)
		}
	}
	out := make([]*bufRows, len(asked))
	for i := range asked {
		rows, err := br.Query()
		if err != nil {
			return fail(err)
		}
		buf := &bufRows{}
		for rows.Next() {
			values, err := rows.Values()
			if err != nil {
				rows.Close()
				return fail(err)
			}
			buf.rows = append(buf.rows, values)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fail(err)
		}
		tag = rows.CommandTag()
		out[i] = buf
	}
	return out, tag, br.Close()
}

// pipeResult is what a statement of a pipe changed.
type pipeResult int64

func (r pipeResult) LastInsertId() (int64, error) {
	return 0, errors.New("no LastInsertId on a server: use RETURNING")
}

func (r pipeResult) RowsAffected() (int64, error) { return int64(r), nil }

// bufRows are a query's rows read whole from a pipe. Scan converts as
// database/sql does, so a reader scans the same on both paths.
type bufRows struct {
	rows [][]any
	i    int
}

func (r *bufRows) Next() bool {
	if r.i < len(r.rows) {
		r.i++
		return true
	}
	return false
}

func (r *bufRows) Scan(dest ...any) error {
	if r.i == 0 || r.i > len(r.rows) {
		return errors.New("sqlstore: Scan without a row")
	}
	row := r.rows[r.i-1]
	if len(dest) != len(row) {
		return fmt.Errorf("sqlstore: %d columns scanned into %d values", len(row), len(dest))
	}
	for j := range dest {
		if err := assign(dest[j], row[j]); err != nil {
			return fmt.Errorf("sqlstore: column %d: %w", j, err)
		}
	}
	return nil
}

func (r *bufRows) Err() error   { return nil }
func (r *bufRows) Close() error { return nil }

// firstRow is the first row of a query, as QueryRow gives it.
type firstRow struct {
	rows rowsOf
	err  error
}

func (r firstRow) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	if !r.rows.Next() {
		return sql.ErrNoRows
	}
	return r.rows.Scan(dest...)
}

// plain is a server's value in the forms database/sql hands a driver's:
// every integer as int64, every float as float64.
func plain(v any) any {
	switch x := v.(type) {
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case int8:
		return int64(x)
	case uint32:
		return int64(x)
	case float32:
		return float64(x)
	case pgtype.Numeric:
		if i, err := x.Int64Value(); err == nil && i.Valid {
			return i.Int64
		}
		if f, err := x.Float64Value(); err == nil && f.Valid {
			return f.Float64
		}
		return nil
	}
	return v
}

// assign stores the value v of a column in dest, converting as
// database/sql's Scan does for the kinds the store reads: integers,
// yes/no, text, bytes, floats, and Scanners.
func assign(dest, v any) error {
	v = plain(v)
	switch d := dest.(type) {
	case sql.Scanner:
		return d.Scan(v)
	case *any:
		*d = v
		return nil
	}
	rv := reflect.ValueOf(dest)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("destination not a pointer: %T", dest)
	}
	e := rv.Elem()
	if v == nil {
		switch e.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
			e.SetZero()
			return nil
		}
		return fmt.Errorf("converting NULL to %s is unsupported", e.Kind())
	}
	return assignValue(e, v, dest)
}

// assignValue stores v, not NULL, in the value e points to.
func assignValue(e reflect.Value, v, dest any) error {
	switch e.Kind() {
	case reflect.String:
		e.SetString(asText(v))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return assignInt(e, v)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(asText(v), 10, e.Type().Bits())
		if err != nil {
			return fmt.Errorf("converting %T to %s: %w", v, e.Kind(), err)
		}
		e.SetUint(u)
		return nil
	case reflect.Bool:
		b, err := driver.Bool.ConvertValue(v)
		if err != nil {
			return err
		}
		e.SetBool(b.(bool))
		return nil
	case reflect.Float32, reflect.Float64:
		return assignFloat(e, v)
	case reflect.Slice:
		if b, ok := v.([]byte); ok && e.Type().Elem().Kind() == reflect.Uint8 {
			e.SetBytes(append([]byte(nil), b...))
			return nil
		}
		if t, ok := v.(string); ok && e.Type().Elem().Kind() == reflect.Uint8 {
			e.SetBytes([]byte(t))
			return nil
		}
	}
	return fmt.Errorf("unsupported Scan, storing %T into %T", v, dest)
}

// asText is a value as database/sql writes it into a string.
func asText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

func assignInt(e reflect.Value, v any) error {
	i, ok := v.(int64)
	if !ok {
		var err error
		if i, err = strconv.ParseInt(asText(v), 10, e.Type().Bits()); err != nil {
			return fmt.Errorf("converting %T to %s: %w", v, e.Kind(), err)
		}
	}
	if e.OverflowInt(i) {
		return fmt.Errorf("value %d overflows %s", i, e.Kind())
	}
	e.SetInt(i)
	return nil
}

func assignFloat(e reflect.Value, v any) error {
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case int64:
		f = float64(x)
	default:
		var err error
		if f, err = strconv.ParseFloat(asText(v), e.Type().Bits()); err != nil {
			return fmt.Errorf("converting %T to %s: %w", v, e.Kind(), err)
		}
	}
	e.SetFloat(f)
	return nil
}

// later runs a statement whose answer nothing waits for: on a server's
// pipe it travels with the next statement that is answered, or with
// COMMIT (an error it meets fails the transaction there); elsewhere it
// runs at once.
func (x *dbx) later(query string, args ...any) error {
	if x.pipe == nil {
		_, err := x.Exec(query, args...)
		return err
	}
	x.sent(query)
	x.pipe.later(x.d.sql(query), x.d.args(args)...)
	return nil
}

// readPart is one query of several read together: row is called for each
// of its rows, and none, if set, when it gave none.
type readPart struct {
	query string
	args  []any
	row   func(r scanner) error
	none  func() error
}

// readAll runs the parts in order; on a server's pipe they travel
// together, with what is queued, in one round trip.
func (x *dbx) readAll(parts ...readPart) error { return x.readAllCtx(x.ctx, parts...) }

// readAllCtx is readAll under ctx.
func (x *dbx) readAllCtx(ctx context.Context, parts ...readPart) error {
	if x.pipe == nil {
		for _, p := range parts {
			n := 0
			err := eachRow(ctx, x, p.query, func(r rowsOf) error {
				n++
				return p.row(r)
			}, p.args...)
			if err != nil {
				return err
			}
			if n == 0 && p.none != nil {
				if err := p.none(); err != nil {
					return err
				}
			}
		}
		return nil
	}
	asked := make([]queued, len(parts))
	for i, p := range parts {
		x.sent(p.query)
		asked[i] = queued{sql: x.d.sql(p.query), args: x.d.args(p.args)}
	}
	answers, _, err := x.pipe.send(ctx, asked)
	if err != nil {
		return err
	}
	for i, p := range parts {
		rows := answers[i]
		for rows.Next() {
			if err := p.row(rows); err != nil {
				return err
			}
		}
		if len(rows.rows) == 0 && p.none != nil {
			if err := p.none(); err != nil {
				return err
			}
		}
	}
	return nil
}
