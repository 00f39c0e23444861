package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"io"
	"strconv"
	"strings"
	"studiopartner/data"
	"time"
	"unicode/utf8"
)

// Reading a table back in the format Export writes: every line checked on
// its own, then the database's rules, all in one transaction.

// maxImportProblems is how many row problems an import lists before it
// only counts them.
const maxImportProblems = 100

// problems collects the row problems of an import.
type problems struct {
	list  []data.FieldError
	count int
}

func (p *problems) add(line int, key string, args map[string]any) {
	p.count++
	if len(p.list) >= maxImportProblems {
		return
	}
	if args == nil {
		args = map[string]any{}
	}
	args["Line"] = line
	p.list = append(p.list, data.FieldError{Field: strconv.Itoa(line), Key: key, Args: args})
}

// err is the import's error: every row problem found, or nil.
func (p *problems) err() error {
	if p.count == 0 {
		return nil
	}
	return &data.Error{Code: data.CodeInvalid, Key: "import.failed", Args: map[string]any{"Count": p.count}, Fields: p.list}
}

// RowSource hands ImportRows one table's records as a file holds them.
type RowSource interface {
	// Header is the names of the file's columns, in its order.
	Header() []string
	// Next is the next record and the line it starts on, io.EOF after the
	// last. A *RowProblem is a line that cannot be read; reading stops there.
	Next() (line int, rec []string, err error)
	// Done is how many bytes have been read so far, for progress.
	Done() int64
}

// RowProblem is a line of a file that cannot be read at all.
type RowProblem struct {
	Line int
	Key  string
	Args map[string]any
}

func (e *RowProblem) Error() string { return e.Key }

// LineProblem is the import's error for one line that cannot be read,
// the same as ImportRows gives for a problem further down.
func LineProblem(e *RowProblem) error {
	var p problems
	p.add(e.Line, e.Key, e.Args)
	return p.err()
}

// readProblem lists a reading error: a line, or the whole file.
func readProblem(p *problems, err error) {
	var rp *RowProblem
	if errors.As(err, &rp) {
		p.add(rp.Line, rp.Key, rp.Args)
		return
	}
	p.add(0, "import.read", map[string]any{"Detail": err.Error()})
}

// ImportRows stores all the records of one table in one transaction: any
// problem in any row and nothing is stored. Ids in the records are kept,
// so the tables of one export can be read back one by one in the order of
// ImportKinds. It returns the rows stored. size is the file's length in
// bytes for progress, 0 if unknown.
func (s *Store) ImportRows(ctx context.Context, kind string, src RowSource, size int64, progress Progress) (int, error) {
	if err := s.Allow(data.OpTransfer); err != nil {
		return 0, err
	}
	rd, err := newImportReader(kind, src)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.writeOnce(ctx, func(tx *dbx) error { // the rows are read from the stream once
		var err error
		n, err = s.importRows(tx, rd, size, progress)
		return err
	})
	if err != nil {
		return 0, internal(err)
	}
	if s.OnServer() { // the planner's figures for a table filled at once
		if _, err := s.db.ExecContext(ctx, `ANALYZE `+rd.spec.name); err != nil {
			return 0, internal(err)
		}
	}
	if progress != nil {
		progress(1)
	}
	return n, nil
}

// importRows stores every row of the reader in tx, checking each by the
// table's rules and all of them together by the foreign keys at the end.
func (s *Store) importRows(tx *dbx, rd *importReader, size int64, progress Progress) (int, error) {
	t := rd.spec
	if _, err := tx.Exec(tx.d.deferForeignKeys()); err != nil {
		return 0, err
	}
	ins, err := tx.Prepare(t.insertSQL())
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	after, err := importHelper(tx, t.name)
	if err != nil {
		return 0, err
	}
	defer after.close()
	n := 0
	lines := map[int64]int{} // rowid → line, for problems found at the end
	rule, today := ruleFor(t.name), s.Today()
	err = rd.each(stamp(s.now()), func(line int, args []any) error {
		if ruleProblems(&rd.p, line, rule(tx, t.rowValues(args), today)) {
			return nil
		}
		id, stored, err := insertImported(tx, ins, t, args, line, &rd.p)
		if !stored {
			return err
		}
		lines[id] = line
		n++
		if progress != nil && n%5000 == 0 && size > 0 {
			progress(float64(rd.src.Done()) / float64(size))
		}
		return after.row(id, args)
	})
	if err != nil {
		return 0, err
	}
	if rd.p.count == 0 {
		foreignProblems(tx, t, lines, &rd.p)
	}
	if rd.p.count > 0 {
		return 0, rd.p.err()
	}
	if err := after.flush(); err != nil {
		return 0, err
	}
	if err := followImportedIDs(tx, t); err != nil {
		return 0, err
	}
	if err := importFinish(s, tx, t.name); err != nil {
		return 0, err
	}
	return n, s.audit(tx, t.name, 0, data.ActionImport, nil, map[string]any{"rows": n})
}

