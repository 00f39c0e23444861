package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"os"
	"slices"
	"strings"

	"studiopartner/data"

	"github.com/jackc/pgx/v5"
)

// A studio moves between the engines whole: every table is copied in key
// order from one snapshot of the studio into a new database, in one
// transaction, the ids' sequences are set past what was copied, and then
// every table is compared by its number of rows and a checksum that the
// same code computes on both sides. The new database takes its place only
// when all of it matched (BuildDatabase, BuildServerDatabase): a move that
// fails or is killed leaves the target as it was, and the studio it came
// from is only read.

// movedTables are the tables a move copies, parents first. schema_migrations
// is each database's own, and SQLite's full-text table is filled from the
// clients' search text.
var movedTables = []string{
	"staff", "clients", "services", "contracts", "mandates", "contract_prices", "contract_pauses", "charges", "payments",
	"demands", "demand_steps", "goodwill", "owed", "debit_runs", "debits", "visits", "clause_sets", "agreements", "documents", "prenotices",
	"settings", "id_counters", "audit_log", "client_terms", "goodwill_sums", "payment_months", "visit_months",
}

// MoveCheck is one table of a move, as both sides agreed on it.
type MoveCheck struct {
	Table string
	Rows  int64
	Sum   string // SHA-256 over the rows in key order, each value with its length
}

// Message keys of a move.
const (
	keyMoveSame     = "move.same"
	keyMoveExists   = "move.target_exists"
	keyMoveNotEmpty = "move.not_empty"
	keyMoveMismatch = "move.mismatch"
)

// MoveTo copies the studio into target — a new SQLite file, or an empty
// database on a server (postgres://…) — and verifies every table there.
// A target that holds a studio is refused. The studio here stays as it
// was: it is only read, from one snapshot. progress is told how far the
// copy and the check are.
func (s *Store) MoveTo(ctx context.Context, target string, progress Progress) ([]MoveCheck, error) {
	if err := s.Allow(data.OpTransfer); err != nil {
		return nil, err
	}
	target = strings.TrimSpace(target)
	args := map[string]any{"Target": ShownURL(target)}
	build := BuildDatabase
	if IsServerURL(target) {
		if s.conn != "" && sameServerDatabase(s.conn, target) {
			return nil, data.Errorf(data.CodeInvalid, keyMoveSame, args)
		}
		if err := refuseServerStudio(ctx, target, args); err != nil {
			return nil, err
		}
		build = BuildServerDatabase
	} else {
		if s.path != "" && sameFile(s.path, target) {
			return nil, data.Errorf(data.CodeInvalid, keyMoveSame, args)
		}
		if fi, err := os.Stat(target); err == nil && fi.Size() > 0 {
			return nil, data.Errorf(data.CodeConflict, keyMoveExists, args)
		}
	}
	var checks []MoveCheck
	err := build(ctx, target, func(dst *Store) error {
		var err error
		checks, err = s.copyInto(ctx, dst, progress)
		return err
	})
	if err != nil {
		return nil, err
	}
	return checks, nil
}

// refuseServerStudio refuses a server database that holds a studio.
func refuseServerStudio(ctx context.Context, target string, args map[string]any) error {
	dst, err := OpenServer(ctx, target)
	if err != nil {
		return err
	}
	defer dst.Close()
	held, err := dst.holdsStudio(ctx)
	if err != nil {
		return internal(err)
	}
	if held {
		return data.Errorf(data.CodeConflict, keyMoveNotEmpty, args)
	}
	return nil
}

// holdsStudio reports whether the database holds anything of a studio
// (a new database holds only its default settings and clauses).
func (s *Store) holdsStudio(ctx context.Context) (bool, error) {
	var n int64
	err := s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM staff)
		+ (SELECT count(*) FROM services) + (SELECT count(*) FROM payments) + (SELECT count(*) FROM audit_log)`).Scan(&n)
	return n > 0, err
}

// sameServerDatabase reports whether two server URLs name one database.
func sameServerDatabase(a, b string) bool {
	ca, errA := pgx.ParseConfig(strings.TrimSpace(a))
	cb, errB := pgx.ParseConfig(strings.TrimSpace(b))
	return errA == nil && errB == nil && ca.Host == cb.Host && ca.Port == cb.Port && ca.Database == cb.Database
}

// sameFile reports whether two paths name one file.
func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// copyInto copies every table from one snapshot of s into dst, a new
// database, in one transaction, then compares them.
func (s *Store) copyInto(ctx context.Context, dst *Store, progress Progress) ([]MoveCheck, error) {
	src, err := s.readTx(ctx)
	if err != nil {
		return nil, internal(err)
	}
	defer src.raw.(*sql.Tx).Rollback()
	total := int64(0)
	for _, t := range movedTables {
		var n int64
		if err := src.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return nil, internal(err)
		}
		total += n
	}
	done := int64(0)
	tell := func() {
		done++
		if progress != nil && done%5000 == 0 && total > 0 {
			progress(0.8 * float64(done) / float64(total)) // the check is the rest
		}
	}
	checks := make([]MoveCheck, len(movedTables))
	if err := dst.writeOnce(ctx, func(tx *dbx) error { return copyTables(ctx, src, tx, checks, tell) }); err != nil {
		return nil, internal(err)
	}
	if err := dst.verifyCopy(ctx, checks, progress); err != nil {
		return nil, err
	}
	return checks, nil
}

// copyTables copies every moved table from src into tx, adding up each
// in checks; the database of tx keeps what a copy needs beside its rows.
func copyTables(ctx context.Context, src, tx *dbx, checks []MoveCheck, row func()) error {
	if _, err := tx.Exec(tx.d.deferForeignKeys()); err != nil {
		return err
	}
	for i, t := range movedTables {
		cols, keys, err := tableLayout(ctx, src, t)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM ` + t); err != nil { // a new database's defaults give way
			return err
		}
		checks[i] = MoveCheck{Table: t}
		ins := newRowBatch(tx, `INSERT INTO `+t+` (`+strings.Join(cols, ", ")+`) VALUES`, "", len(cols))
		err = eachTableRow(ctx, src, t, cols, keys, &checks[i], func(vals []any) error {
			row()
			return ins.add(vals...)
		})
		if err == nil {
			err = ins.flush()
		}
		ins.close()
		if err != nil {
			return err
		}
	}
	return finishCopy(tx)
}

