package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// tableShape is what the comparison of the two engines looks at: columns
// by kind (integer, text, bytes) with whether they must hold a value and
// have a default, the primary key, foreign keys, unique column sets and
// how many CHECK rules there are.
type tableShape struct {
	Columns []string
	PK      string
	FKs     []string
	Uniques []string
	Checks  int
}

// Both engines' migrations have the same numbers and names.
func TestPostgreSQLMigrationsKeepSQLiteNumbers(t *testing.T) {
	bothEngines(t)
	lite, _ := fs.Glob(migrationFS, "migrations/*.sql")
	pgs, _ := fs.Glob(pgMigrationFS, "migrations_pg/*.sql")
	for i := range lite {
		lite[i] = strings.TrimPrefix(lite[i], "migrations/")
	}
	for i := range pgs {
		pgs[i] = strings.TrimPrefix(pgs[i], "migrations_pg/")
	}
	if !slices.Equal(lite, pgs) {
		t.Fatalf("SQLite's migrations %v, PostgreSQL's %v", lite, pgs)
	}
}

// A new database on either engine ends at the same tables, columns (by
// kind), keys, unique sets, CHECK rules and views. SQLite's full-text
// index (client_fts and its shadow tables) is SQLite's own: PostgreSQL
// searches with pg_trgm instead.
func TestBothEnginesEndAtTheSameSchema(t *testing.T) {
	bothEngines(t)
	s := newStore(t)
	db, err := sql.Open("pgx", pg.Need(t).Database(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := migratePG(ctx, db); err != nil {
		t.Fatal(err)
	}
	lite, liteViews := sqliteShape(t, s.pool)
	post, postViews := postgresShape(t, db)
	if !slices.Equal(liteViews, postViews) {
		t.Errorf("views: SQLite %v, PostgreSQL %v", liteViews, postViews)
	}
	var names []string
	for name := range lite {
		names = append(names, name)
	}
	for name := range post {
		if _, ok := lite[name]; !ok {
			t.Errorf("table %s only on PostgreSQL", name)
		}
	}
	sort.Strings(names)
	if len(names) < 20 {
		t.Fatalf("only %d tables read from SQLite: the comparison is broken", len(names))
	}
	for _, name := range names {
		p, ok := post[name]
		if !ok {
			t.Errorf("table %s only on SQLite", name)
			continue
		}
		if a, b := fmt.Sprintf("%+v", lite[name]), fmt.Sprintf("%+v", p); a != b {
			t.Errorf("table %s differs:\nSQLite     %s\nPostgreSQL %s", name, a, b)
		}
	}
}

// Programs that start at once on a new PostgreSQL database migrate one
// after the other: each finds the schema whole, none applies a step twice.
func TestPostgreSQLMigratesOneProgramAtATime(t *testing.T) {
	bothEngines(t)
	url := pg.Need(t).Database(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sql.Open("pgx", url) // a program of its own: its own connections
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			_, err = migratePG(ctx, db)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	db, _ := sql.Open("pgx", url)
	defer db.Close()
	var n, top int
	if err := db.QueryRow(`SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &top); err != nil || n != len(pgMigrations) || top != SchemaVersion() {
		t.Fatalf("%d steps recorded, the newest %d (%v); want %d", n, top, err, SchemaVersion())
	}
	// a number once given is not given again, even after the newest row
	// is gone
	var first, second int64
	db.QueryRow(`INSERT INTO clients (name, sort_name, created_at, updated_at) VALUES ('A', 'a', '', '') RETURNING id`).Scan(&first)
	db.Exec(`DELETE FROM clients WHERE id = $1`, first)
	db.QueryRow(`INSERT INTO clients (name, sort_name, created_at, updated_at) VALUES ('B', 'b', '', '') RETURNING id`).Scan(&second)
	if first == 0 || second <= first {
		t.Fatalf("ids %d then %d after a delete: a number given twice", first, second)
	}
}

func sqliteShape(t *testing.T, db *sql.DB) (map[string]tableShape, []string) {
	t.Helper()
	out := map[string]tableShape{}
	var views []string
	rows := textRows(t, db, `SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view')
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'client_fts%' ORDER BY name`)
	for _, r := range rows {
		if r[0] == "view" {
			views = append(views, r[1])
			continue
		}
		name := r[1]
		var sh tableShape
		pk := map[int]string{}
		for _, c := range textRows(t, db, `SELECT name, type, "notnull", dflt_value IS NOT NULL, pk FROM pragma_table_info(?) ORDER BY name`, name) {
			notNull := c[2] == "1" || c[4] != "0"
			sh.Columns = append(sh.Columns, shapeColumn(c[0], c[1], notNull, c[3] == "1"))
			if c[4] != "0" {
				var n int
				fmt.Sscan(c[4], &n)
				pk[n] = c[0]
			}
		}
		for i := 1; i <= len(pk); i++ {
			sh.PK += pk[i] + ","
		}
		fks := map[string][2][]string{}
		for _, f := range textRows(t, db, `SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`, name) {
			k := f[0] + ">" + f[1]
			v := fks[k]
			fks[k] = [2][]string{append(v[0], f[2]), append(v[1], f[3])}
		}
		for k, v := range fks {
			sh.FKs = append(sh.FKs, strings.Join(v[0], ",")+"->"+strings.SplitN(k, ">", 2)[1]+"("+strings.Join(v[1], ",")+")")
		}
		sort.Strings(sh.FKs)
		for _, ix := range textRows(t, db, `SELECT name, partial FROM pragma_index_list(?) WHERE "unique" = 1 AND origin <> 'pk'`, name) {
			var cols []string
			for _, c := range textRows(t, db, `SELECT coalesce(name, '?') FROM pragma_index_info(?) ORDER BY seqno`, ix[0]) {
				cols = append(cols, c[0])
			}
			sh.Uniques = append(sh.Uniques, unique(cols, ix[1] == "1"))
		}
		sort.Strings(sh.Uniques)
		sh.Checks = len(regexp.MustCompile(`(?i)\bCHECK\s*\(`).FindAllString(r[2], -1))
		out[name] = sh
	}
	return out, views
}

func postgresShape(t *testing.T, db *sql.DB) (map[string]tableShape, []string) {
	t.Helper()
	out := map[string]tableShape{}
	var views []string
	for _, v := range textRows(t, db, `SELECT table_name FROM information_schema.views WHERE table_schema = 'public' ORDER BY 1`) {
		views = append(views, v[0])
	}
	for _, r := range textRows(t, db, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
			AND table_type = 'BASE TABLE' ORDER BY 1`) {
		name := r[0]
		var sh tableShape
		for _, c := range textRows(t, db, `SELECT column_name, data_type, is_nullable = 'NO', column_default IS NOT NULL
				FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`, name) {
			sh.Columns = append(sh.Columns, shapeColumn(c[0], c[1], c[2] == "true", c[3] == "true"))
		}
		for _, c := range textRows(t, db, `SELECT a.attname FROM pg_constraint k, unnest(k.conkey) WITH ORDINALITY AS u(n, o)
				JOIN pg_attribute a ON a.attrelid = $1::regclass AND a.attnum = u.n
				WHERE k.conrelid = $1::regclass AND k.contype = 'p' ORDER BY u.o`, name) {
			sh.PK += c[0] + ","
		}
		for _, f := range textRows(t, db, `SELECT (SELECT string_agg(a.attname, ',' ORDER BY u.o) FROM unnest(k.conkey) WITH ORDINALITY AS u(n, o)
					JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n),
				k.confrelid::regclass::text,
				(SELECT string_agg(a.attname, ',' ORDER BY u.o) FROM unnest(k.confkey) WITH ORDINALITY AS u(n, o)
					JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n)
				FROM pg_constraint k WHERE k.conrelid = $1::regclass AND k.contype = 'f'`, name) {
			sh.FKs = append(sh.FKs, f[0]+"->"+f[1]+"("+f[2]+")")
		}
		sort.Strings(sh.FKs)
		for _, ix := range textRows(t, db, `SELECT pg_get_indexdef(i.indexrelid), i.indpred IS NOT NULL FROM pg_index i
				WHERE i.indrelid = $1::regclass AND i.indisunique AND NOT i.indisprimary`, name) {
			def := ix[0]
			list := def[strings.Index(def, "(")+1 : strings.LastIndex(strings.Split(def, " WHERE ")[0], ")")]
			var cols []string
			for _, c := range strings.Split(list, ", ") {
				if strings.HasPrefix(c, "lower(") { // SQLite's COLLATE NOCASE
					c = strings.TrimSuffix(strings.TrimPrefix(c, "lower("), ")")
				}
				cols = append(cols, c)
			}
			sh.Uniques = append(sh.Uniques, unique(cols, ix[1] == "true"))
		}
		sort.Strings(sh.Uniques)
		var n int
		db.QueryRow(`SELECT count(*) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'`, name).Scan(&n)
		sh.Checks = n
		out[name] = sh
	}
	return out, views
}

// shapeColumn describes a column for the comparison; an id that numbers
// itself has no default on SQLite and an identity on PostgreSQL, neither
// counted as a default.
func shapeColumn(name, typ string, notNull, hasDefault bool) string {
	kind := strings.ToLower(typ)
	switch {
	case strings.Contains(kind, "int"):
		kind = "integer"
	case strings.Contains(kind, "text"):
		kind = "text"
	case kind == "blob" || kind == "bytea":
		kind = "bytes"
	}
	return fmt.Sprintf("%s %s notnull=%v default=%v", name, kind, notNull, hasDefault)
}

func unique(cols []string, partial bool) string {
	s := strings.Join(cols, ",")
	if partial {
		s += " (partial)"
	}
	return s
}
