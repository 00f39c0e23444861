package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"studiopartner/data"
	"testing"
)

const clientHeader = "id,name,contact_person,phone,email,address,birth_date,language,status,decline_ground,decline_reason,referred_by,notes,created_at,updated_at\n"

func clientLine(id int, name, birth string) string {
	return fmt.Sprintf("%d,%s,,,,,%s,de,active,,,,,2026-01-02T10:00:00Z,2026-01-02T10:00:00Z\n", id, name, birth)
}

// importErr imports text as kind and returns the store error.
func importErr(t *testing.T, s *Store, kind, text string) *data.Error {
	t.Helper()
	n, err := ImportCSV(context.Background(), s, kind, strings.NewReader(text), int64(len(text)), nil)
	if err == nil {
		t.Fatalf("import of bad %s stored %d rows without complaint", kind, n)
	}
	if n != 0 {
		t.Errorf("a failed import reports %d rows", n)
	}
	var e *data.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want *Error", err)
	}
	return e
}

// wantRow checks that e lists a problem with key on line.
func wantRow(t *testing.T, e *data.Error, line int, key string) {
	t.Helper()
	for _, f := range e.Fields {
		if f.Key == key && f.Args["Line"] == line {
			return
		}
	}
	t.Errorf("want %s on line %d, got %v", key, line, e)
}

func clientCount(t *testing.T, s *Store) int {
	n, err := s.CountClients(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportBadInput(t *testing.T) {
	s := newStore(t)
	good := clientLine(1, "Anna Berg", "2012-03-04")

	e := importErr(t, s, "clients", "id,contact_person\n1,x\n")
	if e.Key != "import.header.missing" || e.Args["Column"] != "name" {
		t.Errorf("missing column: %v", e)
	}
	e = importErr(t, s, "clients", strings.Replace(clientHeader, "notes", "nots", 1)+good)
	if e.Key != "import.header.unknown" || e.Args["Column"] != "nots" {
		t.Errorf("unknown column: %v", e)
	}
	e = importErr(t, s, "clients", clientHeader+good+clientLine(2, "Ben Kurz", "04.03.2012"))
	wantRow(t, e, 3, "import.row.date")
	e = importErr(t, s, "clients", clientHeader+good+"2,Ben \"Bär\" Kurz,,,,,,de,active,,,,,,\n")
	wantRow(t, e, 3, "import.row.quote")
	e = importErr(t, s, "clients", clientHeader+good+clientLine(2, "J\xfcrgen M\xfcller", ""))
	wantRow(t, e, 3, "import.row.encoding")
	e = importErr(t, s, "clients", clientHeader+good+"2,Ben\n")
	wantRow(t, e, 3, "import.row.columns")
	e = importErr(t, s, "clients", clientHeader+good+clientLine(1, "Ben Kurz", ""))
	wantRow(t, e, 3, "import.row.taken")
	e = importErr(t, s, "clients", clientHeader+good+strings.Replace(clientLine(2, "Ben Kurz", ""), "active", "sleeping", 1))
	wantRow(t, e, 3, "import.row.invalid")
	e = importErr(t, s, "clients", clientHeader+good+clientLine(2, "Ben Kurz", "")[:0]+"x,Ben,,,,,,de,active,,,,,,\n")
	wantRow(t, e, 3, "import.row.id")
	e = importErr(t, s, "payments", "id,client_id,amount_cents,method,received_on,note,reverses,staff_id,created_at\n"+
		"1,99,1000,cash,2026-11-01,,,,\n")
	wantRow(t, e, 2, "import.row.reference")
	e = importErr(t, s, "audit_log", "id\n")
	if e.Key != "import.kind" {
		t.Errorf("a table that cannot be imported: %v", e)
	}
	e = importErr(t, s, "clients", "")
	if e.Key != "import.empty" {
		t.Errorf("empty file: %v", e)
	}
	if n := clientCount(t, s); n != 0 {
		t.Fatalf("failed imports left %d clients behind", n)
	}

	// many bad rows: every one is counted, the list stays readable
	var b strings.Builder
	b.WriteString(clientHeader)
	for i := 1; i <= 500; i++ {
		b.WriteString(clientLine(i, "X", "31.12.2012"))
	}
	e = importErr(t, s, "clients", b.String())
	if e.Args["Count"] != 500 || len(e.Fields) != maxImportProblems {
		t.Errorf("500 bad rows: count %v, listed %d", e.Args["Count"], len(e.Fields))
	}

	// the same file without faults goes in, searchable, audited once
	n, err := ImportCSV(context.Background(), s, "clients", strings.NewReader(clientHeader+good), 0, nil)
	if err != nil || n != 1 {
		t.Fatalf("good import: %d, %v", n, err)
	}
	if hits, _ := s.SearchClients(context.Background(), "berg", 5); len(hits) != 1 {
		t.Errorf("imported client not found: %v", hits)
	}
}

func TestImportManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("200,000 rows")
	}
	rows := 200_000
	if raceBuild {
		rows = 10_000 // make test also runs this one without -race, at full size
	}
	s := newStore(t)
	var b strings.Builder
	b.WriteString(clientHeader)
	for i := 1; i <= rows; i++ {
		b.WriteString(clientLine(i, fmt.Sprintf("Kundin %d", i), ""))
	}
	var calls int
	n, err := ImportCSV(context.Background(), s, "clients", strings.NewReader(b.String()), int64(b.Len()), func(float64) { calls++ })
	if err != nil || n != rows {
		t.Fatalf("import: %d rows, %v", n, err)
	}
	if got := clientCount(t, s); got != rows {
		t.Errorf("%d clients stored", got)
	}
	if calls < rows/5000 {
		t.Errorf("progress was told %d times over %d rows", calls, rows)
	}
}

