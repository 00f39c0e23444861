package sqlstore

import (
	"database/sql"
	"strings"
)

// batchRows is how many rows one batched INSERT carries: a statement with
// a hundred VALUES groups costs SQLite little more than one with a single
// row, so bulk writes run several times faster than row by row.
const batchRows = 100

// rowBatch collects rows for one table and inserts them many at a time in
// the caller's transaction. Rows become visible when their batch is sent:
// call flush before reading them back, and before the transaction commits.
type rowBatch struct {
	tx       *dbx
	head     string // INSERT INTO t (a, b) VALUES
	tail     string // what follows the values, such as ON CONFLICT DO NOTHING
	cols     int
	full     *dbStmt // prepared on first use for a batch of batchRows
	args     []any
	affected int64 // rows the sent batches changed
}

func newRowBatch(tx *dbx, head, tail string, cols int) *rowBatch {
	return &rowBatch{tx: tx, head: head, tail: tail, cols: cols, args: make([]any, 0, cols*batchRows)}
}

// statement is the INSERT for n rows.
func (b *rowBatch) statement(n int) string {
	group := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	var sb strings.Builder
	sb.WriteString(b.head)
	for i := range n {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(group)
	}
	if b.tail != "" {
		sb.WriteString(" " + b.tail)
	}
	return sb.String()
}

// add queues one row of exactly cols values and sends a full batch.
func (b *rowBatch) add(values ...any) error {
	if len(values) != b.cols {
		panic("rowBatch: wrong number of values")
	}
	b.args = append(b.args, values...)
	if len(b.args) < b.cols*batchRows {
		return nil
	}
	if b.full == nil {
		st, err := b.tx.Prepare(b.statement(batchRows))
		if err != nil {
			return err
		}
		b.full = st
	}
	res, err := b.full.Exec(b.args...)
	return b.sent(res, err)
}

// flush sends the rows still queued.
func (b *rowBatch) flush() error {
	if len(b.args) == 0 {
		return nil
	}
	res, err := b.tx.Exec(b.statement(len(b.args)/b.cols), b.args...)
	return b.sent(res, err)
}

// flushLater sends the rows still queued as a statement whose answer
// nothing waits for (see dbx.later); affected does not count them.
func (b *rowBatch) flushLater() error {
	if len(b.args) == 0 {
		return nil
	}
	err := b.tx.later(b.statement(len(b.args)/b.cols), b.args...)
	b.args = make([]any, 0, cap(b.args)) // the queued statement keeps the old ones
	return err
}

func (b *rowBatch) sent(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	b.affected += n
	b.args = b.args[:0]
	return err
}

// close releases the prepared statement; queued rows are dropped.
func (b *rowBatch) close() {
	if b.full != nil {
		b.full.Close()
	}
}
