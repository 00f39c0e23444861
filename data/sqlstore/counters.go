package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"studiopartner/data"
)

// Numbers that are never given twice: the ids of records that are
// deleted when their retention ends (charges, payments, agreements,
// letters), the per-kind numbers of letters and the versions of the
// clauses per language come from a counter row (one writer at a time on a
// server too: the upsert holds the row),
// never from "the highest plus one", which gives a deleted record's
// number to the next one.

// counterFloor is the query for the highest number a counter's table
// holds now: an import may have brought numbers above the counter.
func counterFloor(name string) (string, []any, error) {
	switch name {
	case "charges", "payments", "agreements", "documents":
		return `SELECT coalesce(max(id), 0) FROM ` + name, nil, nil
	}
	for _, l := range data.Languages {
		if name == "clause_sets:"+l {
			return `SELECT coalesce(max(version), 0) FROM clause_sets WHERE language = ?`, []any{l}, nil
		}
	}
	for _, k := range data.DocumentKinds {
		if name == "documents:"+string(k) {
			return `SELECT coalesce(max(seq), 0) FROM documents WHERE kind = ?`, []any{string(k)}, nil
		}
	}
	return "", nil, fmt.Errorf("no counter %q", name)
}

// takeNumbers reserves n numbers of the counter name in the caller's
// transaction and returns the first; the others follow it.
func takeNumbers(tx *dbx, name string, n int64) (int64, error) {
	var first int64
	part, err := numbersPart(name, n, &first)
	if err != nil {
		return 0, err
	}
	return first, tx.readAll(part)
}

// numbersPart is takeNumbers as a part of several reads, into first.
func numbersPart(name string, n int64, first *int64) (readPart, error) {
	floor, args, err := counterFloor(name)
	if err != nil {
		return readPart{}, err
	}
	q := `INSERT INTO id_counters (name, last) VALUES (?, (` + floor + `) + ?)
		ON CONFLICT (name) DO UPDATE SET last = {{greatest}}(id_counters.last, (` + floor + `)) + ? RETURNING last`
	all := append(append(append([]any{name}, args...), n), args...)
	return readPart{query: q, args: append(all, n), row: func(r scanner) error {
		var last int64
		err := r.Scan(&last)
		*first = last - n + 1
		return err
	}}, nil
}

// takeNumber reserves one number of the counter name.
func takeNumber(tx *dbx, name string) (int64, error) { return takeNumbers(tx, name, 1) }

// numberBlock hands out the numbers of a counter one by one for a bulk
// write, reserving them a block at a time; the rest of the last block is
// left unused (a gap, never a number given twice).
type numberBlock struct {
	tx         *dbx
	name       string
	next, last int64
}

const numberBlockSize = 1000

func newNumberBlock(tx *dbx, name string) *numberBlock { return &numberBlock{tx: tx, name: name} }

// take returns the next number.
func (b *numberBlock) take() (int64, error) {
	if b.next == 0 || b.next > b.last {
		first, err := takeNumbers(b.tx, b.name, numberBlockSize)
		if err != nil {
			return 0, err
		}
		b.next, b.last = first, first+numberBlockSize-1
	}
	n := b.next
	b.next++
	return n, nil
}

// peekNumber is the number the counter name gives next, read without
// taking it: a document is drawn with it outside the write, which then
// takes the number only if it is still the next one (see issueNumbered).
func (s *Store) peekNumber(ctx context.Context, name string) (int64, error) {
	floor, args, err := counterFloor(name)
	if err != nil {
		return 0, err
	}
	var n int64
	err = s.read.QueryRowContext(ctx, `SELECT {{greatest}}(coalesce((SELECT last FROM id_counters WHERE name = ?), 0), (`+floor+`)) + 1`,
		append([]any{name}, args...)...).Scan(&n)
	return n, err
}

// errNumberMoved says another program took the number a document was
// drawn with; it is drawn again with the next.
var errNumberMoved = errors.New("the number was taken meanwhile")

// issueNumbered draws a numbered document outside any write (drawing a
// PDF takes a while; other writers must not wait for it), then keeps it
// in one write that takes the number, if it is still the next one (else
// it is drawn again with the next number, a few times at most).
func (s *Store) issueNumbered(ctx context.Context, counter string, draw func(n int64) error, keep func(tx *dbx, n int64) error) error {
	for range 5 {
		n, err := s.peekNumber(ctx, counter)
		if err != nil {
			return err
		}
		if err := draw(n); err != nil {
			return err
		}
		err = s.writeOnce(ctx, func(tx *dbx) error { // keep may write a file
			got, err := takeNumber(tx, counter)
			if err != nil {
				return err
			}
			if got != n {
				return errNumberMoved
			}
			return keep(tx, n)
		})
		if !errors.Is(err, errNumberMoved) {
			return err
		}
	}
	return data.Errorf(data.CodeConflict, "document.busy", nil)
}