// insertSQL is the statement that stores one imported row.
func (t tableSpec) insertSQL() string {
	cols, vals := strings.Join(t.names(), ", "), t.placeholders()
	if t.filled != "" {
		cols, vals = cols+", "+t.filled, vals+", ''"
	}
	q := `INSERT INTO ` + t.name + ` (` + cols + `) VALUES (` + vals + `)` + t.upsert
	if t.hasID() {
		q += ` RETURNING id` // PostgreSQL's import reads the row's id so (SQLite's, its row id)
	}
	return q
}

// hasID reports whether the table's rows have an id column, first.
func (t tableSpec) hasID() bool {
	return len(t.cols) > 0 && t.cols[0].kind == colID && t.cols[0].name == "id"
}

// rowValues names a row's values by column, for the table's rules.
func (t tableSpec) rowValues(args []any) rowValues {
	r := make(rowValues, len(t.cols))
	for i, c := range t.cols {
		r[c.name] = args[i]
	}
	return r
}

// importReader checks each record of one table on its own; the
// database's rules come after, in ImportRows.
type importReader struct {
	spec  tableSpec
	src   RowSource
	index []int
	width int
	p     problems
}

// CheckImportKind refuses a kind of table that cannot be imported.
func CheckImportKind(kind string) error {
	if t, ok := transferSpec(kind); !ok || !t.imports {
		return data.Errorf(data.CodeInvalid, "import.kind", map[string]any{"Kind": kind, "Kinds": strings.Join(ImportKinds(), ", ")})
	}
	return nil
}

// newImportReader maps the source's header to the table's columns.
func newImportReader(kind string, src RowSource) (*importReader, error) {
	if err := CheckImportKind(kind); err != nil {
		return nil, err
	}
	t, _ := transferSpec(kind)
	header := src.Header()
	rd := &importReader{spec: t, src: src, width: len(header)}
	var err error
	if rd.index, err = headerIndex(t, header); err != nil {
		return nil, err
	}
	return rd, nil
}

// each hands every sound line's values to row; lines with problems are
// listed and skipped, and reading goes on so every problem is found.
func (rd *importReader) each(now string, row func(line int, args []any) error) error {
	args := make([]any, len(rd.spec.cols))
	for {
		line, rec, err := rd.src.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			readProblem(&rd.p, err)
			return nil
		}
		if !readRow(&rd.p, line, rd.spec, rd.index, rec, rd.width, now, args) {
			continue
		}
		if err := row(line, args); err != nil {
			return err
		}
	}
}

// headerIndex maps each column of the table to its place in the file's
// header, or -1 if the file leaves it out.
func headerIndex(t tableSpec, header []string) ([]int, error) {
	at := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		if _, twice := at[h]; twice {
			return nil, data.Errorf(data.CodeInvalid, "import.header.twice", map[string]any{"Column": h})
		}
		at[h] = i
	}
	index := make([]int, len(t.cols))
	for i, c := range t.cols {
		j, ok := at[c.name]
		if !ok {
			if c.need {
				return nil, data.Errorf(data.CodeInvalid, "import.header.missing", map[string]any{"Column": c.name,
					"Columns": strings.Join(t.names(), ", ")})
			}
			j = -1
		}
		delete(at, c.name)
		index[i] = j
	}
	for h := range at {
		return nil, data.Errorf(data.CodeInvalid, "import.header.unknown", map[string]any{"Column": h,
			"Columns": strings.Join(t.names(), ", ")})
	}
	return index, nil
}

// readRow checks one record and fills args with its values; it reports
// every problem in the row and returns whether the row is sound.
func readRow(p *problems, line int, t tableSpec, index []int, rec []string, width int, now string, args []any) bool {
	if len(rec) != width {
		p.add(line, "import.row.columns", map[string]any{"Got": len(rec), "Want": width})
		return false
	}
	ok := true
	for i, c := range t.cols {
		v := c.fallback
		if index[i] >= 0 {
			v = rec[index[i]]
		}
		if !utf8.ValidString(v) {
			p.add(line, "import.row.encoding", map[string]any{"Column": c.name})
			ok = false
			continue
		}
		var problem string
		args[i], problem = cellParsers[c.kind](c, v, now)
		if problem != "" {
			if c.kind == colHex {
				v = "" // a broken PDF is not printed
			}
			p.add(line, problem, map[string]any{"Column": c.name, "Value": v})
			ok = false
		}
	}
	return ok
}