// verifyCopy reads every table back from the copy with the same code and
// compares it with what was copied.
func (s *Store) verifyCopy(ctx context.Context, checks []MoveCheck, progress Progress) error {
	for i, want := range checks {
		cols, keys, err := tableLayout(ctx, s.read, want.Table)
		if err != nil {
			return internal(err)
		}
		var got MoveCheck
		if err := eachTableRow(ctx, s.read, want.Table, cols, keys, &got, func([]any) error { return nil }); err != nil {
			return internal(err)
		}
		if got.Rows != want.Rows || got.Sum != want.Sum {
			return data.Errorf(data.CodeInternal, keyMoveMismatch, map[string]any{"Table": want.Table,
				"Rows": want.Rows, "Copied": got.Rows})
		}
		if progress != nil {
			progress(0.8 + 0.2*float64(i+1)/float64(len(checks)))
		}
	}
	return nil
}

// finishCopy sets what a copied database keeps beside its rows: on a
// server the identities' sequences past the copied ids, so no id is given
// twice; on a file the full-text table of the clients' search text.
func finishCopy(tx *dbx) error {
	if tx.d.searchTable {
		_, err := tx.Exec(`INSERT INTO client_fts (rowid, search_text) SELECT id, search_text FROM clients`)
		return err
	}
	for _, t := range movedTables {
		cols, _, err := tableLayout(tx.ctx, tx, t)
		if err != nil {
			return err
		}
		if !slices.Contains(cols, "id") {
			continue
		}
		var seq sql.NullString
		if err := tx.QueryRow(`SELECT pg_get_serial_sequence(?, 'id')`, t).Scan(&seq); err != nil {
			return err
		}
		if !seq.Valid {
			continue
		}
		if _, err := tx.Exec(`SELECT setval(?, (SELECT coalesce(max(id), 0) + 1 FROM `+t+`), false)`, seq.String); err != nil {
			return err
		}
	}
	return nil
}

// tableLayout returns a table's columns as the database has them, and the
// columns of its primary key, the order its rows are compared in.
func tableLayout(ctx context.Context, q *dbx, table string) (cols, keys []string, err error) {
	query := `SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`
	if q.d.engine == enginePostgres {
		query = `SELECT c.column_name, coalesce((SELECT k.ordinal_position FROM information_schema.key_column_usage k
				JOIN information_schema.table_constraints t ON t.constraint_name = k.constraint_name
					AND t.table_schema = k.table_schema AND t.constraint_type = 'PRIMARY KEY'
				WHERE k.table_schema = c.table_schema AND k.table_name = c.table_name AND k.column_name = c.column_name), 0)
			FROM information_schema.columns c WHERE c.table_schema = current_schema() AND c.table_name = ?
			ORDER BY c.ordinal_position`
	}
	pk := map[int]string{}
	err = eachRow(ctx, q, query, func(r rowsOf) error {
		var name string
		var at int
		if err := r.Scan(&name, &at); err != nil {
			return err
		}
		cols = append(cols, name)
		if at > 0 {
			pk[at] = name
		}
		return nil
	}, table)
	for i := 1; i <= len(pk); i++ {
		keys = append(keys, pk[i])
	}
	if len(keys) == 0 {
		keys = cols
	}
	return cols, keys, err
}

// eachTableRow reads a table's rows in key order, adds each to the check
// and hands its values to fn. Values are hashed as text: every engine
// gives whole numbers, text and bytes alike.
func eachTableRow(ctx context.Context, q *dbx, table string, cols, keys []string, check *MoveCheck, fn func([]any) error) error {
	h := sha256.New()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var size [8]byte
	err := eachRow(ctx, q, `SELECT `+strings.Join(cols, ", ")+` FROM `+table+` ORDER BY `+strings.Join(keys, ", "),
		func(r rowsOf) error {
			if err := r.Scan(ptrs...); err != nil {
				return err
			}
			for _, v := range vals {
				text, null := valueText(v)
				if null {
					h.Write([]byte{0})
					continue
				}
				h.Write([]byte{1})
				binary.BigEndian.PutUint64(size[:], uint64(len(text)))
				h.Write(size[:])
				h.Write(text)
			}
			check.Rows++
			return fn(vals)
		})
	check.Sum = hex.EncodeToString(h.Sum(nil))
	return err
}

// valueText is a column's value as bytes, and whether it was NULL.
func valueText(v any) ([]byte, bool) {
	var out []byte
	switch x := v.(type) {
	case nil:
		return nil, true
	case []byte:
		out = x
	case string:
		out = []byte(x)
	default:
		out = []byte(asText(plain(x)))
	}
	return out, false
}