func TestExportRefusesFullFolder(t *testing.T) {
	s := newStore(t)
	dir := tempDir(t)
	os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o600)
	_, err := ExportCSV(context.Background(), s, dir, nil)
	wantCode(t, err, data.CodeInvalid)
	if data.AsError(err).Key != "export.not_empty" {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "keep.txt")); string(b) != "mine" {
		t.Error("export touched a file it found")
	}
	if os.Getuid() != 0 {
		ro := filepath.Join(tempDir(t), "ro")
		os.Mkdir(ro, 0o500)
		_, err = ExportCSV(context.Background(), s, ro, nil)
		wantCode(t, err, data.CodeInvalid)
	}
	files, err := ExportCSV(context.Background(), s, filepath.Join(dir, "new"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if st, _ := os.Stat(f); st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v", f, st.Mode().Perm())
		}
	}
}

func wantCode(t *testing.T, err error, code data.Code) {
	t.Helper()
	if e := data.AsError(err); e == nil || e.Code != code {
		t.Fatalf("err = %v, want code %s", err, code)
	}
}

// docs/csv.md describes every exported table and each of its columns.
func TestCSVDocumented(t *testing.T) {
	b, err := os.ReadFile("../../docs/csv.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, spec := range transferTables {
		i := strings.Index(doc, "### "+spec.name+" ")
		if i < 0 {
			t.Errorf("docs/csv.md has no section for %s", spec.name)
			continue
		}
		section := doc[i+4:]
		if j := strings.Index(section, "### "); j >= 0 {
			section = section[:j]
		}
		for _, c := range spec.cols {
			if !strings.Contains(section, "| "+c.name+" |") && !strings.Contains(section, c.name+",") &&
				!strings.Contains(section, ", "+c.name+" |") {
				t.Errorf("docs/csv.md does not describe %s.%s", spec.name, c.name)
			}
		}
	}
}

// Every table of the schema is exported, apart from those derived from
// others and the search index.
func TestEveryTableExported(t *testing.T) {
	sqliteOnly(t, "reads SQLite's catalogue (TestBothEnginesEndAtTheSameSchema keeps PostgreSQL's the same)")
	s := newStore(t)
	derived := map[string]bool{"schema_migrations": true, "client_terms": true, "goodwill_sums": true, "payment_months": true, "visit_months": true}
	rows, err := s.read.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'client_fts%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	exported := map[string]bool{}
	for _, n := range ExportTables() {
		exported[n] = true
	}
	for rows.Next() {
		var name string
		rows.Scan(&name)
		if !derived[name] && !exported[name] {
			t.Errorf("table %s is not exported", name)
		}
	}
}

// Each exported table carries all of its columns except the derived ones
// and the PIN secrets; a column added later must be added here or to
// the export.
func TestEveryColumnExported(t *testing.T) {
	sqliteOnly(t, "reads SQLite's catalogue (TestBothEnginesEndAtTheSameSchema keeps PostgreSQL's the same)")
	s := newStore(t)
	left := map[string]bool{"clients.sort_name": true, "clients.search_text": true, "clients.credit_cents": true, "clients.open_cents": true,
		"clients.overdue_cents": true, "clients.oldest_due": true, "clients.goodwill_90d_cents": true,
		"clients.goodwill_90d_count": true, "clients.goodwill_90d_since": true, "charges.paid_cents": true,
		"staff.pin_hash": true, "staff.pin_failures": true, "staff.locked_until": true,
		"contracts.sessions_used": true, "clients.last_visit_on": true, "clients.member_since": true,
		"contracts.withdrawal_until": true, "contracts.void_terms": true}
	for _, spec := range transferTables {
		have := map[string]bool{}
		for _, c := range spec.cols {
			have[c.name] = true
		}
		rows, err := s.read.Query(`SELECT name FROM pragma_table_info(?)`, spec.name)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var col string
			rows.Scan(&col)
			if !have[col] && !left[spec.name+"."+col] {
				t.Errorf("%s.%s is neither exported nor derived", spec.name, col)
			}
		}
		rows.Close()
	}
}