// cellParsers turn a cell into its column's value, or name its problem.
var cellParsers = map[colKind]func(c column, v, now string) (any, string){
	colText: func(c column, v, _ string) (any, string) {
		if c.need && v == "" {
			return v, "import.row.required"
		}
		return v, ""
	},
	colID:  parseIDCell,
	colRef: parseIDCell,
	colInt: func(_ column, v, _ string) (any, string) {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return n, "import.row.number"
		}
		return n, ""
	},
	colDate: func(c column, v, _ string) (any, string) {
		if v == "" && c.empty {
			return v, ""
		}
		if d, err := data.ParseDate(v); err != nil || d.IsZero() || d.String() != v {
			return v, "import.row.date"
		}
		return v, ""
	},
	colHex: func(_ column, v, _ string) (any, string) {
		if _, err := hex.DecodeString(v); err != nil || v == "" {
			return v, "import.row.hex"
		}
		return v, ""
	},
	colStamp: func(_ column, v, now string) (any, string) {
		if v == "" {
			return now, ""
		}
		if _, err := time.Parse(time.RFC3339, v); err != nil {
			return v, "import.row.stamp"
		}
		return v, ""
	},
}

// parseIDCell reads an id or a reference: a positive number, or empty
// where the column allows it.
func parseIDCell(c column, v, _ string) (any, string) {
	if v == "" {
		if c.need {
			return nil, "import.row.required"
		}
		return nil, ""
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return id, "import.row.id"
	}
	return id, ""
}

// sqlProblem names what the database refused in a row.
func sqlProblem(err error) string {
	switch classify(err) {
	case errUnique:
		return "import.row.taken"
	case errCheck:
		return "import.row.rule"
	case errNotNull:
		return "import.row.missing"
	}
	return "import.row.refused"
}

// insertImported stores one imported row and returns its row id (the id
// the foreign-key check names) and whether it was stored; a row the
// database refuses becomes a problem of its line, while a lost connection
// or a cancelled import is returned as an error.
func insertImported(tx *dbx, ins *dbStmt, t tableSpec, args []any, line int, p *problems) (int64, bool, error) {
	id, err := insertRow(tx, ins, t, args)
	if err == nil {
		return id, true, nil
	}
	if k := classify(err); k == errUnreachable || k == errCanceled {
		return 0, false, err
	}
	p.add(line, sqlProblem(err), map[string]any{"Detail": err.Error()})
	return 0, false, nil
}

// followImportedIDs lets the next new row's id follow the imported ones on
// PostgreSQL, where imported ids were given, not drawn (SQLite's
// AUTOINCREMENT follows by itself).
func followImportedIDs(tx *dbx, t tableSpec) error {
	if tx.d.engine != enginePostgres || !t.hasID() {
		return nil
	}
	// never back: ids of rows deleted before stay spent
	_, err := tx.Exec(`SELECT setval(pg_get_serial_sequence(?, 'id'), greatest((SELECT max(id) FROM `+t.name+`),
		pg_sequence_last_value(pg_get_serial_sequence(?, 'id')::regclass))) WHERE EXISTS (SELECT 1 FROM `+t.name+`)`, t.name, t.name)
	return err
}

// insertRow inserts one imported row. On PostgreSQL a refused row would
// end the whole transaction, so each row is tried inside a savepoint there.
func insertRow(tx *dbx, ins *dbStmt, t tableSpec, args []any) (int64, error) {
	if tx.d.engine == engineSQLite {
		res, err := ins.Exec(args...)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	if _, err := tx.Exec(`SAVEPOINT import_row`); err != nil {
		return 0, err
	}
	var id int64
	var err error
	if t.hasID() {
		err = ins.QueryRow(args...).Scan(&id)
	} else {
		_, err = ins.Exec(args...)
	}
	if err != nil {
		if _, rerr := tx.Exec(`ROLLBACK TO SAVEPOINT import_row`); rerr != nil {
			return 0, rerr
		}
		return 0, err
	}
	_, err = tx.Exec(`RELEASE SAVEPOINT import_row`)
	return id, err
}

// foreignProblems reports rows of the import that point at rows that do
// not exist.
func foreignProblems(tx *dbx, t tableSpec, lines map[int64]int, p *problems) {
	if tx.d.engine == enginePostgres {
		idCol := "0" // a table without ids names no line
		if t.hasID() {
			idCol = "t.id"
		}
		foreignProblemsPG(tx, t.name, idCol, lines, p)
		return
	}
	rows, err := tx.Query(`SELECT rowid, parent FROM pragma_foreign_key_check(?)`, t.name)
	if err != nil {
		p.add(0, "import.read", map[string]any{"Detail": err.Error()})
		return
	}
	defer rows.Close()
	for rows.Next() {
		var rowid sql.NullInt64
		var parent string
		if rows.Scan(&rowid, &parent) == nil {
			p.add(lines[rowid.Int64], "import.row.reference", map[string]any{"Table": parent})
		}
	}
}

// importAfter keeps derived data in step row by row: the sort name and
// search terms of imported clients.
type importAfter struct {
	row   func(id int64, args []any) error
	flush func() error
	close func()
}

func importHelper(tx *dbx, table string) (importAfter, error) {
	s := importAfter{row: func(int64, []any) error { return nil }, flush: func() error { return nil }, close: func() {}}
	switch table {
	case "clients":
		ix, err := newIndexer(tx)
		if err != nil {
			return s, err
		}
		sortStmt, err := tx.Prepare(`UPDATE clients SET sort_name = ? WHERE id = ?`)
		if err != nil {
			ix.close()
			return s, err
		}
		s.flush = ix.flush
		s.close = func() { ix.close(); sortStmt.Close() }
		s.row = func(id int64, args []any) error {
			c := data.Client{ID: id, Name: args[1].(string), ContactPerson: args[2].(string), Phone: args[3].(string),
				Email: args[4].(string)}
			if _, err := sortStmt.Exec(sortName(c.Name), id); err != nil {
				return err
			}
			return ix.index(&c, true)
		}
	}
	return s, nil
}

func importFinish(s *Store, tx *dbx, table string) error {
	switch table {
	case "contracts":
		if _, err := tx.Exec(`INSERT INTO contract_prices (contract_id, effective_from, price_cents)
			SELECT id, start_on, price_cents FROM contracts WHERE 1 = 1 ON CONFLICT DO NOTHING`); err != nil { // WHERE: SQLite would read ON as a join
			return err
		}
		if err := refreshContractLaw(tx); err != nil {
			return err
		}
		return s.refreshMembers(tx)
	case "charges":
		return s.settle(tx, 0)
	case "payments":
		if err := rebuildSums(tx, table); err != nil {
			return err
		}
		return s.settle(tx, 0)
	case "goodwill":
		if err := rebuildSums(tx, table); err != nil {
			return err
		}
		return s.refreshGoodwill90(tx, 0)
	case "visits":
		if err := rebuildSums(tx, table); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE contracts SET sessions_used = (SELECT count(*) FROM visits v
			WHERE v.contract_id = contracts.id AND v.uses_session = 1 AND v.undone_on = '') WHERE sessions > 0`); err != nil {
			return err
		}
		return keepLastVisit(tx, 0)
	}
	return nil
}

// foreignProblemsPG finds the imported rows whose references point
// nowhere, by the table's foreign keys as the server describes them (its
// own check waits, deferred, for the commit and would name one row only).
func foreignProblemsPG(tx *dbx, table, idCol string, lines map[int64]int, p *problems) {
	type fk struct{ col, parent, parentCol string }
	var fks []fk
	err := eachRow(tx.ctx, tx, `SELECT a.attname, c.confrelid::regclass::text, pa.attname
		FROM pg_constraint c
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
		JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
		WHERE c.contype = 'f' AND c.conrelid = ?::regclass ORDER BY c.conname`, func(r rowsOf) error {
		var f fk
		err := r.Scan(&f.col, &f.parent, &f.parentCol)
		fks = append(fks, f)
		return err
	}, table)
	if err != nil {
		p.add(0, "import.read", map[string]any{"Detail": err.Error()})
		return
	}
	for _, f := range fks {
		err := eachRow(tx.ctx, tx, `SELECT `+idCol+` FROM `+table+` t WHERE t.`+f.col+` IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM `+f.parent+` x WHERE x.`+f.parentCol+` = t.`+f.col+`) ORDER BY 1`, func(r rowsOf) error {
			var id int64
			err := r.Scan(&id)
			p.add(lines[id], "import.row.reference", map[string]any{"Table": f.parent})
			return err
		})
		if err != nil {
			p.add(0, "import.read", map[string]any{"Detail": err.Error()})
			return
		}
	}
}

// ruleFor is the import rule of a table; a table without one takes every row.
func ruleFor(table string) rowRule {
	if r, ok := importRules[table]; ok {
		return r
	}
	return func(*dbx, rowValues, data.Date) error { return nil }
}
